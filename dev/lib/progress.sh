# Sourced by the long scripts (dev/setup-host, test-fixtures/build): none may go a minute without
# a line saying what it is doing. `progress_start NAME` starts a watcher; `progress WHAT` names the
# step under way (`progress` alone: none, the script speaks for itself again); whenever 30 s pass
# without a new step, the watcher says the step is still under way and for how long. The watcher
# ends with the script.
progress_file=
progress_start() {
  progress_file=$(mktemp /tmp/archgate-progress.XXXXXX)
  local name=$1 parent=$$
  (
    trap - EXIT
    # Only fd 3 reaches the caller's stderr, and sleep does not hold it: a caller that reads the
    # script's output to its end is not kept waiting by a watcher's last sleep.
    exec 3>&2 >/dev/null 2>&1
    while sleep 30 3>&-; do
      kill -0 "$parent" 2>/dev/null && [ -f "$progress_file" ] || exit 0
      [ -s "$progress_file" ] || continue
      age=$(( $(date +%s) - $(stat -c %Y "$progress_file") ))
      [ "$age" -lt 30 ] || echo "$name: still $(cat "$progress_file") (${age} s)" >&3
    done
  ) </dev/null &
  progress_watcher=$!
  trap progress_end EXIT
}
# Background jobs the script started (e.g. dev/test's corpus build) end with it, also when it fails.
progress_jobs=()
progress_end() {
  kill "$progress_watcher" "${progress_jobs[@]}" 2>/dev/null
  rm -f "$progress_file"
}
progress() {
  [ -n "$progress_file" ] || return 0
  if [ -n "$*" ]; then echo "$*" >"$progress_file"; else : >"$progress_file"; fi
}
