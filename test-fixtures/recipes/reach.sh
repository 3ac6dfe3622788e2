# The reachability fixtures' context ($work/reach): foreign files placed where the loader would, or would not, find
# them. Made for linux/amd64 and linux/arm64 from Debian packages (glibc, zlib, the libc6-<arch>-cross sysroots, patchelf
# as a host tool) and the host's gcc and Go. reach/<arch>/ holds what the variant of <arch> gets; "foreign" objects
# there are of the other architecture. Sourced by test-fixtures/build.
declare -A TRIPLET=([amd64]=x86_64-linux-gnu [arm64]=aarch64-linux-gnu)
declare -A OTHER=([amd64]=arm64 [arm64]=amd64)
declare -A ADDON=([amd64]=linux-x64 [arm64]=linux-arm64)
REACH_DEBS=(libc6-arm64-cross libc6-amd64-cross zlib1g:amd64 zlib1g:arm64 patchelf:amd64)

prepare_reach_context() {
  local d
  fetch_debs_into "$work/debs-reach" "${REACH_DEBS[@]}"
  local stamp; stamp=$( { ls "$work/debs-reach"; tree_hash "$here/src/reach" "$here/src/hello"; gcc --version | head -1; go version; cat "$work/debroot/.from"; } \
    | recipe_stamp reach)
  [ -f "$work/reach/.from" ] && [ "$(cat "$work/reach/.from")" = "$stamp" ] && return 0
  log "preparing the reachability context"
  local t=$work/reach-tmp; rm -rf "$t" "$work/reach" && mkdir -p "$t"
  for d in "$work"/debs-reach/*.deb; do
    local name; name=$(basename "$d" .deb); mkdir -p "$t/$name" && dpkg-deb -x "$d" "$t/$name"
  done
  local patchelf; patchelf=$(ls "$t"/patchelf_*/usr/bin/patchelf)
  gcc -shared -fPIC -O2 -Wl,-soname,libvendor.so.1 -o "$t/libvendor-amd64.so.1" "$here/src/reach/vendor.c"
  local a
  for a in amd64 arm64; do
    local o=${OTHER[$a]} r=$work/reach/$a
    mkdir -p "$r/base" "$r/sysroot" "$r/bundle" "$r/foreign" "$r/native"
    cp -a "$work/debroot/$a/glibc/." "$r/base/"
    mkdir -p "$r/base/usr/bin" && cp "$work/debroot/$a/hello/usr/bin/hello" "$r/base/usr/bin/hello"
    # A cross sysroot of the other architecture, as Debian installs it under /usr/<triplet>/.
    cp -a "$(ls -d "$t"/libc6-$o-cross_*)/." "$r/sysroot/" && rm -rf "$r/sysroot/usr/share"
    # One shared object of each architecture: zlib from Debian (amd64's own built by gcc for the vendor library).
    cp "$(ls "$t"/zlib1g_*_$a/lib/*/libz.so.1.* "$t"/zlib1g_*_$a/usr/lib/*/libz.so.1.* 2>/dev/null | head -1)" "$r/native/libz.so.1"
    (cd "$here/src/hello" && CGO_ENABLED=0 GOARCH=$a go build -trimpath -ldflags=-s -o "$r/native/helper" . \
      && CGO_ENABLED=0 GOARCH=$o go build -trimpath -ldflags=-s -o "$r/foreign/helper" .)
  done
  # The foreign vendor library of each variant: gcc's x86-64 one for arm64, Debian's arm64 zlib renamed for amd64.
  cp "$t/libvendor-amd64.so.1" "$work/reach/arm64/foreign/libvendor.so.1"
  cp "$work/reach/arm64/native/libz.so.1" "$work/reach/amd64/foreign/libvendor.so.1"
  "$patchelf" --set-soname libvendor.so.1 "$work/reach/amd64/foreign/libvendor.so.1"
  for a in amd64 arm64; do
    local o=${OTHER[$a]} r=$work/reach/$a b
    # Add-on bundles: npm prebuilds, JNA's per-platform directories, a Python extension per triplet; the bundle
    # holds both architectures (one copy with exec bits, as gcc writes them), plus one program per architecture.
    b=$r/bundle/app
    mkdir -p "$b/node_modules/sqlite-addon/prebuilds/${ADDON[$a]}" "$b/node_modules/sqlite-addon/prebuilds/${ADDON[$o]}" \
      "$b/jna/linux-x86-64" "$b/jna/linux-aarch64" "$b/site-packages/speedups" "$b/tools/${ADDON[$a]}" "$b/tools/${ADDON[$o]}"
    install -m 0644 "$r/native/libz.so.1" "$b/node_modules/sqlite-addon/prebuilds/${ADDON[$a]}/node.napi.node"
    install -m 0755 "$r/foreign/libvendor.so.1" "$b/node_modules/sqlite-addon/prebuilds/${ADDON[$o]}/node.napi.node"
    local jna_native=linux-x86-64 jna_foreign=linux-aarch64; [ $a = arm64 ] && { jna_native=linux-aarch64; jna_foreign=linux-x86-64; }
    install -m 0644 "$r/native/libz.so.1" "$b/jna/$jna_native/libjnidispatch.so"
    install -m 0644 "$r/foreign/libvendor.so.1" "$b/jna/$jna_foreign/libjnidispatch.so"
    install -m 0755 "$r/native/libz.so.1" "$b/site-packages/speedups/_speedups.cpython-311-${TRIPLET[$a]}.so"
    install -m 0755 "$r/foreign/libvendor.so.1" "$b/site-packages/speedups/_speedups.cpython-311-${TRIPLET[$o]}.so"
    install -m 0755 "$r/native/helper" "$b/tools/${ADDON[$a]}/helper"
    install -m 0755 "$r/foreign/helper" "$b/tools/${ADDON[$o]}/helper"
    # Foreign files with no counterpart: an add-on built for the other architecture only (with and without exec
    # bits), a library outside every loader path, and a program of the other architecture only.
    b=$r/unpaired
    mkdir -p "$b/app/node_modules/fast-hash/build/Release" "$b/app/node_modules/@acme/codec/prebuilds/${ADDON[$o]}" "$b/opt/payload" \
      "$b/app/bin/${ADDON[$o]}"
    install -m 0644 "$r/foreign/libvendor.so.1" "$b/app/node_modules/fast-hash/build/Release/fast_hash.node"
    install -m 0755 "$r/foreign/libvendor.so.1" "$b/app/node_modules/@acme/codec/prebuilds/${ADDON[$o]}/codec.node"
    install -m 0644 "$r/foreign/libvendor.so.1" "$b/opt/payload/libvendor.so.1"
    install -m 0755 "$r/foreign/helper" "$b/app/bin/${ADDON[$o]}/helper"
    # Where the loader looks: the platform's multiarch directory, a RUNPATH ($ORIGIN), LD_LIBRARY_PATH, and a
    # DT_NEEDED chain through a native library whose RUNPATH leads to the foreign one.
    install -D -m 0644 "$r/foreign/libvendor.so.1" "$r/multiarch/usr/lib/${TRIPLET[$a]}/libvendor.so.1"
    install -D -m 0644 "$r/foreign/libvendor.so.1" "$r/runpath/usr/lib/vendor/libvendor.so.1"
    install -D -m 0755 "$r/base/usr/bin/hello" "$r/runpath/usr/bin/vendor-tool"
    # One change per patchelf call: 0.14 garbles the string table when one call makes several.
    "$patchelf" --set-rpath '$ORIGIN/../lib/vendor' "$r/runpath/usr/bin/vendor-tool"
    "$patchelf" --add-needed libvendor.so.1 "$r/runpath/usr/bin/vendor-tool"
    install -D -m 0644 "$r/foreign/libvendor.so.1" "$r/ldpath/opt/vendor/lib/libvendor.so.1"
    install -D -m 0755 "$r/base/usr/bin/hello" "$r/chain/usr/bin/vendor-tool"
    "$patchelf" --add-needed libchain.so.1 "$r/chain/usr/bin/vendor-tool"
    install -D -m 0644 "$r/native/libz.so.1" "$r/chain/usr/lib/${TRIPLET[$a]}/libchain.so.1"
    "$patchelf" --set-soname libchain.so.1 "$r/chain/usr/lib/${TRIPLET[$a]}/libchain.so.1"
    "$patchelf" --add-needed libvendor.so.1 "$r/chain/usr/lib/${TRIPLET[$a]}/libchain.so.1"
    "$patchelf" --set-rpath /opt/vendor-private "$r/chain/usr/lib/${TRIPLET[$a]}/libchain.so.1"
    install -D -m 0644 "$r/foreign/libvendor.so.1" "$r/chain/opt/vendor-private/libvendor.so.1"
  done
  # Emulators are carried for other hosts: the arm64 variant holds the host's (x86-64) qemu-aarch64-static.
  install -D -m 0755 /usr/bin/qemu-aarch64-static "$work/reach/arm64/sysroot/usr/bin/qemu-aarch64-static"
  mkdir -p "$work/reach/amd64/sysroot/usr/bin"
  rm -rf "$t"
  echo "$stamp" >"$work/reach/.from"
}
