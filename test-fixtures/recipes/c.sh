# The C fixtures' context ($work/c: CPU level, signals), compiled by the host's gcc, statically, so that a FROM
# scratch image runs them; nothing else is in it. Sourced by test-fixtures/build.
prepare_c_context() {
  local stamp
  stamp=$( { gcc --version | head -1; cat "$here/src/c/avx2.c" "$here/src/c/segv.c"; } | recipe_stamp c)
  [ -f "$work/c/.from" ] && [ "$(cat "$work/c/.from")" = "$stamp" ] && return 0
  rm -rf "$work/c" && mkdir -p "$work/c"
  gcc -O3 -march=x86-64-v3 -mneeded -static -o "$work/c/avx2-v3" "$here/src/c/avx2.c"
  gcc -O0 -static -o "$work/c/segv" "$here/src/c/segv.c"
  echo "$stamp" >"$work/c/.from"
}
