#!/usr/bin/env bash
# Builds the web build's dependencies with emcc into build-web/prefix, from the
# Debian source packages that fetch-sources.sh extracted:
#
# [SECTION] Setup: folders, flags, the step runner
# [SECTION] SDL2: compiled directly with SDL's own SDL_config_emscripten.h
#           (or, with --sdl-cmake, SDL's CMake configure seeded from
#           sdl2-cache.cmake)
# [SECTION] yaml-cpp: static, with exceptions
# [SECTION] SQLite: the amalgamation (needs tcl), compiled to a static library
# [SECTION] Dear ImGui: core, std::string helpers, SDL2 + SDL_Renderer backends
# [SECTION] Header-only: nlohmann-json and CLI11 copied from their -dev packages
# [SECTION] stb: stb_image_write (screenshots) from libstb-dev's headers
# [SECTION] espeak-ng: the library only (the voice of "Save as audio")
# [SECTION] Main
#
# Each step is skipped when its output is already in the prefix, so repeat
# builds reuse everything. Emscripten's toolchain only searches its own root
# for packages (CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY), which is why every
# dependency lands in this one prefix and is named explicitly when the project
# is configured (see cmake/web/README.md). Nothing from /usr/include is ever
# put on emcc's include path: header-only libraries are copied instead.
#
# Options: --cli         only what the command line needs (no SDL2, no ImGui).
#          --sdl-cmake   SDL2 through its CMake configure (slow without the
#                        seed) instead of the direct compile.
#          --check-seed  everything, then configure SDL once without the seed
#                        as well, and fail unless both SDL_config.h files are
#                        identical.
#          --write-seed  configure SDL without the seed and (re)write
#                        cmake/web/sdl2-cache.cmake from its results.
# Environment: UNKNOT_WEB_DIR (default: <repo>/build-web), UNKNOT_WEB_JOBS
# (default: 2).
set -euo pipefail

#-----------------------------------------------------------------------------
# [SECTION] Setup
#-----------------------------------------------------------------------------
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
web="${UNKNOT_WEB_DIR:-$here/build-web}"
src="$web/sources"
deps="$web/deps"
prefix="$web/prefix"
jobs="${UNKNOT_WEB_JOBS:-2}"
mode="${1:-all}"  # all, --cli, --check-seed, --write-seed, --sdl-cmake

# Debian's node (20.x) does not search /usr/share/nodejs, where Debian's
# acorn lives; emcc needs it for -O links ("Cannot find module 'acorn'").
export NODE_PATH=/usr/share/nodejs
# Exceptions are off by default in emscripten, and then a yaml-cpp parse
# error aborts instead of being reported: every C++ library gets them.
cxxflags="-O2 -fexceptions"

one_dir() {  # the single extracted folder matching a glob
  local d
  d=$(compgen -G "$src/$1" | head -n1) || true
  [ -n "$d" ] && [ -d "$d" ] || { echo "build-deps: $src/$1 not found: run cmake/web/fetch-sources.sh" >&2; exit 2; }
  echo "$d"
}

# step NAME OUTPUT FUNCTION: runs FUNCTION unless OUTPUT exists; prints time.
step() {
  local name="$1" output="$2" fn="$3" t0
  if [ -e "$output" ]; then
    echo "build-deps: $name: already built ($output)"
    return 0
  fi
  t0=$(date +%s)
  echo "build-deps: $name: building"
  "$fn"
  [ -e "$output" ] || { echo "build-deps: $name: $output was not produced" >&2; exit 1; }
  echo "build-deps: $name: done in $(( $(date +%s) - t0 )) s"
}

#-----------------------------------------------------------------------------
# [SECTION] SDL2
#-----------------------------------------------------------------------------
# SDL's configure runs ~318 checks, each an emcc link: minutes. The committed
# cache holds their results for this emscripten, so configure takes seconds;
# --check-seed proves the seed changes nothing in SDL_config.h.
sdl_options=(-DCMAKE_BUILD_TYPE=Release "-DCMAKE_INSTALL_PREFIX=$prefix"
             -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF -DSDL_THREADS=OFF)

