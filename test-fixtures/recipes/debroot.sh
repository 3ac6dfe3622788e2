# Debian's busybox-static, libc6 and hello of each architecture, unpacked into $work/debroot: the busybox base's
# context, and the loader and libraries other contexts copy. Sourced by test-fixtures/build.
# Platform directory names are ${TARGETARCH}${TARGETVARIANT}, as the Dockerfiles spell them.
declare -A DEBARCH=([amd64]=amd64 [arm64]=arm64 [armv7]=armhf [armv5]=armel [s390x]=s390x [ppc64le]=ppc64el)
DEB_PACKAGES=(busybox-static libc6 hello)

fetch_debs() {
  local arch specs=()
  for arch in "${DEBARCH[@]}"; do specs+=("${DEB_PACKAGES[@]/%/:$arch}"); done
  fetch_debs_into "$work/debs" "${specs[@]}"
}

unpack_debs() {
  local stamp; stamp=$(ls "$work/debs" | recipe_stamp debroot)
  [ -f "$work/debroot/.from" ] && [ "$(cat "$work/debroot/.from")" = "$stamp" ] && return 0
  rm -rf "$work/debroot"
  local dir arch pkg deb out
  for dir in "${!DEBARCH[@]}"; do
    arch=${DEBARCH[$dir]}
    for pkg in "${DEB_PACKAGES[@]}"; do
      deb=$(ls "$work"/debs/${pkg}_*_${arch}.deb | head -1)
      out=$work/debroot/$dir/${pkg%-static}
      [ "$out" = "$work/debroot/$dir/libc6" ] && out=$work/debroot/$dir/glibc
      mkdir -p "$out"
      dpkg-deb -x "$deb" "$out"
      rm -rf "$out/usr/share"
      basename "$deb" >"$out/.from"
    done
  done
  # busybox-static ships only /bin/busybox; a base image needs its applets on PATH.
  local applets; applets=$("$work/debroot/amd64/busybox/bin/busybox" --list)
  for dir in "${!DEBARCH[@]}"; do
    local bb=$work/debroot/$dir/busybox
    mkdir -p "$bb/tmp" "$bb/root" && chmod 1777 "$bb/tmp"
    for applet in $applets; do
      [ "$applet" = busybox ] || ln -sf busybox "$bb/bin/$applet"
    done
  done
  echo "$stamp" >"$work/debroot/.from"
}
