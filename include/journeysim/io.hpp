#pragma once
/// \file
/// Writing outputs so that they appear whole or not at all, and making names from a model safe
/// to show: on a terminal (control bytes escaped) and in a report (long names shortened).
///
/// Every output journeysim writes goes through `OutputFile` (or `write_file_atomically`, which
/// uses it):
/// - `-` (and `/dev/stdout`) is standard output;
/// - a target that exists and is not a regular file (a character device such as `/dev/null`, a
///   FIFO) is opened and written directly, never replaced;
/// - a symbolic link is followed: the file it points to is replaced, the link stays;
/// - a regular file (or a new one) is written to a temporary file beside it, which is renamed
///   into place only once complete; a replaced file keeps its permission bits and, where the
///   process may set them, its owner and group; on failure the old file is left untouched and
///   the temporary file removed.
/// Failures throw `OutputError` (error.hpp) naming the path and the reason.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace journeysim {

/// Called when a temporary output file is created and when it is gone again (renamed into
/// place or removed), so that a signal handler can remove what is left (cli/signals.cpp).
/// Both run outside signal handlers; `path` is only valid during the call.
struct TemporaryFileHooks {
    void (*created)(const char* path) = nullptr;
    void (*removed)(const char* path) = nullptr;
};

/// Installs `hooks` for every `OutputFile` created afterwards (none by default).
void set_temporary_file_hooks(TemporaryFileHooks hooks);

/// Whether `path` names standard output: `-`, `/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`.
bool is_standard_output(const std::filesystem::path& path);

/// Checks, before a long run, that `path` can be written as `OutputFile` would write it: the
/// folder exists and a file can be created in it (tried), the target is not a folder. Throws
/// `OutputError` naming the path, the reason and a hint otherwise. Standard output and existing
/// devices and FIFOs pass.
void check_output_path(const std::filesystem::path& path);

/// An output written as a stream and completed with `commit()`; see the file comment for how
/// each kind of target is written. Destroyed without `commit()`, it leaves an existing file
/// untouched and removes its temporary file.
class OutputFile {
  public:
    /// Opens the target (or the temporary file beside it); throws `OutputError` if it cannot.
    explicit OutputFile(const std::filesystem::path& path);
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    /// Appends `bytes` (buffered); a write error is reported by `commit()`.
    void write(std::string_view bytes);
    /// Writes what is buffered and puts the output in place; throws `OutputError` on failure.
    void commit();
    /// The path as given.
    const std::filesystem::path& path() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Writes `bytes` to `path` as `OutputFile` does: whole or not at all.
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

/// `text` with every control character shown as a visible escape, for terminals and text
/// outputs: C0 controls and DEL as `\xNN` (ESC is `\x1b`), C1 controls (U+0080-U+009F) as
/// `\u0080`..`\u009f`, bytes that are not UTF-8 as `\xNN`; valid UTF-8 otherwise unchanged.
/// `keep_newlines` leaves line feeds alone (for multi-line text whose names were not escaped).
std::string terminal_text(std::string_view text, bool keep_newlines = false);

/// Names longer than this many characters (code points) are shortened for display.
inline constexpr std::size_t kDisplayNameLimit = 80;

/// `text` cut to its first `limit` code points followed by an ellipsis ("…") when longer;
/// otherwise unchanged. Never splits a UTF-8 sequence.
std::string display_name(std::string_view text, std::size_t limit = kDisplayNameLimit);

}  // namespace journeysim
