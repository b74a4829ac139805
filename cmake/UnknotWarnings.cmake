# unknot_warnings(target): the project's warning set. The build is kept
# warning-free with these; CI adds -Werror through the `ci` preset.
#
# Beyond -Wall -Wextra -Wpedantic: shadowed names, narrowing conversions
# (integer and floating point; sign conversions too), C-style casts, a
# polymorphic class without a virtual destructor, and a switch case that falls
# through without [[fallthrough]].
set(UNKNOT_WARNING_FLAGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wold-style-cast -Wnon-virtual-dtor -Wimplicit-fallthrough)
function(unknot_warnings target)
  target_compile_options(${target} PRIVATE ${UNKNOT_WARNING_FLAGS})
  if(UNKNOT_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
