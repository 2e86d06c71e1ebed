#include <journeysim/error.hpp>
#include <journeysim/io.hpp>

#include <fmt/format.h>

#include <fcntl.h>
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>

namespace journeysim {

void write_file_atomically(const std::filesystem::path& path, std::string_view bytes) {
    namespace fs = std::filesystem;
    const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        throw OutputError(fmt::format("cannot write {}: directory {} does not exist", path.string(),
                                      dir.string()));
    }
    if (fs::is_directory(path, ec)) {
        throw OutputError(fmt::format("cannot write {}: it is a directory", path.string()));
    }
    std::random_device rd;
    const fs::path tmp = dir / fmt::format(".{}.{:08x}.tmp", path.filename().string(), rd());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        throw OutputError(fmt::format("cannot write {}: {}", path.string(), std::strerror(errno)));
    }
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int err = errno;
            ::close(fd);
            ::unlink(tmp.c_str());
            throw OutputError(
                fmt::format("cannot write {}: {}", path.string(), std::strerror(err)));
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        throw OutputError(fmt::format("cannot write {}: {}", path.string(), std::strerror(err)));
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        throw OutputError(fmt::format("cannot write {}: {}", path.string(), std::strerror(err)));
    }
}

}  // namespace journeysim
