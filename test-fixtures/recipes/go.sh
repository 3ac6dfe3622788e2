# The Go toolchain image's context ($work/go): the host's golang-go, whose go command is linked against glibc
# (Debian's amd64 one, from debroot); the compilers under pkg/tool are static. Sourced by test-fixtures/build.
prepare_go_context() {
  local goroot stamp
  goroot=$(go env GOROOT)
  stamp=$( { echo "$goroot"; go version; cat "$work/debroot/.from"; } | recipe_stamp go)
  [ -f "$work/go/.from" ] && [ "$(cat "$work/go/.from")" = "$stamp" ] && return 0
  rm -rf "$work/go" && mkdir -p "$work/go/amd64"
  cp -aL "$goroot" "$work/go/goroot"
  rm -rf "$work/go/goroot/test" "$work/go/goroot/api" "$work/go/goroot/doc" "$work/go/goroot/misc"
  cp -a "$work/debroot/amd64/glibc" "$work/go/amd64/glibc"
  echo "$stamp" >"$work/go/.from"
}
