# unknot_warnings(target): the project's warning set. The build is kept
# warning-free with these; CI adds -Werror through the `ci` preset.
function(unknot_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(UNKNOT_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
