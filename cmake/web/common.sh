# Sourced by build-cli.sh and build-app.sh: the one configure-and-build of
# this repository with emscripten's toolchain against the prefix that
# build-deps.sh filled (the command cmake/web/README.md writes out).
#
# web_build NAME SOURCE_DIR TARGET [extra cmake -D arguments...]
#   configures SOURCE_DIR into $web/NAME, builds TARGET, logs to
#   $web/NAME.configure.log and $web/NAME.build.log, and prints the time and
#   the warning count. Needs $here, $web, $prefix and $jobs set.
export NODE_PATH=/usr/share/nodejs  # acorn, for -O links

web_build() {
  local name="$1" source="$2" target="$3" yaml_dir t0 warnings
  shift 3
  yaml_dir=$(dirname "$(compgen -G "$prefix/*/cmake/yaml-cpp/yaml-cpp-config.cmake" | head -n1)")
  local launcher=()
  [ -n "${UNKNOT_WEB_LAUNCHER:-}" ] && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER="$UNKNOT_WEB_LAUNCHER")
  t0=$(date +%s)
  # No libopusenc under emscripten. espeak-ng (compiled by build-deps.sh)
  # is named by espeak_options below; the app's live voice is the browser's
  # speechSynthesis, espeak-ng renders "Save as audio" and the command line.
  emcmake cmake -S "$source" -B "$web/$name" \
    -DCMAKE_BUILD_TYPE=Release \
    -DUNKNOT_WITH_VOICE=OFF \
    -DUNKNOT_WITH_OPUS=OFF \
    -DCMAKE_CXX_FLAGS=-fexceptions \
    -DCMAKE_EXE_LINKER_FLAGS=-fexceptions \
    -Dyaml-cpp_DIR="$yaml_dir" \
    -Dnlohmann_json_DIR="$prefix/share/cmake/nlohmann_json" \
    -DCLI11_DIR="$prefix/share/cmake/CLI11" \
    -DSQLite3_INCLUDE_DIR="$prefix/include" \
    -DSQLite3_LIBRARY="$prefix/lib/libsqlite3.a" \
    "$@" "${launcher[@]}" >"$web/$name.configure.log" 2>&1 \
    || { echo "build-$name: configure failed, see $web/$name.configure.log" >&2; tail -n 20 "$web/$name.configure.log" >&2; exit 1; }
  cmake --build "$web/$name" -j"$jobs" --target "$target" >"$web/$name.build.log" 2>&1 \
    || { echo "build-$name: build failed, see $web/$name.build.log" >&2; grep -E 'error|Error' "$web/$name.build.log" | head -n 30 >&2; exit 1; }
  echo "build-$name: built in $(( $(date +%s) - t0 )) s"
  warnings=$(grep -c 'warning:' "$web/$name.build.log" || true)
  echo "build-$name: $warnings compiler warnings (see $web/$name.build.log)"
}

# The installed espeak-ng-data folder (its place has the machine's triplet).
espeak_data_dir() {
  local f; f=$(dpkg -L espeak-ng-data 2>/dev/null | grep '/espeak-ng-data/phondata$' | head -n1)
  [ -n "$f" ] || { echo "web build: the Debian package espeak-ng-data is not installed" >&2; exit 2; }
  dirname "$f"
}

# The -D arguments that give a build espeak-ng from the prefix.
espeak_options() {
  [ -f "$prefix/lib/libespeak-ng.a" ] || { echo "web build: $prefix/lib/libespeak-ng.a is missing: run cmake/web/build-deps.sh" >&2; exit 2; }
  echo "-DUNKNOT_WITH_VOICE=ON"
  echo "-DUNKNOT_ESPEAK_INCLUDE_DIR=$prefix/include"
  echo "-DUNKNOT_ESPEAK_LIBRARIES=$prefix/lib/libespeak-ng.a;$prefix/lib/libucd.a"
  echo "-DUNKNOT_ESPEAK_DATA_DIR=$(espeak_data_dir)"
}
