# Writes a C++ source defining `const char* const <SYMBOL>` with the contents of INPUT, so a file
# is built into a binary (the CLI's demo model and scenarios, the HTML report's CSS and script).
# Usage:
#   cmake -DINPUT=in.json -DOUTPUT=out.cpp -DSYMBOL=journeysim::cli::kDemoModel -P embed_file.cmake
file(READ "${INPUT}" content)
string(FIND "${content}" ")jsim_embed\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter")
endif()
string(REGEX REPLACE "::[^:]+$" "" namespace "${SYMBOL}")
string(REGEX REPLACE "^.*::" "" name "${SYMBOL}")
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by embed_file.cmake; do not edit.\n"
  "namespace ${namespace} {\n"
  "extern const char* const ${name};\n"
  "const char* const ${name} = R\"jsim_embed(${content})jsim_embed\";\n"
  "}  // namespace ${namespace}\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
