#include <journeysim/error.hpp>
#include <journeysim/io.hpp>

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <random>

namespace journeysim {

namespace fs = std::filesystem;

namespace {

std::atomic<void (*)(const char*)> g_created{nullptr};
std::atomic<void (*)(const char*)> g_removed{nullptr};

std::optional<int> own_stream(const fs::path& path);

/// The path for a message: control bytes escaped (a name may carry them).
std::string shown(const fs::path& path) {
    if (const auto stream = own_stream(path)) {
        if (*stream == 1) return "standard output";
        if (*stream == 2) return "standard error";
    }
    return terminal_text(path.string());
}

[[noreturn]] void fail(const fs::path& path, const std::string& why, const std::string& hint) {
    throw OutputError(fmt::format("cannot write {}: {}{}", shown(path), why,
                                  hint.empty() ? std::string() : "; hint: " + hint));
}

/// The descriptor `path` names when it is one of the process's own streams: `-` and
/// `/dev/stdout` (1), `/dev/stderr` (2), `/dev/fd/N` and `/proc/self/fd/N` (N).
std::optional<int> own_stream(const fs::path& path) {
    const std::string text = path.lexically_normal().string();
    if (text == "-" || text == "/dev/stdout") return 1;
    if (text == "/dev/stderr") return 2;
    for (std::string_view prefix : {"/dev/fd/", "/proc/self/fd/"}) {
        if (!text.starts_with(prefix)) continue;
        const std::string_view digits = std::string_view(text).substr(prefix.size());
        int fd = -1;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), fd);
        if (ec == std::errc() && end == digits.data() + digits.size() && fd >= 1) return fd;
    }
    return std::nullopt;
}

/// `path` with its symbolic links followed to what they finally point to (a link that points
/// nowhere gives the path it points to); stops at one of the process's own streams.
fs::path follow_links(const fs::path& path) {
    fs::path p = path;
    for (int hop = 0; hop < 40; ++hop) {
        struct stat st {};
        if (own_stream(p) || ::lstat(p.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return p;
        std::error_code ec;
        const fs::path target = fs::read_symlink(p, ec);
        if (ec) fail(path, "cannot read the symbolic link " + shown(p) + ": " + ec.message(), "");
        p = target.is_absolute() ? target : p.parent_path() / target;
    }
    fail(path, "too many levels of symbolic links", "check where the link points");
}

/// Permission bits a new file gets (0666 without the umask).
mode_t new_file_mode() {
    static const mode_t mode = [] {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        return static_cast<mode_t>(0666 & ~mask);
    }();
    return mode;
}

/// Creates a fresh temporary file beside `target` (mode 0600); returns its descriptor, or -1
/// with errno set. The name is announced to the hooks before the file exists, so a signal
/// handler never misses a file that is there; a name announced but not created is withdrawn.
int create_temporary(const fs::path& target, fs::path& tmp) {
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::random_device rd;
    for (int attempt = 0;; ++attempt) {
        const std::uint64_t tag = (std::uint64_t{rd()} << 32) ^ rd();
        tmp = dir / fmt::format(".{}.{:016x}.tmp", target.filename().string(), tag);
        if (auto created = g_created.load()) created(tmp.c_str());
        const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0) return fd;
        const int err = errno;
        if (auto removed = g_removed.load()) removed(tmp.c_str());
        errno = err;
        if (err != EEXIST || attempt > 16) return -1;
    }
}

/// Removes a temporary file made by `create_temporary` and withdraws its name.
void remove_temporary(const fs::path& tmp) {
    ::unlink(tmp.c_str());
    if (auto removed = g_removed.load()) removed(tmp.c_str());
}

fs::path folder_of(const fs::path& target) {
    return target.has_parent_path() ? target.parent_path() : fs::path(".");
}

}  // namespace

void set_temporary_file_hooks(TemporaryFileHooks hooks) {
    g_created.store(hooks.created);
    g_removed.store(hooks.removed);
}

bool is_standard_output(const fs::path& path) {
    return own_stream(path) == 1;
}

void check_output_path(const fs::path& path) {
    if (own_stream(path)) return;
    const fs::path target = follow_links(path);
    if (own_stream(target)) return;
    struct stat st {};
    if (::stat(target.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode)) fail(path, "it is a folder", "name a file in it");
        if (!S_ISREG(st.st_mode)) {
            if (::access(target.c_str(), W_OK) != 0)
                fail(path, std::strerror(errno), "choose a path you may write");
            return;  // a device or FIFO is written directly
        }
    } else if (errno != ENOENT) {
        fail(path, std::strerror(errno), "");
    }
    const fs::path dir = folder_of(target);
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        fail(path, fmt::format("the folder {} does not exist", shown(dir)),
             "create the folder first or choose another path");
    }
    fs::path probe;
    const int fd = create_temporary(target, probe);
    if (fd < 0) {
        fail(path,
             fmt::format("cannot create a file in the folder {}: {}", shown(dir),
                         std::strerror(errno)),
             "choose a folder you may write");
    }
    ::close(fd);
    remove_temporary(probe);
}

// -------------------------------------------------------------------------------------------

struct OutputFile::Impl {
    enum class Kind { Stream, Direct, Replace };
    fs::path path;    ///< as given
    fs::path target;  ///< with links followed
    fs::path tmp;     ///< Replace: the temporary file
    Kind kind = Kind::Replace;
    int fd = -1;
    bool done = false;
    std::string buffer;
    int error = 0;  ///< errno of the first failed write

