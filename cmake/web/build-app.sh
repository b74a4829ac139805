#!/usr/bin/env bash
# Builds the window app for the browser and lays out the site:
# build-web/app/unknot.{js,wasm,data} (cmake/web/app), then
# build-web/site/ (cmake/web/make-site.sh: the page, manifest, service worker,
# icons). Needs the prefix build-deps.sh fills (SDL2 and Dear ImGui included).
# The configure command is the one written in cmake/web/README.md.
#
# Environment: UNKNOT_WEB_DIR (default: <repo>/build-web), UNKNOT_WEB_JOBS
# (default: 2), UNKNOT_WEB_LAUNCHER (e.g. ccache; default: none).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
web="${UNKNOT_WEB_DIR:-$here/build-web}"
prefix="$web/prefix"
jobs="${UNKNOT_WEB_JOBS:-2}"
. "$here/cmake/web/common.sh"

for f in libyaml-cpp.a libSDL2.a libimgui.a libstb.a libespeak-ng.a libucd.a; do
  [ -f "$prefix/lib/$f" ] || { echo "build-app: $prefix/lib/$f is missing: run cmake/web/build-deps.sh" >&2; exit 2; }
done
imgui_src=$(compgen -G "$web/sources/imgui-*" | head -n1)
espeak_args=$(espeak_options) || exit $?
mapfile -t espeak <<<"$espeak_args"
web_build app "$here/cmake/web/app" unknot_web \
  -DSDL2_DIR="$prefix/lib/cmake/SDL2" \
  -DUNKNOT_IMGUI_INCLUDE_DIR="$prefix/include/imgui" \
  -DUNKNOT_IMGUI_LIBRARY="$prefix/lib/libimgui.a" \
  -DUNKNOT_IMGUI_BACKEND_DIR="$imgui_src/backends" \
  -DUNKNOT_STB_INCLUDE_DIR="$prefix/include" \
  -DUNKNOT_STB_LIBRARY="$prefix/lib/libstb.a" \
  "${espeak[@]}"
bash "$here/cmake/web/make-site.sh"
