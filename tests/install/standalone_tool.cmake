# platform/tools builds as a project of its own (what a web build does with
# the host compiler), and the tool it makes draws an icon and needs no SDL.
# Usage: cmake -DSOURCE=<repo> -DWORK=<empty dir> [-DLAUNCHER=ccache] -P standalone_tool.cmake
file(REMOVE_RECURSE "${WORK}")
set(launcher "")
if(LAUNCHER)
  set(launcher -DCMAKE_CXX_COMPILER_LAUNCHER=${LAUNCHER})
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -S "${SOURCE}/platform/tools" -B "${WORK}" ${launcher}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configuring platform/tools alone failed (${rc}):\n${out}\n${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build "${WORK}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building platform/tools alone failed (${rc}):\n${out}\n${err}")
endif()
if(out MATCHES "warning:")
  message(FATAL_ERROR "platform/tools built with warnings:\n${out}")
endif()
execute_process(COMMAND "${WORK}/unknot-icon" --size 192 --maskable --out "${WORK}/icon.png"
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT EXISTS "${WORK}/icon.png")
  message(FATAL_ERROR "the standalone unknot-icon failed (${rc}): ${err}")
endif()
# Only the C and C++ runtimes: no SDL, no ImGui, no libstb.so.
file(GET_RUNTIME_DEPENDENCIES EXECUTABLES "${WORK}/unknot-icon" RESOLVED_DEPENDENCIES_VAR deps
     UNRESOLVED_DEPENDENCIES_VAR missing)
foreach(d IN LISTS deps missing)
  if(d MATCHES "SDL|imgui|stb|yaml|sqlite")
    message(FATAL_ERROR "the standalone unknot-icon links ${d}")
  endif()
endforeach()
message(STATUS "platform/tools alone: unknot-icon built and ran; it links only ${deps}")
file(REMOVE_RECURSE "${WORK}")
