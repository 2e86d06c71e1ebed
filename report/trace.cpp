#include <journeysim/error.hpp>
#include <journeysim/report.hpp>

#include <fmt/format.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>

namespace journeysim {

namespace {

std::string minutes(double t) {
    if (!std::isfinite(t)) return {};
    return fmt::format("{:.4f}", t);
}

/// "YYYY-MM-DD HH:MM:SS" for a simulation time (day 1 = Monday 2024-01-01).
std::string clock_text(double t) {
    if (!std::isfinite(t) || t < 0) return {};
    const auto seconds = static_cast<long long>(std::llround(t * 60.0));
    const long long day = seconds / 86400;
    const long long in_day = seconds % 86400;
    return fmt::format("{} {:02d}:{:02d}:{:02d}", simulation_date(static_cast<std::size_t>(day)),
                       in_day / 3600, in_day / 60 % 60, in_day % 60);
}

}  // namespace

struct TraceCsvWriter::Impl {
    std::filesystem::path path;
    std::filesystem::path tmp;
    int fd = -1;
    std::string buffer;
    int error = 0;  // errno of the first failed write

    void flush() {
        std::size_t done = 0;
        while (done < buffer.size() && error == 0) {
            const ssize_t n = ::write(fd, buffer.data() + done, buffer.size() - done);
            if (n < 0) {
                if (errno == EINTR) continue;
                error = errno;
                break;
            }
            done += static_cast<std::size_t>(n);
        }
        buffer.clear();
    }

    [[noreturn]] void fail(int err) {
        if (fd >= 0) ::close(fd);
        fd = -1;
        ::unlink(tmp.c_str());
        throw OutputError(fmt::format("cannot write {}: {}", path.string(), std::strerror(err)));
    }
};

TraceCsvWriter::TraceCsvWriter(const std::filesystem::path& path)
    : impl_(std::make_unique<Impl>()) {
    namespace fs = std::filesystem;
    impl_->path = path;
    const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        throw OutputError(fmt::format("cannot write {}: directory {} does not exist", path.string(),
                                      dir.string()));
    }
    std::random_device rd;
    impl_->tmp = dir / fmt::format(".{}.{:08x}.tmp", path.filename().string(), rd());
    impl_->fd = ::open(impl_->tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (impl_->fd < 0) {
        throw OutputError(fmt::format("cannot write {}: {}", path.string(), std::strerror(errno)));
    }
    impl_->buffer =
        "customer,journey,segment,touchpoint,channel,arrival_min,answer_min,end_min,arrival,"
        "answer,end,outcome\n";
}

TraceCsvWriter::~TraceCsvWriter() {
    if (impl_ && impl_->fd >= 0) {
        ::close(impl_->fd);
        ::unlink(impl_->tmp.c_str());
    }
}

void TraceCsvWriter::write(const TraceRow& row) {
    Impl& s = *impl_;
    if (s.fd < 0) return;
    s.buffer += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", row.customer,
                            csv_field(row.journey), csv_field(row.segment),
                            csv_field(row.touchpoint), csv_field(row.channel), minutes(row.arrival),
                            minutes(row.answer), minutes(row.end), clock_text(row.arrival),
                            clock_text(row.answer), clock_text(row.end), row.outcome);
    if (s.buffer.size() > (1u << 20)) s.flush();
}

void TraceCsvWriter::commit() {
    Impl& s = *impl_;
    if (s.fd < 0)
        throw OutputError(fmt::format("cannot write {}: already closed", s.path.string()));
    s.flush();
    if (s.error != 0) s.fail(s.error);
    if (::fsync(s.fd) != 0) s.fail(errno);
    const int fd = s.fd;
    s.fd = -1;
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(s.tmp.c_str());
        throw OutputError(fmt::format("cannot write {}: {}", s.path.string(), std::strerror(err)));
    }
    if (std::rename(s.tmp.c_str(), s.path.c_str()) != 0) {
        const int err = errno;
        ::unlink(s.tmp.c_str());
        throw OutputError(fmt::format("cannot write {}: {}", s.path.string(), std::strerror(err)));
    }
}

}  // namespace journeysim
