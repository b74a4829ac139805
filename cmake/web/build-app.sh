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
export NODE_PATH=/usr/share/nodejs  # acorn, for -O links

for f in libyaml-cpp.a libSDL2.a libimgui.a libstb.a; do
  [ -f "$prefix/lib/$f" ] || { echo "build-app: $prefix/lib/$f is missing: run cmake/web/build-deps.sh" >&2; exit 2; }
done
yaml_dir=$(dirname "$(compgen -G "$prefix/*/cmake/yaml-cpp/yaml-cpp-config.cmake" | head -n1)")
imgui_src=$(compgen -G "$web/sources/imgui-*" | head -n1)

launcher=()
[ -n "${UNKNOT_WEB_LAUNCHER:-}" ] && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER="$UNKNOT_WEB_LAUNCHER")
t0=$(date +%s)
emcmake cmake -S "$here/cmake/web/app" -B "$web/app" \
  -DCMAKE_BUILD_TYPE=Release \
  -DUNKNOT_WITH_VOICE=OFF \
  -DCMAKE_CXX_FLAGS=-fexceptions \
  -DCMAKE_EXE_LINKER_FLAGS=-fexceptions \
  -Dyaml-cpp_DIR="$yaml_dir" \
  -Dnlohmann_json_DIR="$prefix/share/cmake/nlohmann_json" \
  -DCLI11_DIR="$prefix/share/cmake/CLI11" \
  -DSQLite3_INCLUDE_DIR="$prefix/include" \
  -DSQLite3_LIBRARY="$prefix/lib/libsqlite3.a" \
  -DSDL2_DIR="$prefix/lib/cmake/SDL2" \
  -DUNKNOT_IMGUI_INCLUDE_DIR="$prefix/include/imgui" \
  -DUNKNOT_IMGUI_LIBRARY="$prefix/lib/libimgui.a" \
  -DUNKNOT_IMGUI_BACKEND_DIR="$imgui_src/backends" \
  -DUNKNOT_STB_INCLUDE_DIR="$prefix/include" \
  -DUNKNOT_STB_LIBRARY="$prefix/lib/libstb.a" \
  "${launcher[@]}" >"$web/app.configure.log" 2>&1 \
  || { echo "build-app: configure failed, see $web/app.configure.log" >&2; tail -n 20 "$web/app.configure.log" >&2; exit 1; }
cmake --build "$web/app" -j"$jobs" --target unknot_web >"$web/app.build.log" 2>&1 \
  || { echo "build-app: build failed, see $web/app.build.log" >&2; grep -E 'error|Error' "$web/app.build.log" | head -n 30 >&2; exit 1; }
echo "build-app: built in $(( $(date +%s) - t0 )) s"
warnings=$(grep -c 'warning:' "$web/app.build.log" || true)
echo "build-app: $warnings compiler warnings (see $web/app.build.log)"
bash "$here/cmake/web/make-site.sh"
