# UnknotImGui: Dear ImGui 1.86 as Debian packages it (libimgui-dev), as targets.
#
# [SECTION] Guard: this file is included by platform/ and by engine/ui/
# [SECTION] unknot::imgui: the core library (libimgui.a + stb)
# [SECTION] unknot::imgui_sdl_renderer: the SDL_Renderer backend, built here
#
# Debian's libimgui.a holds the core, the SDL2 platform backend
# (imgui_impl_sdl.o) and a few others, but NOT the SDL_Renderer backend: that
# one only ships as source under /usr/share/doc/libimgui-dev/examples/backends.
# We compile it from there; nothing is copied into the repository and nothing
# is downloaded.

#-----------------------------------------------------------------------------
# [SECTION] Guard
#-----------------------------------------------------------------------------
# Both platform/CMakeLists.txt and engine/ui/CMakeLists.txt include this file;
# the second include must be a no-op, not a "target already exists" error.
if(TARGET unknot::imgui)
  return()
endif()

#-----------------------------------------------------------------------------
# [SECTION] unknot::imgui
#-----------------------------------------------------------------------------
find_path(UNKNOT_IMGUI_INCLUDE_DIR imgui.h PATH_SUFFIXES imgui)
find_library(UNKNOT_IMGUI_LIBRARY NAMES libimgui.a imgui)
find_library(UNKNOT_STB_LIBRARY NAMES libstb.a stb)
find_path(UNKNOT_STB_INCLUDE_DIR stb/stb_image_write.h)
if(NOT UNKNOT_IMGUI_INCLUDE_DIR OR NOT UNKNOT_IMGUI_LIBRARY)
  message(FATAL_ERROR
    "Dear ImGui not found (imgui.h / libimgui.a): install the Debian package libimgui-dev")
endif()
if(NOT UNKNOT_STB_LIBRARY OR NOT UNKNOT_STB_INCLUDE_DIR)
  message(FATAL_ERROR
    "stb not found (libstb.a / stb/stb_image_write.h): install the Debian package libstb-dev")
endif()

# libimgui.a leaves stb_truetype and stb_rect_pack undefined (Debian builds
# them into libstb instead of inlining them), so stb is part of the interface.
# FreeType is only needed by imgui_freetype.o, which nothing here uses, so it
# is not linked (checked with `nm libimgui.a`: imgui.o, imgui_draw.o,
# imgui_tables.o and imgui_widgets.o need no FT_ symbol).
add_library(unknot_stb INTERFACE)
add_library(unknot::stb ALIAS unknot_stb)
target_include_directories(unknot_stb SYSTEM INTERFACE ${UNKNOT_STB_INCLUDE_DIR})
target_link_libraries(unknot_stb INTERFACE ${UNKNOT_STB_LIBRARY} m)

add_library(unknot_imgui INTERFACE)
add_library(unknot::imgui ALIAS unknot_imgui)
# SYSTEM: third-party headers must not trip our -Wpedantic build.
target_include_directories(unknot_imgui SYSTEM INTERFACE
  ${UNKNOT_IMGUI_INCLUDE_DIR}
  ${UNKNOT_IMGUI_INCLUDE_DIR}/backends)
target_link_libraries(unknot_imgui INTERFACE ${UNKNOT_IMGUI_LIBRARY} unknot::stb)

#-----------------------------------------------------------------------------
# [SECTION] unknot::imgui_sdl_renderer
#-----------------------------------------------------------------------------
# Only the platform shell needs this (it needs SDL2, which engine/ui must not).
# The target is defined lazily by the function below so that engine/ui can
# include this file without SDL2 being found first.
set(UNKNOT_IMGUI_BACKEND_DIR /usr/share/doc/libimgui-dev/examples/backends
  CACHE PATH "Folder holding imgui_impl_sdlrenderer.cpp (from libimgui-dev)")

function(unknot_add_imgui_sdl_renderer sdl_target)
  if(TARGET unknot::imgui_sdl_renderer)
    return()
  endif()
  set(src ${UNKNOT_IMGUI_BACKEND_DIR}/imgui_impl_sdlrenderer.cpp)
  if(NOT EXISTS ${src})
    message(FATAL_ERROR
      "${src} is missing. The SDL_Renderer backend of Dear ImGui ships as source "
      "in the Debian package libimgui-dev (examples/backends); install it, or set "
      "UNKNOT_IMGUI_BACKEND_DIR to a folder holding imgui_impl_sdlrenderer.cpp.")
  endif()
  add_library(unknot_imgui_sdl_renderer STATIC ${src})
  add_library(unknot::imgui_sdl_renderer ALIAS unknot_imgui_sdl_renderer)
  target_link_libraries(unknot_imgui_sdl_renderer PUBLIC unknot::imgui ${sdl_target})
  # Third-party code, compiled as Debian ships it: held to -Wall -Wextra (it
  # is clean there) but not to our stricter casts and conversions, which would
  # mean editing a file we do not own.
  target_compile_options(unknot_imgui_sdl_renderer PRIVATE -Wall -Wextra)
endfunction()
