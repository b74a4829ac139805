# Installs the build into a fresh prefix and checks that the installed
# `unknot` finds its bundled content and fonts relative to itself.
# Usage: cmake -DBUILD=<build dir> -DPREFIX=<empty dir> -P install_test.cmake
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND ${CMAKE_COMMAND} --install "${BUILD}" --prefix "${PREFIX}"
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${rc})")
endif()
foreach(f bin/unknot share/unknot/content/areas.yaml share/unknot/content/core/pack.yaml)
  if(NOT EXISTS "${PREFIX}/${f}")
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()
file(GLOB fonts "${PREFIX}/share/unknot/assets/fonts/*.ttf")
if(NOT fonts)
  message(FATAL_ERROR "no font installed under share/unknot/assets/fonts")
endif()
# Run from another folder so nothing relative to the working directory helps.
execute_process(COMMAND "${PREFIX}/bin/unknot" lint WORKING_DIRECTORY /
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT err MATCHES " 0 errors, 0 warnings")
  message(FATAL_ERROR "installed unknot lint: status ${rc}\n${out}\n${err}")
endif()
execute_process(COMMAND "${PREFIX}/bin/unknot" list --area neck WORKING_DIRECTORY /
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "neck-release")
  message(FATAL_ERROR "installed unknot list: status ${rc}\n${out}\n${err}")
endif()
message(STATUS "installed unknot found its content: ${out}")
file(REMOVE_RECURSE "${PREFIX}")
