#!/bin/bash
# End-to-end for `unknot --watch`: the real window under Xvfb on a copy of the
# content, whose files the script breaks and repairs while the app runs. The
# app's --trace file (one line per frame in which the screen or its hotspots
# changed: <screen>\t<id> <x> <y> <w> <h>...) tells what is shown; the error
# overlay is the hotspot "lint-overlay".
#
# [SECTION] Setup: skip (77) without the tools, re-run inside its own Xvfb
# [SECTION] Helpers: wait for a screen, with or without a hotspot (bounded)
# [SECTION] The journey: first-start note, the card, an error in another
#           routine (overlay over the card), repaired (overlay gone, still the
#           card), an error in the card's own routine (it closes), repaired
#
# Usage: watch_e2e.sh PATH/TO/unknot WORK_DIR CONTENT_DIR
set -u

#-----------------------------------------------------------------------------
# [SECTION] Setup
#-----------------------------------------------------------------------------
exe=${1:?usage: watch_e2e.sh PATH/TO/unknot WORK_DIR CONTENT_DIR}
work=${2:?usage: watch_e2e.sh PATH/TO/unknot WORK_DIR CONTENT_DIR}
source_content=${3:?usage: watch_e2e.sh PATH/TO/unknot WORK_DIR CONTENT_DIR}
# UNKNOT_TEST_NO_XVFB=1 pretends Xvfb is missing, to check the skip.
if [ -n "${UNKNOT_TEST_NO_XVFB:-}" ]; then
  echo "SKIP: UNKNOT_TEST_NO_XVFB is set: run as if Xvfb were not installed"
  exit 77
fi
for tool in Xvfb xdotool; do
  if ! command -v "$tool" >/dev/null; then
    echo "SKIP: $tool is not installed (apt install xvfb xdotool)"
    exit 77
  fi
done
if [ -z "${UNKNOT_E2E_INNER:-}" ]; then
  export UNKNOT_E2E_INNER=1
  # The whole script runs inside one X server; timeout bounds it for CI.
  exec timeout 150 bash "$(dirname "$0")/../xvfb_run.sh" 1400x1000 bash "$0" "$@"
fi

export SDL_VIDEODRIVER=x11 SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0 SDL_AUDIODRIVER=dummy
mkdir -p "$work"
work=$(cd "$work" && pwd)
trace="$work/trace.txt"
log="$work/app.log"
content="$work/content"
rm -rf "$content" "$trace" "$log"
cp -R "$source_content" "$content" || { echo "FAIL: cannot copy $source_content"; exit 1; }
routines="$content/core/routines"
shown=neck-release                # the card kept open
other=shoulder-rolls              # another routine of the same pack
[ -f "$routines/$shown.yaml" ] && [ -f "$routines/$other.yaml" ] || { echo "FAIL: content lacks $shown or $other"; exit 1; }
cp "$routines/$shown.yaml" "$work/$shown.yaml.orig"
cp "$routines/$other.yaml" "$work/$other.yaml.orig"

# --content replaces the default set (the vocabularies still come from the
# data folder); a journal in memory: a first start, so the safety note shows.
"$exe" --size 390x844 --watch --content "$content/core" --journal :memory: --screen "card:$shown" \
  --trace "$trace" >"$log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null; wait "$app" 2>/dev/null' EXIT

fail() {
  echo "FAIL: $*"
  echo "--- last trace line:"; tail -n 1 "$trace" 2>/dev/null | tr '\t' '\n'
  echo "--- app log:"; cat "$log"
  exit 1
}

#-----------------------------------------------------------------------------
# [SECTION] Helpers
#-----------------------------------------------------------------------------
win=""
for _ in $(seq 1 100); do
  win=$(xdotool search --name '^Unknot$' 2>/dev/null | head -n 1)
  [ -n "$win" ] && break
  kill -0 "$app" 2>/dev/null || fail "unknot exited before showing its window"
  sleep 0.1
done
[ -n "$win" ] || fail "no window named Unknot within 10 s"
echo "window $win"

last() { tail -n 1 "$trace" 2>/dev/null; }
has_spot() { printf '%s\n' "$1" | tr '\t' '\n' | grep -q "^$2 "; }

