#!/usr/bin/env bash
# Red team, the window app as a process: hostile options, output paths and
# signals. One section per class of problem; each prints "ok: ..." or fails
# with "FAIL: ..." and exit 1.
#
# [SECTION] Setup and helpers (every wait is bounded)
# [SECTION] Class: resource limits (--size, --canvas at most 8192 a side)
# [SECTION] Class: option validation (--lang, --screen, --font-px, --journal)
# [SECTION] Class: special output paths (FIFO, /dev/full, folder, symlink)
# [SECTION] Class: signals (SIGTERM/SIGINT at start-up, while loading from a
#           FIFO, in the loop, during a session, during a large screenshot)
#
# The first three need no display. Without Xvfb the script runs them, then
# exits 77 (skipped): the signal cases need a window.
#
# Usage: redteam_app.sh <unknot-exe> <scratch-dir> <source-dir>
set -u

#-----------------------------------------------------------------------------
# [SECTION] Setup
#-----------------------------------------------------------------------------
exe=${1:?usage: redteam_app.sh <unknot-exe> <scratch-dir> <source-dir>}
scratch=${2:?usage: redteam_app.sh <unknot-exe> <scratch-dir> <source-dir>}
src=${3:?usage: redteam_app.sh <unknot-exe> <scratch-dir> <source-dir>}
rm -rf "$scratch"
mkdir -p "$scratch/home"
# The app's data folder (SDL_GetPrefPath) lives in the scratch folder: the
# user's own journal and packs are never touched.
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/home/.local/share"
export SDL_VIDEODRIVER=x11 SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0 SDL_AUDIODRIVER=dummy

xvfb_pid=""
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill -KILL "$app_pid" 2>/dev/null
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*"
  [ -f "$scratch/err.txt" ] && { echo "--- stderr:"; head -c 2000 "$scratch/err.txt"; echo; }
  exit 1
}
ok() { echo "ok: $*"; }

# Runs the app with a bound (timeout 30 s: a hang is a failure, not a stuck
# test); sets $status, stderr in $scratch/err.txt.
run() {
  timeout -s KILL 30 "$exe" "$@" >"$scratch/out.txt" 2>"$scratch/err.txt"
  status=$?
  [ "$status" -eq 137 ] && fail "unknot $* hung (killed after 30 s)"
  return 0
}

# expect_usage MESSAGE-PART ARGS...: exit status 2 and MESSAGE-PART on stderr.
expect_usage() {
  local want=$1
  shift
  run "$@"
  [ "$status" -eq 2 ] || fail "unknot $(printf '%q ' "$@" | head -c 200): exit $status, expected 2"
  grep -qF -- "$want" "$scratch/err.txt" || fail "unknot $(printf '%q ' "$@" | head -c 200): no \"$want\" in the message"
}

#-----------------------------------------------------------------------------
# [SECTION] Class: resource limits
#-----------------------------------------------------------------------------
# 16384x16384 took a minute and 4 GB; refused before anything is drawn.
expect_usage "1 to 8192" --screenshot "$scratch/big.png" --size 16384x16384
expect_usage "1 to 8192" --size 8193x100
expect_usage "1 to 8192" --size 0x0
expect_usage "1 to 8192" --size -390x844
expect_usage "1 to 8192" --size 99999999999999999999x1
expect_usage "at most 8192" --screenshot "$scratch/big.png" --canvas 9000x9000
[ -e "$scratch/big.png" ] && fail "a refused screenshot left a file"
ok "--size and --canvas are capped at 8192 a side (exit 2, clear message)"

#-----------------------------------------------------------------------------
# [SECTION] Class: option validation
#-----------------------------------------------------------------------------
expect_usage "use en (English) or fr (French)" --lang xx
expect_usage "use en (English) or fr (French)" --lang ""
expect_usage "use en (English) or fr (French)" --lang "$(head -c 100000 /dev/zero | tr '\0' 'a')"
ok "--lang accepts only the languages Unknot has"

expect_usage "screen names are at most" --screen "card:$(head -c 100000 /dev/zero | tr '\0' 'x')"
expect_usage "seconds from 0 to" --screen "play:neck-release@1e300"
expect_usage "seconds from 0 to" --screen "play:neck-release@nan"
expect_usage "seconds from 0 to" --screen "play:neck-release@-5"
expect_usage "--font-px" --font-px nan
expect_usage "--bench" --bench nan
ok "--screen, --font-px and --bench refuse huge, negative and non-finite values"

mkfifo "$scratch/journal.fifo"
mkdir -p "$scratch/journal.dir"
expect_usage "named pipe" --journal "$scratch/journal.fifo"
expect_usage "a folder" --journal "$scratch/journal.dir"
expect_usage "a character device" --journal /dev/null
expect_usage "--journal wants a file path" --journal ""
ok "--journal refuses a FIFO, a folder, a device and an empty path"