sdl_configure() {  # sdl_configure BUILD_DIR [seed args...]
  local dir="$1"; shift
  emcmake cmake -S "$(one_dir 'libsdl2-*')" -B "$dir" "${sdl_options[@]}" "$@" >"$dir.configure.log" 2>&1 \
    || { echo "build-deps: SDL2 configure failed, see $dir.configure.log" >&2; exit 1; }
}

seed="$here/cmake/web/sdl2-cache.cmake"

# The seed: every check result SDL's configure left in its cache (HAVE_*,
# LIBC_*, COMPILER_SUPPORTS_* and the like, all INTERNAL entries that are not
# CMake's own), as set() lines. check_* skips a test whose variable is set.
write_sdl_seed() {  # write_sdl_seed CMAKECACHE
  {
    echo "# SDL2 $(basename "$(one_dir 'libsdl2-*')") configure results under emscripten $(emcc -dumpversion),"
    echo "# written by cmake/web/build-deps.sh --write-seed from a configure without"
    echo "# a seed. Given to SDL's configure with -C: each check whose variable is set"
    echo "# here is not run again (each is an emcc link: ~318 of them take minutes)."
    grep -E '^[A-Za-z_][A-Za-z0-9_]*:INTERNAL=' "$1" \
      | grep -E '^(HAVE_|LIBC_|COMPILER_|SUPPORTS_|HAS_)' \
      | LC_ALL=C sort \
      | sed -E 's/^([^:]+):INTERNAL=(.*)$/set(\1 "\2" CACHE INTERNAL "")/'
  } >"$seed.new"
  mv "$seed.new" "$seed"
  echo "build-deps: wrote $seed ($(grep -c '^set(' "$seed") results): commit it"
}

build_sdl2() {
  local t0; t0=$(date +%s)
  mkdir -p "$deps"
  if [ -f "$seed" ]; then
    sdl_configure "$deps/sdl2" -C "$seed"
    echo "build-deps: SDL2 configure (seeded) took $(( $(date +%s) - t0 )) s"
  else
    echo "build-deps: $seed is missing: configuring SDL2 without it (minutes), then writing it"
    sdl_configure "$deps/sdl2"
    echo "build-deps: SDL2 configure without the seed took $(( $(date +%s) - t0 )) s"
    write_sdl_seed "$deps/sdl2/CMakeCache.txt"
  fi
  cmake --build "$deps/sdl2" -j"$jobs" >"$deps/sdl2.build.log" 2>&1 \
    || { echo "build-deps: SDL2 build failed, see $deps/sdl2.build.log" >&2; exit 1; }
  cmake --install "$deps/sdl2" >/dev/null
}

# SDL_config.h as configure wrote it (its place changed across SDL versions).
sdl_config_h() { find "$1" -name SDL_config.h -path '*include*' | head -n1; }

check_sdl_seed() {
  local t0 a b; t0=$(date +%s)
  rm -rf "$deps/sdl2-noseed"
  mkdir -p "$deps"
  sdl_configure "$deps/sdl2-noseed"
  echo "build-deps: SDL2 configure without the seed took $(( $(date +%s) - t0 )) s"
  a=$(sdl_config_h "$deps/sdl2") b=$(sdl_config_h "$deps/sdl2-noseed")
  if [ -n "$a" ] && [ -n "$b" ] && cmp -s "$a" "$b"; then
    echo "build-deps: SDL_config.h is identical with and without the seed"
  else
    echo "build-deps: SDL_config.h differs with the seed: run with --write-seed and commit the result" >&2
    diff "$a" "$b" >&2 || true
    exit 1
  fi
}