# wait_for SCREEN [HOTSPOT] [ABSENT]: until the trace's last line shows SCREEN,
# with HOTSPOT among its hotspots, and without ABSENT. 10 s at most.
wait_for() {
  local want=$1 spot=${2:-} absent=${3:-}
  for _ in $(seq 1 100); do
    local line; line=$(last)
    if [ "${line%%$'\t'*}" = "$want" ] &&
       { [ -z "$spot" ] || has_spot "$line" "$spot"; } &&
       { [ -z "$absent" ] || ! has_spot "$line" "$absent"; }; then
      echo "ok: $want${spot:+ (has $spot)}${absent:+ (no $absent)}"
      return 0
    fi
    kill -0 "$app" 2>/dev/null || fail "unknot exited while waiting for $want"
    sleep 0.1
  done
  fail "screen $want${spot:+ with hotspot $spot}${absent:+ without $absent} not shown within 10 s"
}

# click HOTSPOT: a real mouse click in the middle of the hotspot's rectangle.
click() {
  local id=$1 rect
  rect=$(last | tr '\t' '\n' | awk -v id="$id" '$1 == id { print $2, $3, $4, $5; exit }')
  [ -n "$rect" ] || fail "no hotspot $id on screen"
  read -r x y w h <<<"$rect"
  local cx=$((x + w / 2)) cy=$((y + h / 2))
  echo "click $id at $cx,$cy"
  xdotool mousemove --window "$win" "$cx" "$cy"
  sleep 0.15
  xdotool click 1
}

# log_mentions TEXT: until the app's log holds TEXT (a fixed string), 10 s at most.
log_mentions() {
  for _ in $(seq 1 100); do
    grep -qF -- "$1" "$log" && { echo "ok: the log says $1"; return 0; }
    sleep 0.1
  done
  fail "the app's log does not mention $1"
}

reloads() { grep -c "content reloaded" "$log"; }

# break_file NAME: an unknown key at the end of a routine (an error, see
# content/README.md section 9); sets $broken_line to its line number.
break_file() {
  local f="$routines/$1.yaml"
  broken_line=$(( $(wc -l <"$f") + 1 ))
  printf 'titel: oops\n' >>"$f"
  echo "broke $f at line $broken_line"
}

#-----------------------------------------------------------------------------
# [SECTION] The journey
#-----------------------------------------------------------------------------
# A first start: the safety note comes first, then the card asked for.
wait_for safety safety-ok
click safety-ok
wait_for card start lint-overlay
[ "$(reloads)" = 0 ] || fail "content reloaded before any file changed"

# An error in another routine: the overlay shows over the card, which stays.
break_file "$other"
wait_for card lint-overlay
has_spot "$(last)" start || fail "the card lost its Start button under the overlay"
log_mentions "content reloaded"
log_mentions "$routines/$other.yaml:$broken_line: unknown key 'titel'"

# Repaired: the overlay goes, the card stays.
n=$(reloads)
cp "$work/$other.yaml.orig" "$routines/$other.yaml"
wait_for card start lint-overlay
for _ in $(seq 1 100); do [ "$(reloads)" -gt "$n" ] && break; sleep 0.1; done
[ "$(reloads)" -gt "$n" ] || fail "no reload logged after the repair"
grep "content reloaded" "$log" | tail -n 1 | grep -q ", 0 errors)" || fail "the reload after the repair still reports errors"
echo "ok: repaired, reload reports 0 errors"

# An error in the card's own routine: the routine keeps its last good
# version, so its card stays open under the overlay naming the file and line.
break_file "$shown"
log_mentions "$routines/$shown.yaml:$broken_line: unknown key 'titel'"
# The log line is written before the next frame is traced (slow under ASan),
# so wait for the overlay itself rather than reading the trace at once.
wait_for card lint-overlay
has_spot "$(last)" start || fail "the card closed, or lost Start, when its own routine broke"
cp "$work/$shown.yaml.orig" "$routines/$shown.yaml"
wait_for card start lint-overlay
for _ in $(seq 1 100); do [ "$(reloads)" -ge 4 ] && break; sleep 0.1; done
grep "content reloaded" "$log" | tail -n 1 | grep -q ", 0 errors)" || fail "the last reload still reports errors"
echo "ok: the card stayed open while its routine was broken; repaired, the overlay is gone"

kill -0 "$app" 2>/dev/null || fail "unknot died"
echo "PASS: --watch end-to-end"
exit 0