#-----------------------------------------------------------------------------
# [SECTION] Class: special output paths
#-----------------------------------------------------------------------------
mkfifo "$scratch/shot.fifo"
expect_usage "named pipe" --screenshot "$scratch/shot.fifo"
expect_usage "a character device" --screenshot /dev/full
mkdir -p "$scratch/shot.dir"
expect_usage "a folder" --screenshot "$scratch/shot.dir"
echo "precious" >"$scratch/target.txt"
ln -s "$scratch/target.txt" "$scratch/shot-link.png"
expect_usage "symbolic link" --screenshot "$scratch/shot-link.png"
[ "$(cat "$scratch/target.txt")" = "precious" ] || fail "a screenshot was written through a symbolic link"
ln -s "$scratch/nowhere/x.png" "$scratch/dangling.png"
expect_usage "symbolic link" --screenshot "$scratch/dangling.png"
expect_usage "does not exist" --screenshot "$scratch/no/such/folder/x.png"
mkfifo "$scratch/trace.fifo"
expect_usage "named pipe" --trace "$scratch/trace.fifo"
ok "--screenshot and --trace refuse a FIFO, /dev/full, a folder, a symbolic link and a missing folder without blocking"

#-----------------------------------------------------------------------------
# [SECTION] Class: signals
#-----------------------------------------------------------------------------
if ! command -v Xvfb >/dev/null; then
  echo "SKIP: Xvfb is not installed (apt install xvfb): the signal cases need a display"
  exit 77
fi
# One X server for every case: -displayfd picks a free display number.
Xvfb -displayfd 3 -screen 0 1400x1000x24 -nolisten tcp 3>"$scratch/display" 2>/dev/null &
xvfb_pid=$!
ms_now() { echo $(( ${EPOCHREALTIME/./} / 1000 )); }
end=$(( $(ms_now) + 10000 ))
until [ -s "$scratch/display" ] || [ "$(ms_now)" -ge "$end" ]; do sleep 0.05; done
[ -s "$scratch/display" ] || fail "Xvfb did not start within 10 s"
export DISPLAY=":$(head -n 1 "$scratch/display")"

# A valid screenshot is written whole, through a temporary file that is gone.
run --screenshot "$scratch/home.png" --size 390x844 --journal :memory:
[ "$status" -eq 0 ] || fail "a plain screenshot failed (exit $status)"
[ "$(head -c 4 "$scratch/home.png" | od -An -c | tr -d ' ')" = "211PNG" ] || fail "home.png is not a PNG"
ls "$scratch"/home.png.tmp-* >/dev/null 2>&1 && fail "a temporary screenshot file was left behind"
ok "a screenshot is written whole (PNG, no temporary file left); --journal :memory: works"

# The journal every case below runs on, with two committed sessions.
journal="$scratch/journal.db"
cat >"$scratch/backup.json" <<'EOF'
{"format": "unknot-journal", "version": 1, "exported_at": "2026-01-02T10:00:00.000Z",
 "sessions": [
  {"uid": "redteam-1", "routine_id": "neck-release", "started_at": "2026-01-01T09:00:00.000Z",
   "ended_at": "2026-01-01T09:05:00.000Z", "practised_seconds": 300, "finished": true,
   "stopped_at_step": null, "pain_before": 6, "pain_after": 4, "area": "neck", "note": "kept"},
  {"uid": "redteam-2", "routine_id": "breathing-4-2-6", "started_at": "2026-01-01T10:00:00.000Z",
   "ended_at": "2026-01-01T10:03:00.000Z", "practised_seconds": 180, "finished": true,
   "stopped_at_step": null, "pain_before": null, "pain_after": null, "area": "", "note": ""}],
 "favourites": [], "settings": {"safety_acknowledged": "1"}}
EOF
"$exe" import --journal "$journal" "$scratch/backup.json" >"$scratch/import.txt" 2>&1 ||
  fail "could not seed the journal: $(cat "$scratch/import.txt")"

journal_intact() {
  "$exe" journal check --journal "$journal" >"$scratch/check.txt" 2>&1 ||
    fail "$1: journal check failed: $(cat "$scratch/check.txt")"
  grep -q "^sessions: 2$" "$scratch/check.txt" || fail "$1: the journal lost sessions: $(cat "$scratch/check.txt")"
}

# A pack whose routines folder holds a FIFO: a loader that opens it without
# O_NONBLOCK blocks in open() for ever (no writer ever comes).
pack="$scratch/fifo-pack"
mkdir -p "$pack/routines"
cp "$src/content/core/pack.yaml" "$pack/" 2>/dev/null || true
mkfifo "$pack/routines/blocked.yaml"

