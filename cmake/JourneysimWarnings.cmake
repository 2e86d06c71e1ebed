# Warnings and sanitizers live in a non-exported interface target linked PRIVATE.
add_library(journeysim_warnings INTERFACE)
target_compile_options(journeysim_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wnull-dereference
  $<$<BOOL:${JOURNEYSIM_WARNINGS_AS_ERRORS}>:-Werror>
  # GCC 12 reports false positives for std::string concatenation at -O2 (GCC bug 105329).
  $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-restrict>)
if(JOURNEYSIM_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
if(JOURNEYSIM_TSAN)
  if(JOURNEYSIM_SANITIZE OR JOURNEYSIM_FUZZ)
    message(FATAL_ERROR "JOURNEYSIM_TSAN cannot be combined with JOURNEYSIM_SANITIZE or JOURNEYSIM_FUZZ")
  endif()
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
  # With TSan's instrumentation GCC 12 reports null dereferences inside std::string that cannot
  # happen (in CLI11's split); the ASan and Release builds keep the warning.
  target_compile_options(journeysim_warnings INTERFACE -Wno-null-dereference)
endif()
# Every library is instrumented for libFuzzer's coverage feedback; only the fuzz targets link
# libFuzzer itself (-fsanitize=fuzzer, in tests/fuzz).
if(JOURNEYSIM_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "JOURNEYSIM_FUZZ needs clang (configure with -DCMAKE_CXX_COMPILER=clang++)")
  endif()
  if(JOURNEYSIM_SANITIZE)
    message(FATAL_ERROR "JOURNEYSIM_FUZZ already builds with ASan and UBSan; leave JOURNEYSIM_SANITIZE off")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
    -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
# The HTML report embeds Vega's bundles as constexpr string_views (report/embed_web.cmake);
# clang's default constexpr step limit (2^20) is too small to measure them.
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  add_compile_options(-fconstexpr-steps=268435456)
endif()
