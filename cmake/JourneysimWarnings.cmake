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
