#pragma once
/// \file
/// Writing output files so that they appear whole or not at all.

#include <filesystem>
#include <string_view>

namespace journeysim {

/// Writes `bytes` to a temporary file beside `path` and renames it into place, so a reader
/// never sees a partial file and an existing file is replaced only by a complete one.
/// Throws `OutputError` (error.hpp) naming the path and the reason on failure.
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace journeysim
