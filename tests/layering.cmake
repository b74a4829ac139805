# Layering: each library includes only what its README says it may depend on.
# Run as: cmake -DSOURCE=<repo> -P tests/layering.cmake
#
#   engine/core       the C++ standard library only
#   engine/authoring  core (+ yaml-cpp, privately)
#   engine/journal    core (+ SQLite and nlohmann/json, privately)
#   engine/session    core, journal
#   engine/audio      core, session (+ espeak-ng and libopusenc, privately)
#   engine/cli        core, authoring, journal, session, audio
#   engine/ui         core, authoring, journal, session, Dear ImGui
#   platform          everything above, SDL2
#
# Nothing under engine/ includes a platform/ header or SDL, and no CMakeLists
# under engine/ or platform/ names another library's src/ folder (a private
# folder). Fails naming each file and the include that breaks the rule.
set(problems "")
function(check_layer glob regex why)
  file(GLOB_RECURSE files ${SOURCE}/${glob})
  foreach(f ${files})
    file(STRINGS ${f} lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"](${regex})")
    foreach(l ${lines})
      file(RELATIVE_PATH rel ${SOURCE} ${f})
      string(APPEND problems "${rel}: ${l}  (${why})\n")
    endforeach()
  endforeach()
  set(problems "${problems}" PARENT_SCOPE)
endfunction()
set(ui "imgui|unknot/ui/|unknot/cli")
set(authoring "unknot/loader.hpp|unknot/paths.hpp|yaml-cpp")
set(journal "unknot/journal|sqlite3|nlohmann")
set(session "unknot/session/")
set(audio "unknot/audio/|espeak|opusenc")
foreach(ext cpp hpp)
  check_layer("engine/*.${ext}" "unknot/platform/|SDL" "engine/ never sees platform/ or SDL")
  check_layer("engine/core/*.${ext}" "${ui}|${authoring}|${journal}|${session}|${audio}" "core depends on the standard library only")
  check_layer("engine/authoring/*.${ext}" "${ui}|${journal}|${session}|${audio}|sqlite3" "authoring depends on core only")
  check_layer("engine/journal/*.${ext}" "${ui}|${authoring}|${session}|${audio}" "the journal depends on core only")
  check_layer("engine/session/*.${ext}" "${ui}|${audio}|yaml-cpp|sqlite3" "the session depends on core and the journal only")
  check_layer("engine/audio/*.${ext}" "${ui}|${authoring}|${journal}|yaml-cpp|sqlite3" "audio depends on core and the session only")
  check_layer("engine/cli/*.${ext}" "imgui|unknot/ui/" "the command line never sees the UI")
endforeach()
# No library reaches into another's private src/ folder from its CMakeLists.
file(GLOB_RECURSE lists ${SOURCE}/engine/CMakeLists.txt ${SOURCE}/platform/CMakeLists.txt)
foreach(f ${lists})
  get_filename_component(dir ${f} DIRECTORY)
  file(STRINGS ${f} lines REGEX "(engine|platform)/[a-z_/]*src")
  foreach(l ${lines})
    file(RELATIVE_PATH rel ${SOURCE} ${f})
    string(APPEND problems "${rel}: ${l}  (another library's private src/ folder)\n")
  endforeach()
endforeach()
if(problems)
  message(FATAL_ERROR "layering broken:\n${problems}")
endif()
message(STATUS "layering: each library under engine/ includes only the layers its README allows; none sees platform/ or SDL")
