# The CPU-level fixtures of both directions, for linux/arm/v7 from Debian's cross compiler for armhf
# (gcc-arm-linux-gnueabihf): an unstripped static program that executes an ARMv8 instruction in main,
# and a program of the platform's level that loads a library built -march=armv8-a+crc, either choosing
# its CRC32 code from HWCAP2 (dispatch/) or not (plain/), beside Debian's armhf glibc. And Go programs
# built with each level setting above a platform's baseline, by the newest Go the host has (GOARM64
# and GORISCV64 need Go 1.23 or later: golang-1.24-go, which dev/setup-host installs from trixie). Its context is
# $work/levels. Sourced by test-fixtures/build.
GO_LEVELS=/usr/lib/go-1.24/bin/go
prepare_levels_context() {
  local src=$here/src/c stamp
  stamp=$( { arm-linux-gnueabihf-gcc --version | head -1; "$GO_LEVELS" version; cat "$src"/armv8-*.c; tree_hash "$here/src/hello"; cat "$work/debroot/.from"; } \
    | recipe_stamp levels)
  [ -f "$work/levels/.from" ] && [ "$(cat "$work/levels/.from")" = "$stamp" ] && return 0
  log "preparing the CPU-level context"
  local l=$work/levels
  rm -rf "$l" && mkdir -p "$l/armv7/plain" "$l/armv7/dispatch" "$l/go"
  arm-linux-gnueabihf-gcc -O2 -march=armv8-a -mfpu=neon-fp-armv8 -static -o "$l/armv7/armv8-main" "$src/armv8-main.c"
  local kind
  for kind in dispatch plain; do
    local c=armv8-dispatch.c; [ $kind = plain ] && c=armv8-nodispatch.c
    mkdir -p "$l/armv7/$kind/usr/lib/arm-linux-gnueabihf"
    cp -a "$work/debroot/armv7/glibc/." "$l/armv7/$kind/" && rm -f "$l/armv7/$kind/.from"
    arm-linux-gnueabihf-gcc -O2 -march=armv8-a+crc -mfpu=neon-fp-armv8 -shared -fPIC -Wl,-soname,libarmv8crc.so.1 \
      -o "$l/armv7/$kind/usr/lib/arm-linux-gnueabihf/libarmv8crc.so.1" "$src/$c"
    arm-linux-gnueabihf-gcc -O2 -o "$l/armv7/$kind/app" "$src/armv8-dispatch-main.c" -L"$l/armv7/$kind/usr/lib/arm-linux-gnueabihf" \
      -l:libarmv8crc.so.1
  done
  # Directory names are ${TARGETARCH}${TARGETVARIANT}, as the Dockerfile spells them.
  local spec dir goarch setting
  for spec in "arm64 arm64 GOARM64=v8.2" "ppc64le ppc64le GOPPC64=power9" "riscv64 riscv64 GORISCV64=rva22u64" "armv6 arm GOARM=7"; do
    read -r dir goarch setting <<<"$spec"
    mkdir -p "$l/go/$dir"
    (cd "$here/src/hello" && env CGO_ENABLED=0 GOOS=linux GOARCH="$goarch" "$setting" GOTOOLCHAIN=local GOFLAGS=-mod=mod \
      "$GO_LEVELS" build -trimpath -ldflags=-s -o "$l/go/$dir/app" .)
  done
  echo "$stamp" >"$l/.from"
}
