# The linkage fixtures' context ($work/linkage): programs of a newer Debian on an older one's libraries.
# Debian 12 (bookworm) glibc 2.36 and libstdc++6 of GCC 12, under programs of Debian 13 (trixie), built against glibc
# 2.41 and GCC 14: coreutils' base64 for arm64 (from dev/rootfs's trixie root filesystem: apt here lists trixie for amd64
# only) needs GLIBC_2.38, ninja-build for amd64 GLIBCXX_3.4.32; and trixie's loader beside bookworm's libc.so.6.
# Sourced by test-fixtures/build.
LINKAGE_DEBS=(coreutils:amd64 libstdc++6:amd64 libgcc-s1:amd64 ninja-build:amd64/trixie libc6:amd64/trixie)

prepare_linkage_context() {
  local pkg suite
  local -A of_suite=()
  mkdir -p "$work/debs-linkage"
  for pkg in "${LINKAGE_DEBS[@]}"; do
    suite=bookworm
    if [[ $pkg == */* ]]; then suite=${pkg#*/}; fi
    of_suite[$suite]+=" $pkg"
  done
  for suite in "${!of_suite[@]}"; do
    # shellcheck disable=SC2086 # one package name a word
    fetch_debs_into "$work/debs-linkage/$suite" ${of_suite[$suite]}
  done
  progress "at: the linkage context's trixie arm64 root filesystem (dev/rootfs, made once)"
  local trixie_arm64; trixie_arm64=$("$here/../dev/rootfs" trixie arm64)
  local stamp; stamp=$( { (cd "$work/debs-linkage" && ls -R); basename "$trixie_arm64"; cat "$work/debroot/.from"; } | recipe_stamp linkage)
  [ -f "$work/linkage/.from" ] && [ "$(cat "$work/linkage/.from")" = "$stamp" ] && return 0
  log "preparing the linkage context"
  local t=$work/linkage-tmp l=$work/linkage d; rm -rf "$t" "$l" && mkdir -p "$t"
  for d in "$work"/debs-linkage/*/*.deb; do
    local name; name=$(basename "$(dirname "$d")")-$(basename "$d" .deb | cut -d_ -f1); mkdir -p "$t/$name" && dpkg-deb -x "$d" "$t/$name"
  done
  tar -xf "$trixie_arm64" -C "$t" ./usr/bin/base64
  # glibc-version: base64 at /usr/local/bin on bookworm's glibc; the arm64 variant's is trixie's.
  local a
  for a in amd64 arm64; do
    mkdir -p "$l/version/$a/usr/local/bin" && cp -a "$work/debroot/$a/glibc/." "$l/version/$a/" && rm -f "$l/version/$a/.from"
  done
  cp "$t/bookworm-coreutils/usr/bin/base64" "$l/version/amd64/usr/local/bin/base64"
  cp "$t/usr/bin/base64" "$l/version/arm64/usr/local/bin/base64"
  # glibcxx-version: trixie's ninja on bookworm's glibc and libstdc++ (amd64).
  local lib=usr/lib/x86_64-linux-gnu
  mkdir -p "$l/cxx/usr/bin" && cp -a "$work/debroot/amd64/glibc/." "$l/cxx/" && rm -f "$l/cxx/.from"
  cp -a "$t/bookworm-libstdc++6/usr/lib/." "$l/cxx/usr/lib/"
  cp -a "$t/bookworm-libgcc-s1/." "$l/cxx/"
  rm -rf "$l/cxx/usr/share"
  cp "$t/trixie-ninja-build/usr/bin/ninja" "$l/cxx/usr/bin/ninja"
  # libc-mismatch: bookworm's glibc and hello, with trixie's loader in place of bookworm's (amd64).
  mkdir -p "$l/mismatch/usr/bin" && cp -a "$work/debroot/amd64/glibc/." "$l/mismatch/" && rm -f "$l/mismatch/.from"
  cp "$work/debroot/amd64/hello/usr/bin/hello" "$l/mismatch/usr/bin/hello"
  cp --remove-destination "$t/trixie-libc6/$lib/ld-linux-x86-64.so.2" "$l/mismatch/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"
  rm -rf "$t"
  echo "$stamp" >"$l/.from"
}
