#!/usr/bin/env bash
# Builds the budgets' baseline page (bare.cpp) into build-web/bare/ with the
# app's compiler, optimisation (-O3, CMake's Release) and link options, from
# the same prefix (cmake/web/build-deps.sh).
# Environment: UNKNOT_WEB_DIR (default: <repo>/build-web).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
web="${UNKNOT_WEB_DIR:-$here/build-web}"
prefix="$web/prefix"
out="$web/bare"
export NODE_PATH=/usr/share/nodejs
[ -f "$prefix/lib/libimgui.a" ] || { echo "build-bare: $prefix is not built: run cmake/web/build-deps.sh" >&2; exit 2; }
mkdir -p "$out"
if [ ! -f "$out/bare.wasm" ] || [ "$here/bench/web/bare.cpp" -nt "$out/bare.wasm" ]; then
  em++ -std=c++20 -O3 -fexceptions -I"$prefix/include/SDL2" -I"$prefix/include/imgui" \
    -I"$prefix/include/imgui/backends" "$here/bench/web/bare.cpp" \
    "$prefix/lib/libimgui.a" "$prefix/lib/libSDL2.a" -o "$out/bare.js" \
    -fexceptions -sENVIRONMENT=web -sALLOW_MEMORY_GROWTH=1 -sMIN_WEBGL_VERSION=1 -sMAX_WEBGL_VERSION=2 \
    '-sDEFAULT_LIBRARY_FUNCS_TO_INCLUDE=$autoResumeAudioContext,$dynCall'
fi
cp "$here/bench/web/bare.html" "$out/index.html"
echo "build-bare: $out"
