# The hardware fixtures, from Debian's cross compilers (gcc-aarch64-linux-gnu, gcc-powerpc64le-linux-gnu):
# static programs linked for 4 KiB pages, and inline LSE atomics (-march=armv8.1-a -mno-outline-atomics)
# against GCC's default outline atomics. Its context is $work/hardware. Sourced by test-fixtures/build.
prepare_hardware_context() {
  local src=$here/src/c/atomics.c stamp
  stamp=$( { aarch64-linux-gnu-gcc --version | head -1; powerpc64le-linux-gnu-gcc --version | head -1; cat "$src"; } | recipe_stamp hardware)
  [ -f "$work/hardware/.from" ] && [ "$(cat "$work/hardware/.from")" = "$stamp" ] && return 0
  log "preparing the hardware context"
  local h=$work/hardware
  rm -rf "$h" && mkdir -p "$h/arm64" "$h/ppc64le"
  aarch64-linux-gnu-gcc -O2 -static -Wl,-z,max-page-size=4096 -o "$h/arm64/page-4k" "$src"
  aarch64-linux-gnu-gcc -O2 -static -march=armv8.1-a -mno-outline-atomics -o "$h/arm64/lse-inline" "$src"
  aarch64-linux-gnu-gcc -O2 -static -o "$h/arm64/lse-outline" "$src"
  powerpc64le-linux-gnu-gcc -O2 -static -Wl,-z,max-page-size=4096 -o "$h/ppc64le/page-4k" "$src"
  echo "$stamp" >"$h/.from"
}
