# Warnings and sanitizers live in a non-exported interface target linked PRIVATE.
add_library(journeysim_warnings INTERFACE)
target_compile_options(journeysim_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wnull-dereference
  $<$<BOOL:${JOURNEYSIM_WARNINGS_AS_ERRORS}>:-Werror>)
if(JOURNEYSIM_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
