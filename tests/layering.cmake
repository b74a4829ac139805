# Layering: each layer includes only what its README says it may depend on.
# Run as: cmake -DSOURCE=<repo> -P tests/layering.cmake
#   engine/ (core, cli, ui) never includes a platform/ header or SDL;
#   the engine core never includes ImGui or the UI.
# Fails naming each file and the include that breaks the rule.
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
foreach(ext cpp hpp)
  check_layer("engine/*.${ext}" "unknot/platform/|SDL" "engine/ never sees platform/ or SDL")
  check_layer("engine/src/*.${ext}" "imgui|unknot/ui/|unknot/cli" "the engine core never sees the UI or the CLI")
  check_layer("engine/include/*.${ext}" "imgui|unknot/ui/|unknot/cli" "the engine core never sees the UI or the CLI")
endforeach()
if(problems)
  message(FATAL_ERROR "layering broken:\n${problems}")
endif()
message(STATUS "layering: engine/ includes nothing from platform/ or SDL; the core nothing from the UI or CLI")
