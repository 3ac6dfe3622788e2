# The natives fixtures' context ($work/natives): real packages whose native code a runtime loads on first use.
# Debian 12's python3-yaml (_yaml.cpython-311-<triplet>.so), python3-cryptography (_rust.abi3.so, WHEEL tag
# linux_<arch>) and node-iconv (build/Release/iconv.node) of amd64 and arm64; npm's classic-level (prebuilds for
# linux-x64 glibc and musl, linux-arm64, linux-arm, android, darwin, win32) and bufferutil (linux-x64 only among
# Linux prebuilds); Maven Central's sqlite-jdbc (natives for Linux, Linux-Musl, Android, FreeBSD) and netty's
# epoll transport as its linux-x86_64 and linux-aarch_64 classifier jars. natives/<arch>/ holds what the variant
# of <arch> gets: its own packages (own/), the other architecture's (foreign/), the multi-platform ones (multi/),
# and bufferutil (x64only/). Sourced by test-fixtures/build, after recipes/reach.sh (its base/ and OTHER).
NATIVE_DEBS=(python3-yaml python3-cryptography node-iconv)
NATIVE_NPM=(classic-level/-/classic-level-3.0.0.tgz bufferutil/-/bufferutil-4.1.0.tgz)
NATIVE_MAVEN=(org/xerial/sqlite-jdbc/3.46.1.3/sqlite-jdbc-3.46.1.3.jar
  io/netty/netty-transport-native-epoll/4.1.115.Final/netty-transport-native-epoll-4.1.115.Final-linux-x86_64.jar
  io/netty/netty-transport-native-epoll/4.1.115.Final/netty-transport-native-epoll-4.1.115.Final-linux-aarch_64.jar)
declare -A NETTY=([amd64]=x86_64 [arm64]=aarch_64)

prepare_natives_context() {
  local src=$work/natives-src pkg a u
  mkdir -p "$src"
  fetch_debs_into "$src" "${NATIVE_DEBS[@]/%/:amd64}" "${NATIVE_DEBS[@]/%/:arm64}"
  for u in "${NATIVE_NPM[@]/#/https://registry.npmjs.org/}" "${NATIVE_MAVEN[@]/#/https://repo1.maven.org/maven2/}"; do
    [ -f "$src/${u##*/}" ] && continue
    log "downloading ${u##*/}"
    curl -fsSL -o "$src/${u##*/}.part" "$u" && mv "$src/${u##*/}.part" "$src/${u##*/}" \
      || die "cannot download $u: the npm registry and Maven Central must be reachable"
  done
  local stamp; stamp=$( { ls "$src"; cat "$work/reach/.from"; } | recipe_stamp natives)
  [ -f "$work/natives/.from" ] && [ "$(cat "$work/natives/.from")" = "$stamp" ] && return 0
  log "preparing the natives context"
  local t=$work/natives-tmp; rm -rf "$t" "$work/natives" && mkdir -p "$t"
  for a in amd64 arm64; do
    for pkg in "${NATIVE_DEBS[@]}"; do
      dpkg-deb -x "$(ls "$src"/${pkg}_*_${a}.deb)" "$t/$a"
    done
  done
  for a in amd64 arm64; do
    local o=${OTHER[$a]} n=$work/natives/$a kind from
    mkdir -p "$n" && cp -a "$work/reach/$a/base" "$n/base"
    for kind in own foreign; do
      from=$a; [ $kind = foreign ] && from=$o
      local d=$n/$kind
      mkdir -p "$d/usr/lib/python3" "$d/app/node_modules/iconv/build/Release" "$d/app/lib"
      cp -a "$t/$from/usr/lib/python3/dist-packages" "$d/usr/lib/python3/"
      cp "$t/$from"/usr/lib/*/nodejs/iconv/build/Release/iconv.node "$d/app/node_modules/iconv/build/Release/"
      cp "$src/netty-transport-native-epoll-4.1.115.Final-linux-${NETTY[$from]}.jar" "$d/app/lib/"
    done
    local m=$n/multi/app
    mkdir -p "$m/node_modules/classic-level" "$m/lib" "$n/x64only/app/node_modules/bufferutil"
    tar -xzf "$src/classic-level-3.0.0.tgz" -C "$m/node_modules/classic-level" --strip-components=1
    tar -xzf "$src/bufferutil-4.1.0.tgz" -C "$n/x64only/app/node_modules/bufferutil" --strip-components=1
    cp "$src/sqlite-jdbc-3.46.1.3.jar" "$src"/netty-transport-native-epoll-4.1.115.Final-linux-*.jar "$m/lib/"
  done
  rm -rf "$t"
  echo "$stamp" >"$work/natives/.from"
}
