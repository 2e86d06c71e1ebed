// journeysim_bench: throughput and memory of the simulation engine.
//
//   journeysim_bench callcentre [CUSTOMERS]     the reference call centre (see docs/performance.md)
//   journeysim_bench threads [REPLICATIONS]     replications on 1 thread vs 2 threads
//   journeysim_bench model FILE [DAYS]          a model file for DAYS simulated days
//   journeysim_bench crn SCENARIOS [REPS] [SEED] [METRIC]
//                                               paired vs independent difference of METRIC
//
// Every mode prints its figures and the process's peak resident memory (getrusage).
#include <journeysim/erlang.hpp>
#include <journeysim/load.hpp>
#include <journeysim/scenario.hpp>
#include <journeysim/simulate.hpp>

#include <fmt/format.h>

#include <sys/resource.h>

#include <cmath>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

using namespace journeysim;

namespace {

/// CPU seconds used by the process so far (user + system).
double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double max_rss_mib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

/// The reference call centre: one live channel open 24/7, Poisson arrivals of 100 per hour,
/// exponential handle time with mean 5.4 minutes, 10 agents, fix rate 1; `hours` long.
Model call_centre(double hours) {
    Model m;
    m.name = "reference call centre";
    m.horizon.days = hours / 24.0;
    Team team;
    team.id = team.label = "agents";
    team.constant_agents = true;
    team.schedule.push_back(Shift{WeeklyHours::always(), 10});
    team.skills = {"phone"};
    m.teams.push_back(team);
    Channel phone;
    phone.id = phone.label = "phone";
    phone.mode = ChannelMode::Live;
    phone.team = 0;
    Distribution handle;
    handle.kind = DistKind::Exponential;
    handle.unit = TimeUnit::Minutes;
    handle.mean = 5.4;
    phone.handle_time = handle;
    m.channels.push_back(phone);
    Segment everyone;
    everyone.id = everyone.label = "everyone";
    everyone.share = 1;
    everyone.baseline_ltr.mean = 7;
    everyone.channel_preference = {1.0};
    m.segments.push_back(everyone);
    Journey call;
    call.id = call.label = "call";
    call.arrivals.per_day = 100 * 24;
    call.arrivals.intraday.fill(1.0 / kIntradaySlots);
    call.arrivals.segment_mix = {1.0};
    Touchpoint contact;
    contact.id = contact.label = "call";
    contact.kind = TouchpointKind::Contact;
    contact.channels = {0};
    contact.on_fixed = 1;
    Touchpoint done;
    done.id = done.label = "done";
    done.kind = TouchpointKind::End;
    call.touchpoints = {contact, done};
    call.start = 0;
    m.journeys.push_back(call);
    return m;
}

int run_call_centre(double customers) {
    const double hours = customers / 100.0;
    const ValidModel model = validate(call_centre(hours));
    SimulationOptions options;
    options.replications = 1;
    options.threads = 1;
    options.seed = 1;
    const double cpu_before = cpu_seconds();
    const Result result = simulate(model, options);
    const double cpu = cpu_seconds() - cpu_before;
    const auto& s = result.statistics;
    const ErlangC exact = erlang_c(100.0 / 60.0, 5.4, 10);
    fmt::print("reference call centre: {:.0f} hours, 1 replication, 1 thread\n", hours);
    fmt::print("  customers          {}\n", s.customers);
    fmt::print("  events             {}\n", s.events);
    fmt::print("  wall time          {:.3f} s\n", s.seconds);
    fmt::print("  CPU time           {:.3f} s\n", cpu);
    fmt::print("  customers/s        {:.3f} million (per CPU second: {:.3f} million)\n",
               static_cast<double>(s.customers) / s.seconds / 1e6,
               static_cast<double>(s.customers) / cpu / 1e6);
    fmt::print("  events/s           {:.3f} million (per CPU second: {:.3f} million)\n",
               static_cast<double>(s.events) / s.seconds / 1e6,
               static_cast<double>(s.events) / cpu / 1e6);
    fmt::print("  P(wait)            {:.4f}  (Erlang C {:.4f})\n",
               result.at(metric::channel_p_wait, {"phone"}).mean, exact.p_wait);
    fmt::print("  mean wait          {:.3f} min  (Erlang C {:.3f} min)\n",
               result.at(metric::channel_asa_s, {"phone"}).mean / 60.0, exact.mean_wait);
    fmt::print("  peak memory (RSS)  {:.1f} MiB\n", max_rss_mib());

    // The same customers split into 10 replications give a confidence interval to compare
    // with Erlang C.
    SimulationOptions check;
    check.replications = 10;
    check.threads = 1;
    check.seed = 1;
    const Result split = simulate(validate(call_centre(hours / 10)), check);
    const Estimate p_wait = split.at(metric::channel_p_wait, {"phone"});
    const Estimate asa = split.at(metric::channel_asa_s, {"phone"});
    fmt::print("  check: 10 replications x {:.0f} customers, 95% CI\n", customers / 10);
    fmt::print("    P(wait)          {:.4f} [{:.4f}, {:.4f}]  Erlang C {:.4f}: {}\n", p_wait.mean,
               p_wait.low, p_wait.high, exact.p_wait,
               p_wait.low <= exact.p_wait && exact.p_wait <= p_wait.high ? "inside" : "OUTSIDE");
    fmt::print(
        "    mean wait (min)  {:.3f} [{:.3f}, {:.3f}]  Erlang C {:.3f}: {}\n", asa.mean / 60,
        asa.low / 60, asa.high / 60, exact.mean_wait,
        asa.low / 60 <= exact.mean_wait && exact.mean_wait <= asa.high / 60 ? "inside" : "OUTSIDE");
    return 0;
}

int run_threads(int replications) {
    const ValidModel model =
        validate(call_centre(1000000 / 100.0));  // 1,000,000 customers per replication
    double seconds[2] = {0, 0};
    std::string estimates[2];
    for (int threads = 1; threads <= 2; ++threads) {
        SimulationOptions options;
        options.replications = replications;
        options.threads = threads;
        options.seed = 7;
        const double cpu_before = cpu_seconds();
        const Result result = simulate(model, options);
        const double cpu = cpu_seconds() - cpu_before;
        seconds[threads - 1] = result.statistics.seconds;
        fmt::print(
            "{} replications of 1,000,000 customers on {} thread(s): {:.3f} s wall, "
            "{:.3f} s CPU\n",
            replications, threads, result.statistics.seconds, cpu);
        for (const auto& metric : result.metrics()) {
            for (double v : metric.values)
                estimates[threads - 1] += fmt::format("{},", v);
        }
    }
    fmt::print("speed-up 2 threads vs 1: {:.2f}x\n", seconds[0] / seconds[1]);
    fmt::print("identical results: {}\n", estimates[0] == estimates[1] ? "yes" : "NO");
    fmt::print("peak memory (RSS) {:.1f} MiB\n", max_rss_mib());
    return 0;
}

int run_model(const std::string& file, double days) {
    LoadedModel loaded = load_model_file(file);
    Model model = *loaded.model;
    model.horizon.days = days;
    model.horizon.warmup_days = 0;
    SimulationOptions options;
    options.replications = 1;
    options.threads = 1;
    options.seed = 1;
    const Result result = simulate(validate(model, file), options);
    const auto& s = result.statistics;
    fmt::print("{}: {} days, 1 replication, 1 thread\n", model.name, days);
    fmt::print("  customers          {}\n", s.customers);
    fmt::print("  events             {}\n", s.events);
    fmt::print("  wall time          {:.3f} s\n", s.seconds);
    fmt::print("  customers/s        {:.3f} million\n",
               static_cast<double>(s.customers) / s.seconds / 1e6);
    fmt::print("  events/s           {:.3f} million\n",
               static_cast<double>(s.events) / s.seconds / 1e6);
    fmt::print("  peak memory (RSS)  {:.1f} MiB\n", max_rss_mib());
    return 0;
}

double sample_variance(const std::vector<double>& v) {
    double mean = 0;
    for (double x : v)
        mean += x;
    mean /= static_cast<double>(v.size());
    double ss = 0;
    for (double x : v)
        ss += (x - mean) * (x - mean);
    return ss / static_cast<double>(v.size() - 1);
}

/// What common random numbers buy: for every scenario, the standard deviation of the
/// per-replication difference to the base when both replay the same random numbers (paired),
/// against the spread two independent runs would give (unpaired); their ratio is how much
/// narrower the paired interval is for the same number of replications.
int run_crn(const std::string& file, int replications, std::uint64_t seed,
            const std::string& metric) {
    const ScenarioSet set = load_scenarios_file(file);
    SimulationOptions options;
    options.replications = replications;
    options.seed = seed;
    const Result base = simulate(set.base, options);
    const Metric* b = base.find(metric);
    if (b == nullptr) throw std::runtime_error("no metric " + metric);
    fmt::print("{}: {} replications, seed {}, {}\n", set.name, replications, seed, metric);
    fmt::print("{:<28} {:>9} {:>9} {:>9} {:>9} {:>7}\n", "scenario", "sd base", "sd scen",
               "sd diff", "unpaired", "ratio");
    for (const auto& scenario : set.scenarios) {
        const Result r = simulate(scenario.model, options);
        const Metric* s = r.find(metric);
        if (s == nullptr) continue;
        std::vector<double> diff(b->values.size());
        for (std::size_t i = 0; i < diff.size(); ++i)
            diff[i] = s->values[i] - b->values[i];
        const double paired = std::sqrt(sample_variance(diff));
        const double unpaired = std::sqrt(sample_variance(b->values) + sample_variance(s->values));
        fmt::print("{:<28} {:>9.3f} {:>9.3f} {:>9.3f} {:>9.3f} {:>7.2f}\n", scenario.name,
                   std::sqrt(sample_variance(b->values)), std::sqrt(sample_variance(s->values)),
                   paired, unpaired, unpaired / paired);
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const std::string mode = argc > 1 ? argv[1] : "callcentre";
        if (mode == "callcentre") return run_call_centre(argc > 2 ? std::atof(argv[2]) : 1e6);
        if (mode == "threads") return run_threads(argc > 2 ? std::atoi(argv[2]) : 8);
        if (mode == "model" && argc > 2) {
            return run_model(argv[2], argc > 3 ? std::atof(argv[3]) : 30);
        }
        if (mode == "crn" && argc > 2) {
            return run_crn(argv[2], argc > 3 ? std::atoi(argv[3]) : 20,
                           argc > 4 ? std::strtoull(argv[4], nullptr, 10) : 42,
                           argc > 5 ? argv[5] : "/kpis/nps");
        }
        fmt::print(stderr,
                   "usage: journeysim_bench callcentre [CUSTOMERS] | threads [REPLICATIONS] | "
                   "model FILE [DAYS] | crn SCENARIOS [REPLICATIONS] [SEED] [METRIC]\n");
        return 2;
    } catch (const std::exception& e) {
        fmt::print(stderr, "journeysim_bench: {}\n", e.what());
        return 1;
    }
}
