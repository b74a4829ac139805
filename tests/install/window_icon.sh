#!/bin/bash
# The real window's icon is the tool's icon: starts `unknot` under Xvfb, reads
# the icon SDL gave the X server (_NET_WM_ICON, with xprop) and compares it,
# pixel for pixel, with `unknot-icon --size 64`. Also checks that the window's
# WM_CLASS is the StartupWMClass the desktop file promises, so a dock groups
# the running window with its launcher.
#
# [SECTION] Setup: skip (77) without the tools, re-run inside its own Xvfb
# [SECTION] Start the app, find its window
# [SECTION] Compare
#
# Usage: window_icon.sh PATH/TO/unknot PATH/TO/unknot-icon DESKTOP_FILE WORK_DIR
set -u

#-----------------------------------------------------------------------------
# [SECTION] Setup
#-----------------------------------------------------------------------------
usage="usage: window_icon.sh UNKNOT UNKNOT_ICON DESKTOP_FILE WORK_DIR"
exe=${1:?$usage}
tool=${2:?$usage}
desktop=${3:?$usage}
work=${4:?$usage}
if [ -n "${UNKNOT_TEST_NO_XVFB:-}" ]; then
  echo "SKIP: UNKNOT_TEST_NO_XVFB is set: run as if Xvfb were not installed"
  exit 77
fi
for t in Xvfb:xvfb xdotool:xdotool xprop:x11-utils convert:imagemagick python3:python3; do
  if ! command -v "${t%%:*}" >/dev/null; then
    echo "SKIP: ${t%%:*} is not installed (apt install ${t##*:})"
    exit 77
  fi
done
if [ -z "${UNKNOT_WINDOW_ICON_INNER:-}" ]; then
  export UNKNOT_WINDOW_ICON_INNER=1
  exec timeout 120 bash "$(dirname "$0")/../xvfb_run.sh" 800x1000 bash "$0" "$@"
fi

#-----------------------------------------------------------------------------
# [SECTION] Start the app
#-----------------------------------------------------------------------------
export SDL_VIDEODRIVER=x11 SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0 SDL_AUDIODRIVER=dummy
rm -rf "$work" && mkdir -p "$work"
"$exe" --size 390x844 --journal :memory: >"$work/app.log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null; wait "$app" 2>/dev/null' EXIT
fail() {
  echo "FAIL: $*"
  echo "--- app log:"; cat "$work/app.log"
  exit 1
}
# The window appears after the app's first frame; every wait is bounded.
win=""
for _ in $(seq 1 100); do
  win=$(xdotool search --name '^Unknot$' 2>/dev/null | head -n 1)
  [ -n "$win" ] && break
  kill -0 "$app" 2>/dev/null || fail "unknot exited before showing its window"
  sleep 0.1
done
[ -n "$win" ] || fail "no window named Unknot within 10 s"

#-----------------------------------------------------------------------------
# [SECTION] Compare
#-----------------------------------------------------------------------------
# _NET_WM_ICON is width, height, then one 0xAARRGGBB number a pixel.
xprop -id "$win" -notype 32c _NET_WM_ICON >"$work/net_wm_icon.txt" || fail "xprop could not read _NET_WM_ICON"
"$tool" --size 64 --out "$work/tool.png" || fail "unknot-icon failed"
convert "$work/tool.png" -depth 8 RGBA:"$work/tool.rgba" || fail "ImageMagick could not read $work/tool.png"
python3 - "$work/net_wm_icon.txt" "$work/tool.rgba" <<'PY' || fail "the window's icon is not the tool's icon"
import sys
text = open(sys.argv[1]).read()
if "=" not in text and "," not in text:
    sys.exit("the window has no _NET_WM_ICON: " + text.strip())
numbers = [int(v, 0) for v in text.split(None, 1)[1].replace("=", " ").replace(",", " ").split()]
w, h, argb = numbers[0], numbers[1], numbers[2:]
rgba = open(sys.argv[2], "rb").read()
if (w, h) != (64, 64) or len(argb) != w * h or len(rgba) != w * h * 4:
    sys.exit(f"sizes differ: window icon {w}x{h} ({len(argb)} pixels), tool {len(rgba) // 4} pixels")
different = 0
for i, v in enumerate(argb):
    r, g, b, a = rgba[4 * i: 4 * i + 4]
    mine = (a << 24) | (r << 16) | (g << 8) | b
    # A fully transparent pixel's colour is not part of the picture.
    if a == 0 and (v >> 24) == 0:
        continue
    if v != mine:
        different += 1
if different:
    sys.exit(f"{different} of {w * h} pixels differ")
print(f"the window's {w}x{h} icon equals unknot-icon --size 64")
PY
wm_class=$(grep '^StartupWMClass=' "$desktop" | cut -d= -f2)
xprop -id "$win" WM_CLASS | grep -q "\"$wm_class\"" \
  || fail "WM_CLASS is $(xprop -id "$win" WM_CLASS), the desktop file says StartupWMClass=$wm_class"
echo "ok: WM_CLASS holds \"$wm_class\""
