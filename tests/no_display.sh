#!/usr/bin/env bash
# With no display, `unknot` must say so, point to the command line, and exit 2
# (not hang on an invisible window). Usage: no_display.sh path/to/unknot
out=$(env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER timeout 20 "$1" 2>&1)
status=$?
echo "$out"
[ "$status" -eq 2 ] || { echo "expected exit status 2, got $status"; exit 1; }
grep -q "needs a display" <<<"$out" || { echo "no 'needs a display' message"; exit 1; }
grep -q "unknot list" <<<"$out" || { echo "the message does not point to the command line"; exit 1; }
