#!/usr/bin/env bash
# Configures this repository with emscripten's toolchain against the prefix
# that build-deps.sh filled, and builds the command line for node:
# build-web/cli/unknot.js + unknot.wasm + unknot.data (the bundled content).
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

[ -f "$prefix/lib/libyaml-cpp.a" ] || { echo "build-cli: $prefix is not built: run cmake/web/build-deps.sh" >&2; exit 2; }
yaml_dir=$(dirname "$(compgen -G "$prefix/*/cmake/yaml-cpp/yaml-cpp-config.cmake" | head -n1)")

launcher=()
[ -n "${UNKNOT_WEB_LAUNCHER:-}" ] && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER="$UNKNOT_WEB_LAUNCHER")
t0=$(date +%s)
emcmake cmake -S "$here/cmake/web/cli" -B "$web/cli" \
  -DCMAKE_BUILD_TYPE=Release \
  -DUNKNOT_WITH_VOICE=OFF \
  -DCMAKE_CXX_FLAGS=-fexceptions \
  -DCMAKE_EXE_LINKER_FLAGS=-fexceptions \
  -Dyaml-cpp_DIR="$yaml_dir" \
  -Dnlohmann_json_DIR="$prefix/share/cmake/nlohmann_json" \
  -DCLI11_DIR="$prefix/share/cmake/CLI11" \
  -DSQLite3_INCLUDE_DIR="$prefix/include" \
  -DSQLite3_LIBRARY="$prefix/lib/libsqlite3.a" \
  "${launcher[@]}" >"$web/cli.configure.log" 2>&1 \
  || { echo "build-cli: configure failed, see $web/cli.configure.log" >&2; tail -n 20 "$web/cli.configure.log" >&2; exit 1; }
cmake --build "$web/cli" -j"$jobs" --target unknot_web_cli >"$web/cli.build.log" 2>&1 \
  || { echo "build-cli: build failed, see $web/cli.build.log" >&2; grep -E 'error|Error' "$web/cli.build.log" | head -n 30 >&2; exit 1; }
echo "build-cli: built in $(( $(date +%s) - t0 )) s"
warnings=$(grep -c 'warning:' "$web/cli.build.log" || true)
echo "build-cli: $warnings compiler warnings (see $web/cli.build.log)"
for f in unknot.js unknot.wasm unknot.data; do
  printf 'build-cli: %-12s %9d bytes, %9d gzipped\n' "$f" "$(stat -c %s "$web/cli/$f")" "$(gzip -9c "$web/cli/$f" | wc -c)"
done