# The direct build. SDL ships a configuration for emscripten
# (include/SDL_config_emscripten.h, which the generic include/SDL_config.h
# picks under __EMSCRIPTEN__): emscripten's own SDL port compiles SDL this
# way, with no configure at all. The file list is SDL's portable core plus
# the emscripten, dummy, generic and software back-ends that configuration
# names, found by folder (so a newer SDL's new files come along). Why not the
# configure: its ~318 checks are each an emcc link, and on a machine shared
# by several builds it ran for hours (7 checks in 4 minutes at load 15).
sdl_direct_sources() {  # the .c files, relative to src/
  local s="$1/src" d
  (cd "$s" && ls ./*.c)
  for d in atomic audio cpuinfo dynapi events file haptic hidapi joystick libm locale misc power render sensor \
           stdlib thread timer video \
           audio/disk audio/dummy audio/emscripten filesystem/emscripten haptic/dummy joystick/emscripten \
           joystick/virtual loadso/dlopen locale/emscripten misc/emscripten power/emscripten \
           render/opengles2 render/software sensor/dummy thread/generic timer/unix video/dummy \
           video/emscripten video/yuv2rgb; do
    (cd "$s" && ls "$d"/*.c 2>/dev/null) || true
  done
}

# One emcc call compiles a batch of files: under load, each call's Python
# start-up cost as much as the compile itself. Objects are named by the
# file's base name (unique in this list).
sdl_compile_batch() {  # sdl_compile_batch SDL_SRC OUT_DIR FILE...
  local s="$1" out="$2"; shift 2
  local files=() f
  for f in "$@"; do files+=("$s/src/$f"); done
  (cd "$out" && emcc -O2 -I"$s/include" -I"$s/src/video/khronos" -c "${files[@]}")
}

build_sdl2_direct() {
  local s dir="$deps/sdl2-direct" objs=() f todo=()
  s=$(one_dir 'libsdl2-*')
  mkdir -p "$dir" "$prefix/include/SDL2" "$prefix/lib/cmake/SDL2"
  # Headers as SDL's install lays them out; SDL_config.h stays the generic
  # one, which includes SDL_config_emscripten.h.
  cp "$s"/include/*.h "$prefix/include/SDL2/"
  while read -r f; do
    f="${f#./}"
    o="$(basename "${f%.c}").o"
    [ -f "$dir/$o" ] || todo+=("$f")
  done < <(sdl_direct_sources "$s")
  export -f sdl_compile_batch
  printf '%s\n' "${todo[@]}" | xargs -r -n 12 -P "$jobs" bash -c 'sdl_compile_batch "$0" "$1" "${@:2}"' "$s" "$dir" \
    >"$dir.log" 2>&1 || { echo "build-deps: SDL2 compile failed, see $dir.log" >&2; exit 1; }
  objs=("$dir"/*.o)
  emar rcs "$prefix/lib/libSDL2.a" "${objs[@]}"
  # The package file find_package(SDL2 CONFIG) reads: the SDL2::SDL2 target
  # as SDL's own SDL2Config.cmake defines it for a static build.
  cat >"$prefix/lib/cmake/SDL2/SDL2Config.cmake" <<'CFG'
# Written by cmake/web/build-deps.sh (the direct SDL2 build, no configure).
get_filename_component(_sdl2_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
if(NOT TARGET SDL2::SDL2)
  add_library(SDL2::SDL2 STATIC IMPORTED)
  set_target_properties(SDL2::SDL2 PROPERTIES
    IMPORTED_LOCATION "${_sdl2_prefix}/lib/libSDL2.a"
    INTERFACE_INCLUDE_DIRECTORIES "${_sdl2_prefix}/include;${_sdl2_prefix}/include/SDL2")
endif()
set(SDL2_FOUND TRUE)
CFG
  cat >"$prefix/lib/cmake/SDL2/SDL2ConfigVersion.cmake" <<CFG
set(PACKAGE_VERSION "$(basename "$s" | sed -E 's/^libsdl2-([0-9.]+).*/\1/')")
if(PACKAGE_FIND_VERSION VERSION_GREATER PACKAGE_VERSION)
  set(PACKAGE_VERSION_COMPATIBLE FALSE)
else()
  set(PACKAGE_VERSION_COMPATIBLE TRUE)
endif()
CFG
}

#-----------------------------------------------------------------------------
# [SECTION] yaml-cpp
#-----------------------------------------------------------------------------
build_yaml_cpp() {
  emcmake cmake -S "$(one_dir 'yaml-cpp-*')" -B "$deps/yaml-cpp" -DCMAKE_BUILD_TYPE=Release \
    "-DCMAKE_INSTALL_PREFIX=$prefix" "-DCMAKE_CXX_FLAGS=$cxxflags" \
    -DYAML_BUILD_SHARED_LIBS=OFF -DYAML_CPP_BUILD_TESTS=OFF -DYAML_CPP_BUILD_TOOLS=OFF \
    -DYAML_CPP_BUILD_CONTRIB=OFF >"$deps/yaml-cpp.log" 2>&1
  cmake --build "$deps/yaml-cpp" -j"$jobs" >>"$deps/yaml-cpp.log" 2>&1 \
    || { echo "build-deps: yaml-cpp build failed, see $deps/yaml-cpp.log" >&2; exit 1; }
  cmake --install "$deps/yaml-cpp" >/dev/null
}

#-----------------------------------------------------------------------------
# [SECTION] SQLite
#-----------------------------------------------------------------------------
# Debian's tree has no amalgamation: its own configure makes sqlite3.c (with
# tclsh), on the build machine. No threads in this build, and no extension
# loading (there is no dlopen in the browser).
sqlite_defines=(-DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_ENABLE_COLUMN_METADATA)

build_sqlite() {
  local dir="$deps/sqlite3"
  mkdir -p "$dir" "$prefix/include" "$prefix/lib"
  if [ ! -f "$dir/sqlite3.c" ]; then
    (cd "$dir" && "$(one_dir 'sqlite3-*')/configure" >configure.log 2>&1 && make sqlite3.c >make.log 2>&1) \
      || { echo "build-deps: the SQLite amalgamation failed, see $dir/*.log" >&2; exit 1; }
  fi
  emcc -O2 "${sqlite_defines[@]}" -c "$dir/sqlite3.c" -o "$dir/sqlite3.o"
  emar rcs "$prefix/lib/libsqlite3.a" "$dir/sqlite3.o"
  cp "$dir/sqlite3.h" "$dir/sqlite3ext.h" "$prefix/include/"
}

#-----------------------------------------------------------------------------
# [SECTION] Dear ImGui
#-----------------------------------------------------------------------------
# Laid out as Debian's libimgui-dev lays it out (include/imgui, its backends/
# beside), so the same include lines work natively and on the web.
build_imgui() {
  local s dir="$deps/imgui" inc="$prefix/include/imgui" objs=()
  s=$(one_dir 'imgui-*')
  mkdir -p "$dir" "$inc/backends" "$inc/misc/cpp" "$prefix/lib"
  cp "$s"/imgui.h "$s"/imconfig.h "$s"/imgui_internal.h "$s"/imstb_*.h "$inc/"
  cp "$s"/backends/imgui_impl_sdl.h "$s"/backends/imgui_impl_sdlrenderer.h "$inc/backends/"
  cp "$s"/misc/cpp/imgui_stdlib.h "$inc/misc/cpp/"
  cp "$s"/misc/cpp/imgui_stdlib.h "$inc/"  # where libimgui-dev has it: <imgui_stdlib.h>
  for f in imgui.cpp imgui_draw.cpp imgui_tables.cpp imgui_widgets.cpp imgui_demo.cpp \
           misc/cpp/imgui_stdlib.cpp backends/imgui_impl_sdl.cpp backends/imgui_impl_sdlrenderer.cpp; do
    local o; o="$dir/$(basename "${f%.cpp}").o"
    em++ $cxxflags -std=c++20 -I"$s" -I"$prefix/include/SDL2" -c "$s/$f" -o "$o"
    objs+=("$o")
  done
  emar rcs "$prefix/lib/libimgui.a" "${objs[@]}"
}

#-----------------------------------------------------------------------------
# [SECTION] Header-only
#-----------------------------------------------------------------------------
# Copied (with their CMake package files, which locate headers relative to
# themselves) so that emcc never sees -I/usr/include.
copy_headers() {
  mkdir -p "$prefix/include" "$prefix/share/cmake"
  cp -r /usr/include/nlohmann "$prefix/include/"
  cp -r /usr/share/cmake/nlohmann_json "$prefix/share/cmake/"
  cp -r /usr/include/CLI "$prefix/include/"
  cp -r /usr/share/cmake/CLI11 "$prefix/share/cmake/"
}

#-----------------------------------------------------------------------------
# [SECTION] stb
#-----------------------------------------------------------------------------
# Debian's libstb.a is x86; the shell only needs stb_image_write (Dear ImGui
# has its own stb_truetype and stb_rect_pack), compiled from the header.
build_stb() {
  local dir="$deps/stb"
  mkdir -p "$dir" "$prefix/include/stb" "$prefix/lib"
  cp /usr/include/stb/stb_image_write.h "$prefix/include/stb/"
  printf '#define STB_IMAGE_WRITE_IMPLEMENTATION\n#include <stb/stb_image_write.h>\n' >"$dir/stb_impl.c"
  emcc -O2 -I"$prefix/include" -c "$dir/stb_impl.c" -o "$dir/stb_impl.o"
  emar rcs "$prefix/lib/libstb.a" "$dir/stb_impl.o"
}

#-----------------------------------------------------------------------------
# [SECTION] espeak-ng
#-----------------------------------------------------------------------------
# Its own CMake build (1.52 has one), the library target alone: the data
# targets would run the espeak-ng program just built, which is wasm. The voice
# data comes from the installed espeak-ng-data package instead (see
# cmake/web/app). Everything a page cannot use is off: its own audio output,
# the async thread, MBROLA, sonic. SONIC_LIB/SONIC_INC are set to a dummy
# because cmake/deps.cmake would otherwise clone sonic from GitHub
# (FetchContent) whatever USE_LIBSONIC says, and nothing is downloaded here.
build_espeak() {
  local src_dir; src_dir=$(one_dir 'espeak-ng-1.52*')
  emcmake cmake -S "$src_dir" -B "$deps/espeak-ng" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF \
    -DUSE_ASYNC=OFF -DUSE_MBROLA=OFF -DUSE_LIBSONIC=OFF -DUSE_LIBPCAUDIO=OFF -DUSE_SPEECHPLAYER=OFF \
    -DUSE_KLATT=ON -DSONIC_LIB=NOTUSED -DSONIC_INC=NOTUSED -DBUILD_TESTING=OFF >"$deps/espeak-ng.log" 2>&1 \
    || { echo "build-deps: espeak-ng configure failed, see $deps/espeak-ng.log" >&2; exit 1; }
  cmake --build "$deps/espeak-ng" --target espeak-ng -j"$jobs" >>"$deps/espeak-ng.log" 2>&1 \
    || { echo "build-deps: espeak-ng build failed, see $deps/espeak-ng.log" >&2; exit 1; }
  mkdir -p "$prefix/include/espeak-ng" "$prefix/lib"
  cp "$src_dir"/src/include/espeak-ng/*.h "$prefix/include/espeak-ng/"
  cp "$deps/espeak-ng/src/ucd-tools/libucd.a" "$prefix/lib/libucd.a"
  cp "$deps/espeak-ng/src/libespeak-ng/libespeak-ng.a" "$prefix/lib/libespeak-ng.a"
}

#-----------------------------------------------------------------------------
# [SECTION] Main
#-----------------------------------------------------------------------------
main() {
  command -v emcc >/dev/null || { echo "build-deps: emcc not found: install the Debian package emscripten" >&2; exit 2; }
  mkdir -p "$deps" "$prefix"
  # The command line's dependencies first: they are all it needs.
  step "header-only libraries" "$prefix/share/cmake/CLI11/CLI11Config.cmake" copy_headers
  step SQLite "$prefix/lib/libsqlite3.a" build_sqlite
  step yaml-cpp "$prefix/lib/libyaml-cpp.a" build_yaml_cpp
  step espeak-ng "$prefix/lib/libespeak-ng.a" build_espeak
  if [ "$mode" = --write-seed ]; then
    rm -f "$seed"
    rm -rf "$deps/sdl2" "$prefix/lib/libSDL2.a"
  fi
  if [ "$mode" != --cli ]; then
    if [ "$mode" = --sdl-cmake ] || [ "$mode" = --check-seed ] || [ "$mode" = --write-seed ]; then
      step SDL2 "$prefix/lib/libSDL2.a" build_sdl2
    else
      step "SDL2 (direct)" "$prefix/lib/libSDL2.a" build_sdl2_direct
    fi
    step "Dear ImGui" "$prefix/lib/libimgui.a" build_imgui
    step stb "$prefix/lib/libstb.a" build_stb
  fi
  if [ "$mode" = --check-seed ]; then check_sdl_seed; fi
  echo "build-deps: prefix ready in $prefix"
}

# Sourcing the file (to run one step by hand) defines the steps without running them.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then main; fi
