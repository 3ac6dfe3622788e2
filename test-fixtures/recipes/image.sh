# How an image is made from its Dockerfile and context and pushed to the local registry, under the tag its key
# names (test-fixtures/build retags it as expect.json says). Part of every image's key. Sourced by test-fixtures/build.

buildx_push() { # name dockerfile context platforms ref
  local name=$1 dockerfile=$2 ctx=$3 platforms=$4 ref=$5 try
  # buildx pushes one tag only, and gets a second try: the packaged registry (2.8) writes a tag's
  # link file in place, and a HEAD that meets it half-written is answered 500 ("invalid checksum
  # digest format"); with two tags pushed at once that happened on most runs.
  for try in 1 2 3; do
    if "$DOCKER" buildx build --progress=plain --platform "$platforms" -f "$dockerfile" \
        -t "$ref" --push "$ctx" >"$work/logs/$name.log" 2>&1; then
      return 0
    fi
    grep -q '500 Internal Server Error' "$work/logs/$name.log" && [ $try -lt 3 ] && { log "$name: registry answered 500, retrying"; continue; }
    tail -20 "$work/logs/$name.log" >&2
    die "building $name failed; full log: $work/logs/$name.log"
  done
}

# An index assembled by hand from per-architecture tags, the way `docker manifest create` users
# do: each entry points at the manifest of the tag STITCH (expect.json's "stitch") names for its platform.
stitch_push() { # name dockerfile context ref stitch
  local name=$1 dockerfile=$2 ctx=$3 ref=$4 stitch=$5
  local repo=${ref%:*} registry=${ref%%/*} path; path=$(repo_of "$ref")
  local arch
  for arch in $(jq -r 'to_entries[] | .value' <<<"$stitch" | sort -u); do
    log "$name: building the :$arch tag"
    "$DOCKER" buildx build --progress=plain --provenance=false --platform "linux/$arch" -f "$dockerfile" \
      -t "$repo:$arch" --push "$ctx" >"$work/logs/$name-$arch.log" 2>&1 \
      || die "building $name:$arch failed; full log: $work/logs/$name-$arch.log"
  done
  local manifests='[]' platform tag headers digest size media os a variant
  while IFS=$'\t' read -r platform tag; do
    headers=$(curl -fsS -I -H "Accept: application/vnd.oci.image.manifest.v1+json,application/vnd.docker.distribution.manifest.v2+json" \
      "http://$registry/v2/$path/manifests/$tag")
    digest=$(grep -i '^docker-content-digest:' <<<"$headers" | awk '{print $2}' | tr -d '\r')
    size=$(grep -i '^content-length:' <<<"$headers" | awk '{print $2}' | tr -d '\r')
    media=$(grep -i '^content-type:' <<<"$headers" | awk '{print $2}' | tr -d '\r')
    IFS=/ read -r os a variant <<<"$platform"
    manifests=$(jq -c --arg d "$digest" --argjson s "$size" --arg m "$media" --arg os "$os" --arg a "$a" --arg v "${variant:-}" \
      '. + [{mediaType: $m, digest: $d, size: $s, platform: ({os: $os, architecture: $a} + (if $v == "" then {} else {variant: $v} end))}]' <<<"$manifests")
  done < <(jq -r 'to_entries[] | [.key, .value] | @tsv' <<<"$stitch")
  local index; index=$(jq -c '{schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json", manifests: .}' <<<"$manifests")
  curl -fsS -X PUT -H "Content-Type: application/vnd.oci.image.index.v1+json" --data-binary "$index" \
    "http://$registry/v2/$path/manifests/${ref##*:}" >/dev/null || die "pushing the stitched index of $name failed"
}
