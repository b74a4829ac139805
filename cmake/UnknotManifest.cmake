# UnknotManifest: writes a `files.txt` in DIR and in each folder below it,
# listing that folder's entries, one a line, sorted, folders ending in '/'.
#
# Usage: cmake -DDIR=<folder> -P UnknotManifest.cmake
#
# Why: on Android the bundled data lives inside the APK, where SDL_RWops can
# read a file but nothing can list a folder. The app's file source
# (platform/src/sdl_files.cpp) lists with std::filesystem where it can and
# falls back to these manifests. files.txt never lists itself.
if(NOT DIR)
  message(FATAL_ERROR "UnknotManifest.cmake: pass -DDIR=<folder>")
endif()
if(NOT IS_DIRECTORY "${DIR}")
  message(FATAL_ERROR "UnknotManifest.cmake: ${DIR} is not a folder")
endif()

function(unknot_write_manifest dir)
  file(GLOB entries RELATIVE "${dir}" "${dir}/*")
  list(SORT entries)
  set(text "")
  foreach(e IN LISTS entries)
    if(e STREQUAL "files.txt")
      continue()
    endif()
    if(IS_DIRECTORY "${dir}/${e}")
      string(APPEND text "${e}/\n")
      unknot_write_manifest("${dir}/${e}")
    else()
      string(APPEND text "${e}\n")
    endif()
  endforeach()
  # Rewrite only on change, so the build stays quiet and timestamps stable.
  set(out "${dir}/files.txt")
  set(old "")
  if(EXISTS "${out}")
    file(READ "${out}" old)
  endif()
  if(NOT old STREQUAL text)
    file(WRITE "${out}" "${text}")
  endif()
endfunction()

unknot_write_manifest("${DIR}")
