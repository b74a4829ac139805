# Installs the build into a fresh DESTDIR (prefix /usr, as a distribution
# package does) and checks the desktop integration files: the .desktop file,
# the metainfo and one hicolor PNG per size, each with the right dimensions
# (read from its IHDR header). Leaves DESTDIR for the validator tests.
# Usage: cmake -DBUILD=<build dir> -DDESTDIR=<dir> -DID=<app id> -DSIZES="16;...;512"
#        -P desktop_install.cmake
file(REMOVE_RECURSE "${DESTDIR}")
execute_process(COMMAND ${CMAKE_COMMAND} -E env DESTDIR=${DESTDIR}
                        ${CMAKE_COMMAND} --install "${BUILD}" --prefix /usr
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install into DESTDIR failed (${rc}): ${err}")
endif()
set(share "${DESTDIR}/usr/share")
foreach(f bin/unknot share/applications/${ID}.desktop share/metainfo/${ID}.metainfo.xml)
  if(NOT EXISTS "${DESTDIR}/usr/${f}")
    message(FATAL_ERROR "not installed: /usr/${f}")
  endif()
endforeach()
# The desktop file names the icon and the program by the same id.
file(READ "${share}/applications/${ID}.desktop" desktop)
if(NOT desktop MATCHES "\nIcon=${ID}\n" OR NOT desktop MATCHES "\nExec=unknot")
  message(FATAL_ERROR "the desktop file does not name Icon=${ID} and Exec=unknot:\n${desktop}")
endif()
file(READ "${share}/metainfo/${ID}.metainfo.xml" meta)
if(NOT meta MATCHES "<id>${ID}</id>" OR NOT meta MATCHES "<launchable type=\"desktop-id\">${ID}.desktop</launchable>")
  message(FATAL_ERROR "the metainfo does not carry the id ${ID} and its launchable")
endif()

# Each PNG: the signature, then IHDR's width and height (big-endian, bytes 16-23).
foreach(n IN LISTS SIZES)
  set(png "${share}/icons/hicolor/${n}x${n}/apps/${ID}.png")
  if(NOT EXISTS "${png}")
    message(FATAL_ERROR "not installed: ${png}")
  endif()
  file(READ "${png}" head LIMIT 24 HEX)
  string(SUBSTRING "${head}" 0 16 signature)
  string(SUBSTRING "${head}" 32 8 w)
  string(SUBSTRING "${head}" 40 8 h)
  math(EXPR w "0x${w}")
  math(EXPR h "0x${h}")
  if(NOT signature STREQUAL "89504e470d0a1a0a" OR NOT w EQUAL n OR NOT h EQUAL n)
    message(FATAL_ERROR "${png}: not a ${n}x${n} PNG (signature ${signature}, ${w}x${h})")
  endif()
endforeach()
message(STATUS "installed under ${DESTDIR}/usr: ${ID}.desktop, ${ID}.metainfo.xml, icons ${SIZES}")
