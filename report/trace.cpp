#include <journeysim/io.hpp>
#include <journeysim/report.hpp>

#include <fmt/format.h>

#include <cmath>

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
    explicit Impl(const std::filesystem::path& path) : out(path) {}
    OutputFile out;
    bool open = true;
};

TraceCsvWriter::TraceCsvWriter(const std::filesystem::path& path)
    : impl_(std::make_unique<Impl>(path)) {
    impl_->out.write(
        "customer,journey,segment,touchpoint,channel,arrival_min,answer_min,end_min,arrival,"
        "answer,end,outcome\n");
}

TraceCsvWriter::~TraceCsvWriter() = default;

void TraceCsvWriter::write(const TraceRow& row) {
    Impl& s = *impl_;
    if (!s.open) return;
    s.out.write(fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", row.customer,
                            csv_field(row.journey), csv_field(row.segment),
                            csv_field(row.touchpoint), csv_field(row.channel), minutes(row.arrival),
                            minutes(row.answer), minutes(row.end), clock_text(row.arrival),
                            clock_text(row.answer), clock_text(row.end), row.outcome));
}

void TraceCsvWriter::commit() {
    impl_->open = false;
    impl_->out.commit();
}

}  // namespace journeysim
