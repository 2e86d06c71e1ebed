#pragma once
/// \file
/// Turning a `Result` into what people and tools read: the result JSON (the contract in
/// docs/results.md), a CSV of every estimate, a terminal table, the per-interval CSV for
/// workforce-management tools, and a CSV trace of contacts.

#include <journeysim/result.hpp>
#include <journeysim/simulate.hpp>
#include <journeysim/staffing.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace journeysim {

/// The result JSON (`"journeysim_result": 1`): every metric as an estimate
/// `{"mean": m, "ci95": [lo, hi]}` at its JSON pointer; undefined values are `null`.
/// Byte-identical for identical results.
std::string result_to_json(const Result& result);

/// One CSV row per metric: `path,mean,ci_low,ci_high` (undefined values empty).
std::string result_to_csv(const Result& result);

/// A readable summary table: customer KPIs, NPS drivers, journeys, segments, channels and teams,
/// each figure with its 95% confidence interval ("42.1 ± 1.3").
std::string result_to_table(const Result& result);

/// The interval table as CSV, one row per channel per interval of the measured period:
/// `date,interval_start,channel,offered,handled,abandoned,aht_s,asa_s,service_level`
/// (day 1 of the simulation is Monday 2024-01-01). Requires `Result::intervals`.
std::string intervals_to_csv(const Result& result);

/// A CSV cell for text (names, paths; never for numbers, which are written as they are): quoted
/// when needed (RFC 4180: a cell with a comma, a double quote, CR or LF is enclosed in double
/// quotes with inner quotes doubled), and neutralised as OWASP recommends against CSV
/// injection: a cell starting with `=`, `+`, `-`, `@`, tab or CR, which a spreadsheet would
/// evaluate as a formula, gets a leading single quote and is quoted (`=1+1` becomes `"'=1+1"`).
/// Every CSV journeysim writes uses it for its text cells.
std::string csv_field(std::string_view text);

/// "42.1 ± 1.3" with `decimals` decimals (the half-width of the interval); "n/a" when undefined;
/// `scale` multiplies mean and interval (e.g. 100 for percentages).
std::string format_estimate(const Estimate& e, int decimals, double scale = 1.0);

/// The calendar date of simulation day `day` (0 = Monday 2024-01-01), as YYYY-MM-DD.
std::string simulation_date(std::size_t day);

/// A trace of contacts written as CSV to a file that appears only when `commit()` succeeds
/// (an `OutputFile`, io.hpp: rows go to a temporary file beside it, renamed into place at the
/// end; `-`, a device or a FIFO is written directly).
/// Columns: customer, journey, segment, touchpoint, channel, arrival_min, answer_min, end_min,
/// arrival, answer, end, outcome (times also as "YYYY-MM-DD HH:MM:SS").
class TraceCsvWriter : public TraceSink {
  public:
    /// Opens the temporary file; throws `OutputError` if it cannot.
    explicit TraceCsvWriter(const std::filesystem::path& path);
    ~TraceCsvWriter() override;
    TraceCsvWriter(const TraceCsvWriter&) = delete;
    TraceCsvWriter& operator=(const TraceCsvWriter&) = delete;

    void write(const TraceRow& row) override;
    /// Flushes and renames the file into place; throws `OutputError` on failure.
    void commit();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// A staffing plan as JSON (`"journeysim_staffing": 1`, described in docs/staffing.md).
std::string staffing_to_json(const Model& model, const StaffingPlan& plan);

/// A staffing plan as a terminal table: per team peak agents, FTE and weekly cost; per channel
/// target and achieved service level; agents per hour of the week; the targets not met.
std::string staffing_to_table(const Model& model, const StaffingPlan& plan);

}  // namespace journeysim
