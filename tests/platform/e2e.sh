#!/bin/bash
# End-to-end: the real `unknot` window under Xvfb, driven by real X input
# events (xdotool), checked through the --trace file the app appends to after
# every frame in which its screen or hotspots changed:
#   <screen>\t<id> <x> <y> <w> <h>\t<id> <x> <y> <w> <h>...   (logical pixels)
#
# [SECTION] Setup: skip (77) without the tools, re-run inside its own Xvfb
# [SECTION] Helpers: wait for a screen, click or scroll to a hotspot (every
#           wait is bounded)
# [SECTION] The journey: home, browse, neck, card, back key, start, pause,
#           resume, stop (cancel, then confirm), end, done, back keys home,
#           resize
#
# Usage: e2e.sh PATH/TO/unknot WORK_DIR
set -u

#-----------------------------------------------------------------------------
# [SECTION] Setup
#-----------------------------------------------------------------------------
exe=${1:?usage: e2e.sh PATH/TO/unknot WORK_DIR}
work=${2:?usage: e2e.sh PATH/TO/unknot WORK_DIR}
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
  exec timeout 200 bash "$(dirname "$0")/../xvfb_run.sh" 1400x1000 bash "$0" "$@"
fi

# The pixel checks need ImageMagick; without it they are listed at the end and
# the test reports a skip instead of a pass.
unchecked=""
have_magick() { command -v import >/dev/null && command -v compare >/dev/null && command -v identify >/dev/null; }
not_checked() { unchecked="$unchecked
  - $1"; }
export SDL_VIDEODRIVER=x11 SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0 SDL_AUDIODRIVER=dummy
mkdir -p "$work"
trace="$work/trace.txt"
journal="$work/journal.db"
rm -f "$trace" "$work"/*.png "$journal" "$journal"-wal "$journal"-shm
# A journal of its own: a first start (the safety note), and the session
# recorded below is checked in the file afterwards.
"$exe" --size 390x844 --trace "$trace" --journal "$journal" >"$work/app.log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null; wait "$app" 2>/dev/null' EXIT

fail() {
  echo "FAIL: $*"
  echo "--- last trace line:"; tail -n 1 "$trace" 2>/dev/null | tr '\t' '\n'
  echo "--- app log:"; cat "$work/app.log"
  import -window root "$work/failure.png" 2>/dev/null && echo "(screen saved to $work/failure.png)"
  exit 1
}

#-----------------------------------------------------------------------------
# [SECTION] Helpers
#-----------------------------------------------------------------------------
# The window appears after the app's first frame.
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

# wait_for SCREEN [HOTSPOT]: until the trace's last line shows SCREEN (and
# HOTSPOT among its hotspots). 10 s at most.
wait_for() {
  local want=$1 spot=${2:-}
  for _ in $(seq 1 100); do
    local line; line=$(last)
    if [ "${line%%$'\t'*}" = "$want" ]; then
      if [ -z "$spot" ] || printf '%s\n' "$line" | tr '\t' '\n' | grep -q "^$spot "; then
        echo "ok: $want${spot:+ (has $spot)}"
        return 0
      fi
    fi
    kill -0 "$app" 2>/dev/null || fail "unknot exited while waiting for $want"
    sleep 0.1
  done
  fail "screen $want${spot:+ with hotspot $spot} not shown within 10 s"
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

# scroll_to HOTSPOT: wheel down (real wheel events) until the hotspot is on
# screen in full; the list of a busy area is longer than a phone.
scroll_to() {
  local id=$1
  for _ in $(seq 1 30); do
    local rect
    rect=$(last | tr '\t' '\n' | awk -v id="$id" '$1 == id { print $3 + $5; exit }')
    if [ -n "$rect" ] && [ "$rect" -le 780 ]; then
      echo "ok: $id in view"
      return 0
    fi
    xdotool mousemove --window "$win" 195 500
    xdotool click 5
    sleep 0.2
  done
  fail "could not scroll $id into view"
}

key() {
  echo "key $1"
  xdotool key "$1"
}

#-----------------------------------------------------------------------------
# [SECTION] The journey
#-----------------------------------------------------------------------------
# A first start: the safety note comes first and must be acknowledged.
wait_for safety safety-ok
click safety-ok
wait_for home browse
click browse
wait_for browse spot:neck
click spot:neck
wait_for list
scroll_to card:neck-release
click card:neck-release
wait_for card start
# The back key (Escape) leaves the card for the list, then we come back.
key Escape
wait_for list
scroll_to card:neck-release
click card:neck-release
wait_for card start
click start
# The optional pain question: answer 6.
wait_for pain pain:6
click pain:6
wait_for player pause
import -window "$win" "$work/player.png" 2>/dev/null || true
click pause
wait_for player resume
# Paused means frozen: two captures 1.2 s apart are identical (the countdown
# would have moved otherwise; it moves while running, checked below).
same_after() {
  import -window "$win" "$work/a.png" && sleep 1.2 && import -window "$win" "$work/b.png" || fail "import failed"
  compare -metric AE "$work/a.png" "$work/b.png" null: 2>&1
}
if have_magick; then
  d=$(same_after)
  [ "$d" = "0" ] || fail "the paused player still changes ($d pixels differ)"
  echo "ok: paused player is still"
fi
have_magick || not_checked "the paused player is still (pixels)"
click resume
wait_for player pause
if have_magick; then
  d=$(same_after)
  [ "$d" != "0" ] || fail "the running player does not move"
  echo "ok: running player moves ($d pixels changed in 1.2 s)"
fi
have_magick || not_checked "the running player moves (pixels)"
# Stop asks first: cancel keeps the session, confirm ends it.
click stop
wait_for player stop-cancel
click stop-cancel
wait_for player stop
click stop
wait_for player stop-confirm
click stop-confirm
wait_for end done
# The same question after, on the end screen; the session is already saved.
scroll_to pain-after:4
click pain-after:4
sleep 0.3
click done
wait_for card start
# Back to Home with the back keys: Escape, Backspace, Escape.
key Escape
wait_for list
key BackSpace
wait_for browse spot:neck
key Escape
wait_for home browse

# Resizing (a phone turned, a desktop window dragged): the layout follows and
# the whole window is redrawn (the software renderer's partial redraws must
# not leave the new area unpainted).
before=$(last | tr '\t' '\n' | awk '$1 == "browse" { print $4 }')
xdotool windowsize "$win" 800 600
for _ in $(seq 1 100); do
  now=$(last | tr '\t' '\n' | awk '$1 == "browse" { print $4 }')
  [ -n "$now" ] && [ "$now" != "$before" ] && break
  sleep 0.1
done
[ "$now" != "$before" ] || fail "the layout did not follow the resize (browse is still $before wide)"
echo "ok: resized, browse is now $now wide (was $before)"
if have_magick; then
  sleep 0.3
  import -window "$win" "$work/resized.png" || fail "import failed"
  geometry=$(identify -format '%wx%h' "$work/resized.png")
  [ "$geometry" = "800x600" ] || fail "window is $geometry after resizing to 800x600"
  # The background is light: a black (unpainted) right part would be dark.
  mean=$(convert "$work/resized.png" -crop 300x500+480+50 -colorspace Gray -format '%[fx:mean]' info:)
  awk -v m="$mean" 'BEGIN { exit !(m > 0.5) }' || fail "the newly exposed area looks unpainted (mean $mean)"
  echo "ok: resized window fully painted (mean brightness $mean)"
fi
have_magick || not_checked "the resized window is fully painted (pixels)"

kill -0 "$app" 2>/dev/null || fail "unknot died"

# The journal: the session is in the file, with both pains, readable by the
# command line while the app still runs (WAL).
json=$("$exe" export --json - --journal "$journal") || fail "unknot export failed"
printf '%s\n' "$json" | grep -q '"routine_id": *"neck-release"' || fail "the session is not in the journal: $json"
printf '%s\n' "$json" | grep -q '"pain_before": *6' || fail "pain before not recorded: $json"
printf '%s\n' "$json" | grep -q '"pain_after": *4' || fail "pain after not recorded: $json"
echo "ok: the session is in the journal with pain 6 -> 4"
mode=$(stat -c %a "$journal")
[ "$mode" = "600" ] || fail "journal mode is $mode, not 600"
echo "ok: journal is readable by the user alone ($mode)"

# A restart: the note was acknowledged, so Home comes first, with the routine
# under Recent.
kill "$app"; wait "$app" 2>/dev/null
: >"$trace"
"$exe" --size 390x844 --trace "$trace" --journal "$journal" >>"$work/app.log" 2>&1 &
app=$!
win=""
for _ in $(seq 1 100); do
  win=$(xdotool search --name '^Unknot$' 2>/dev/null | head -n 1)
  [ -n "$win" ] && break
  sleep 0.1
done
wait_for home browse
scroll_to recent:neck-release
echo "ok: after a restart, Home lists the routine under Recent"

# Checks that could not run make the whole test a skip (77), never a pass:
# everything else above has passed, but not all this test claims.
if [ -n "$unchecked" ]; then
  printf 'SKIP: ImageMagick (import, compare, identify, convert) is not installed, so these were not checked:%s\n(apt install imagemagick)\n' "$unchecked"
  exit 77
fi
echo "PASS: end-to-end journey"
exit 0
