# Sizes: no source file in engine/ or platform/ over 700 lines, so each file
# holds one purpose a reader can take in (docs/architecture.md). Function
# length (at most 80 lines) is checked by clang-tidy in `bash cmake/tidy.sh`,
# which .ci/run runs; this part needs no compiler and runs with ctest.
# Run as: cmake -DSOURCE=<repo> -P tests/sizes.cmake
cmake_policy(SET CMP0007 NEW)
set(limit 700)
set(problems "")
file(GLOB_RECURSE files ${SOURCE}/engine/*.cpp ${SOURCE}/engine/*.hpp ${SOURCE}/platform/*.cpp ${SOURCE}/platform/*.hpp)
foreach(f ${files})
  # file(STRINGS) drops empty lines; count newlines instead for the true length.
  file(READ ${f} text)
  string(REGEX MATCHALL "\n" newlines "${text}")
  list(LENGTH newlines n)
  if(n GREATER limit)
    file(RELATIVE_PATH rel ${SOURCE} ${f})
    string(APPEND problems "${rel}: ${n} lines (at most ${limit})\n")
  endif()
endforeach()
list(LENGTH files count)
if(count LESS 20)
  message(FATAL_ERROR "sizes: found only ${count} source files under ${SOURCE}: wrong SOURCE?")
endif()
if(problems)
  message(FATAL_ERROR "source files over ${limit} lines:\n${problems}")
endif()
message(STATUS "sizes: ${count} source files, none over ${limit} lines")