    void flush() {
        std::size_t written = 0;
        while (written < buffer.size() && error == 0) {
            const ssize_t n = ::write(fd, buffer.data() + written, buffer.size() - written);
            if (n < 0) {
                if (errno == EINTR) continue;
                error = errno;
                break;
            }
            written += static_cast<std::size_t>(n);
        }
        buffer.clear();
    }

    /// Closes (and for Replace removes the temporary file) without putting anything in place.
    void abandon() {
        if (kind != Kind::Stream && fd >= 0) ::close(fd);
        fd = -1;
        if (kind == Kind::Replace && !tmp.empty()) {
            remove_temporary(tmp);
            tmp.clear();
        }
        done = true;
    }

    [[noreturn]] void fail_with(int err) {
        abandon();
        fail(path, std::strerror(err),
             err == ENOSPC ? "free some space on the disk" : std::string());
    }
};

OutputFile::OutputFile(const fs::path& path) : impl_(std::make_unique<Impl>()) {
    Impl& s = *impl_;
    s.path = path;
    s.target = follow_links(path);
    if (const auto stream = own_stream(s.target)) {
        s.kind = Impl::Kind::Stream;
        s.fd = *stream;
        std::fflush(*stream == 1 ? stdout : *stream == 2 ? stderr : nullptr);
        return;
    }
    struct stat st {};
    const bool exists = ::stat(s.target.c_str(), &st) == 0;
    if (!exists && errno != ENOENT) fail(path, std::strerror(errno), "");
    if (exists && S_ISDIR(st.st_mode)) fail(path, "it is a folder", "name a file in it");
    if (exists && !S_ISREG(st.st_mode)) {
        // A device or FIFO: written as it is, never replaced.
        s.kind = Impl::Kind::Direct;
        s.fd = ::open(s.target.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
        if (s.fd < 0) fail(path, std::strerror(errno), "");
        return;
    }
    const fs::path dir = folder_of(s.target);
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        fail(path, fmt::format("the folder {} does not exist", shown(dir)),
             "create the folder first or choose another path");
    }
    s.fd = create_temporary(s.target, s.tmp);
    if (s.fd < 0) {
        const int err = errno;
        s.tmp.clear();
        fail(path, std::strerror(err), "choose a folder you may write");
    }
    if (exists) {
        // Keep the replaced file's owner (where allowed) and permission bits.
        if (::fchown(s.fd, st.st_uid, st.st_gid) != 0) errno = 0;  // not allowed: keep ours
    }
    if (::fchmod(s.fd, exists ? st.st_mode & 07777 : new_file_mode()) != 0) s.fail_with(errno);
}

OutputFile::~OutputFile() {
    if (impl_ && !impl_->done) impl_->abandon();
}

const fs::path& OutputFile::path() const {
    return impl_->path;
}

void OutputFile::write(std::string_view bytes) {
    Impl& s = *impl_;
    if (s.done || s.error != 0) return;
    s.buffer.append(bytes);
    if (s.buffer.size() >= (1u << 20)) s.flush();
}

void OutputFile::commit() {
    Impl& s = *impl_;
    if (s.done) fail(s.path, "the output is closed already", "");
    s.flush();
    if (s.error != 0) s.fail_with(s.error);
    switch (s.kind) {
        case Impl::Kind::Stream:
            s.done = true;
            return;
        case Impl::Kind::Direct: {
            const int fd = s.fd;
            s.fd = -1;
            s.done = true;
            if (::close(fd) != 0) fail(s.path, std::strerror(errno), "");
            return;
        }
        case Impl::Kind::Replace:
            break;
    }
    if (::fsync(s.fd) != 0) s.fail_with(errno);
    const int fd = s.fd;
    s.fd = -1;
    if (::close(fd) != 0) s.fail_with(errno);
    if (std::rename(s.tmp.c_str(), s.target.c_str()) != 0) s.fail_with(errno);
    if (auto removed = g_removed.load()) removed(s.tmp.c_str());
    s.tmp.clear();
    s.done = true;
}

void write_file_atomically(const fs::path& path, std::string_view bytes) {
    OutputFile out(path);
    out.write(bytes);
    out.commit();
}

// -------------------------------------------------------------------------------------------

namespace {

/// Length of the valid UTF-8 sequence starting at `s[i]` (a byte >= 0x80), 0 when invalid.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    std::size_t n = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0) low = 0xA0;
        if (c == 0xED) high = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0) low = 0x90;
        if (c == 0xF4) high = 0x8F;
    } else {
        return 0;
    }
    if (i + n > s.size()) return 0;
    if (byte(i + 1) < low || byte(i + 1) > high) return 0;
    for (std::size_t k = 2; k < n; ++k)
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
    return n;
}

}  // namespace

std::string terminal_text(std::string_view text, bool keep_newlines) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if ((c < 0x20 && !(keep_newlines && c == '\n')) || c == 0x7F) {
                out += fmt::format("\\x{:02x}", c);
            } else {
                out += static_cast<char>(c);
            }
            ++i;
            continue;
        }
        const std::size_t n = utf8_sequence(text, i);
        if (n == 0) {
            out += fmt::format("\\x{:02x}", c);
            ++i;
        } else if (n == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
            out += fmt::format("\\u{:04x}", static_cast<unsigned char>(text[i + 1]));
            i += 2;
        } else {
            out.append(text.substr(i, n));
            i += n;
        }
    }
    return out;
}

std::string display_name(std::string_view text, std::size_t limit) {
    std::size_t points = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        if (points == limit) return std::string(text.substr(0, i)) + "\u2026";
        ++points;
    }
    return std::string(text);
}

}  // namespace journeysim
