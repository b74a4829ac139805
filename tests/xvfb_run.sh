#!/bin/bash
# Runs one command inside an X server of its own (Xvfb), for the tests and
# benchmarks that open the real window.
#
# Why not `xvfb-run -a`: it picks a display number by looking for lock files
# and then starts Xvfb on it. Two tests started together (ctest -j2) can pick
# the same number, and a server that is shutting down can still hold a number
# that looks free. In CI that once left the app with no display at all
# ("SDL_Init(video) failed: x11 not available"). Here the server picks its own
# free number (-displayfd) and writes it only once it accepts connections, so
# there is no window between choosing and using.
#
# Usage: xvfb_run.sh WIDTHxHEIGHT COMMAND [ARGS...]
# Exit status: the command's; 2 if Xvfb is missing or did not start in 20 s.
set -u
size=${1:?usage: xvfb_run.sh WIDTHxHEIGHT COMMAND [ARGS...]}
shift
[ $# -gt 0 ] || { echo "usage: xvfb_run.sh WIDTHxHEIGHT COMMAND [ARGS...]" >&2; exit 2; }
command -v Xvfb >/dev/null || { echo "xvfb_run.sh: Xvfb is not installed (apt install xvfb)" >&2; exit 2; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/unknot-xvfb.XXXXXX") || exit 2
xvfb_pid=""
child=""
cleanup() {
  [ -n "$child" ] && kill "$child" 2>/dev/null
  if [ -n "$xvfb_pid" ]; then
    kill "$xvfb_pid" 2>/dev/null
    wait "$xvfb_pid" 2>/dev/null
  fi
  rm -rf "$dir"
}
trap cleanup EXIT
# A timeout's TERM reaches the command too, and the server never outlives us.
trap 'exit 143' TERM
trap 'exit 130' INT

Xvfb -displayfd 3 -screen 0 "${size}x24" -nolisten tcp 3>"$dir/display" 2>"$dir/xvfb.log" &
xvfb_pid=$!
# Every wait is bounded: 400 x 50 ms.
for _ in $(seq 1 400); do
  [ -s "$dir/display" ] && break
  kill -0 "$xvfb_pid" 2>/dev/null || break
  sleep 0.05
done
if [ ! -s "$dir/display" ]; then
  echo "xvfb_run.sh: Xvfb did not start within 20 s:" >&2
  cat "$dir/xvfb.log" >&2
  exit 2
fi
export DISPLAY=":$(head -n 1 "$dir/display")"
# The server was started without -auth: a cookie file for another display
# must not stand in the way.
unset XAUTHORITY

# In the background, so that a TERM is handled at once rather than after the
# command ends.
"$@" &
child=$!
wait "$child"
status=$?
child=""
exit "$status"