# A thread of $1 blocked opening a FIFO: the kernel's wait channel for an
# open() waiting for the other end is wait_for_partner (fifo_open on others).
in_fifo_open() { grep -qsE 'wait_for_partner|fifo' /proc/"$1"/task/*/wchan; }
ms_now() { echo $(( ${EPOCHREALTIME/./} / 1000 )); }
big_rss() { [ "$(awk '/^VmRSS/ {print $2}' /proc/"$1"/status 2>/dev/null || echo 0)" -gt 300000 ]; }
# wait_until MS CONDITION: polls CONDITION until true or MS have passed.
wait_until() {
  local end=$(( $(ms_now) + $1 ))
  until eval "$2"; do
    [ "$(ms_now)" -ge "$end" ] && return 1
    sleep 0.02
  done
}

# signal_case NAME SIGNAL WHEN ARGS...: starts the app, waits for WHEN
# (start: at once; trace: its first frame is drawn; loading: blocked on the
# FIFO or past it; rss: a large render is under way), sends SIGNAL, and
# expects the process gone within 3 s (the promise is 1 s; the rest is slack
# for a loaded machine) with status 128 + the signal, and the journal intact.
worst_ms=0
signal_case() {
  local name=$1 sig=$2 when=$3
  shift 3
  local trace="$scratch/trace-$name.txt"
  rm -f "$trace"
  # env --default-signal: a background job of a script starts with SIGINT
  # ignored, which the app (rightly) keeps; a terminal's app does not.
  env --default-signal=INT,TERM "$exe" "$@" --trace "$trace" >"$scratch/out.txt" 2>"$scratch/err.txt" &
  app_pid=$!
  # Running unknot itself (not still the shell's fork or env, which start
  # with SIGINT ignored): from here on a signal reaches the app.
  wait_until 10000 "[ \"\$(cat /proc/$app_pid/comm 2>/dev/null)\" = unknot ]"
  case "$when" in
    start) ;;
    trace)
      wait_until 20000 "[ -s '$trace' ]"
      [ -s "$trace" ] || fail "$name: no frame drawn within 20 s" ;;
    loading)
      # Blocked in open() on the FIFO (a loader without the fix), or past
      # it (a loader that refuses FIFOs): either way, then the signal.
      wait_until 10000 "in_fifo_open $app_pid || [ -s '$trace' ]"
      if in_fifo_open "$app_pid"; then echo "($name: the loader is blocked in open() on the FIFO)"
      else echo "($name: the loader did not block on the FIFO)"; fi ;;
    rss)
      # A large offscreen target is allocated: the render is under way.
      wait_until 20000 "big_rss $app_pid || ! kill -0 $app_pid 2>/dev/null" ;;
  esac
  kill -0 "$app_pid" 2>/dev/null || fail "$name: the app ended before the signal (exit: $(wait "$app_pid"; echo $?))"
  local t0
  t0=$(ms_now)
  kill -s "$sig" "$app_pid"
  while kill -0 "$app_pid" 2>/dev/null && [ $(( $(ms_now) - t0 )) -lt 3000 ]; do sleep 0.01; done
  local waited=$(( $(ms_now) - t0 ))
  if kill -0 "$app_pid" 2>/dev/null; then
    kill -KILL "$app_pid"
    wait "$app_pid" 2>/dev/null
    app_pid=""
    fail "$name: still running ${waited} ms after SIG$sig"
  fi
  wait "$app_pid"
  local st=$?
  app_pid=""
  local want=$(( 128 + $(kill -l "$sig") ))
  [ "$st" -eq "$want" ] || fail "$name: exit status $st after SIG$sig, expected $want"
  [ "$waited" -gt "$worst_ms" ] && worst_ms=$waited
  journal_intact "$name"
  ok "$name: SIG$sig ended the app in ${waited} ms (status $st), journal intact"
}

common=(--journal "$journal" --size 390x844)
signal_case right-after-start TERM start "${common[@]}"
signal_case right-after-start-int INT start "${common[@]}"
signal_case loading-from-fifo TERM loading "${common[@]}" --content "$pack"
signal_case loading-from-fifo-int INT loading "${common[@]}" --content "$pack"
signal_case idle-loop TERM trace "${common[@]}"
signal_case idle-loop-int INT trace "${common[@]}"
signal_case session-running TERM trace "${common[@]}" --screen play:breathing-4-2-6@0
# The journal is in memory for screenshots unless given; give it, so the
# case also shows that a screenshot killed mid-render leaves it intact.
signal_case large-screenshot TERM rss --journal "$journal" --screenshot "$scratch/large.png" --size 8192x8192
[ -e "$scratch/large.png" ] && fail "a screenshot interrupted by SIGTERM left a file"
ls "$scratch"/large.png.tmp-* >/dev/null 2>&1 && fail "an interrupted screenshot left a temporary file"
echo "worst time from signal to exit: ${worst_ms} ms"
exit 0
