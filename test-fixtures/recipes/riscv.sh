# The RISC-V fixtures, from Debian's cross compiler (gcc-riscv64-linux-gnu) without a C library, so each
# program's Tag_RISCV_arch is its -march alone: rv64gcv (V 1.0, which no common board has) and rv64gc.
# Its context is $work/riscv. Sourced by test-fixtures/build.
prepare_riscv_context() {
  local src=$here/src/c/rv-vector.c stamp
  stamp=$( { riscv64-linux-gnu-gcc --version | head -1; cat "$src"; } | recipe_stamp riscv)
  [ -f "$work/riscv/.from" ] && [ "$(cat "$work/riscv/.from")" = "$stamp" ] && return 0
  log "preparing the RISC-V context"
  local r=$work/riscv march
  rm -rf "$r" && mkdir -p "$r/riscv64"
  for march in rv64gcv rv64gc; do
    riscv64-linux-gnu-gcc -O2 -static -nostdlib -ffreestanding -march=$march -mabi=lp64d -o "$r/riscv64/$march" "$src"
  done
  echo "$stamp" >"$r/.from"
}
