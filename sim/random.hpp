#pragma once
/// \file
/// Reproducible random streams. Every stream is a small Boost.Random engine (taus88, 12 bytes of
/// state) seeded from a splitmix64 mix of (master seed, replication, ..., purpose), so a stream's
/// numbers depend only on what it is for, never on the order in which events happen. This is what
/// lets scenarios share random numbers (common random numbers).

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/taus88.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include <cstdint>
#include <initializer_list>

namespace journeysim::detail {

/// What a stream is used for. The values are part of the reproducibility contract: changing one
/// changes every simulated number drawn for that purpose.
enum class Purpose : std::uint64_t {
    Arrivals = 1,  ///< arrival times of one journey (one stream per journey and replication)
    Segment = 2,   ///< the customer's segment
    Baseline = 3,  ///< the customer's baseline likelihood-to-recommend
    Route = 4,     ///< probabilistic branches and `next` lists of the customer journey
    Choice = 5,    ///< channel choice and stickiness
    Handle = 6,    ///< handle, wrap-up and employee-journey step times
    Patience = 7,  ///< patience in queues
    Outcome = 8,   ///< fixed / not fixed, self-service success, employee-journey branches
    Duration = 9,  ///< step durations, self-service time, retry delays
};

/// One round of the splitmix64 finaliser: a bijective 64-bit mixer.
constexpr std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/// Mixes one more key into a seed.
constexpr std::uint64_t sub_seed(std::uint64_t seed, std::uint64_t key) {
    return splitmix64(seed ^ splitmix64(key));
}

/// Mixes a sequence of keys into one 64-bit seed; different sequences give unrelated seeds.
/// derive_seed({a, b, c}) == sub_seed(derive_seed({a, b}), c), so prefixes can be cached.
constexpr std::uint64_t derive_seed(std::initializer_list<std::uint64_t> keys) {
    std::uint64_t h = 0x6A09E667F3BCC908ULL;
    for (auto k : keys)
        h = sub_seed(h, k);
    return h;
}

/// The engine behind every stream.
using Engine = boost::random::taus88;

/// Seeds an engine's three component generators from a 64-bit seed.
inline void seed_engine(Engine& engine, std::uint64_t seed) {
    const std::uint64_t more = splitmix64(seed);
    const std::uint32_t parts[3] = {static_cast<std::uint32_t>(seed),
                                    static_cast<std::uint32_t>(seed >> 32),
                                    static_cast<std::uint32_t>(more)};
    const std::uint32_t* first = parts;
    engine.seed(first, parts + 3);
}

/// An engine seeded for `keys`.
inline Engine make_engine(std::initializer_list<std::uint64_t> keys) {
    Engine engine;
    seed_engine(engine, derive_seed(keys));
    return engine;
}

/// A uniform number in [0, 1) from 64 random bits (53 of them), for numbers that must be a
/// function of a key rather than the next draw of a stream.
inline double unit_interval(std::uint64_t bits) {
    return static_cast<double>(bits >> 11) * (1.0 / 9007199254740992.0);
}

/// An exponential number with mean 1 (Boost.Random's ziggurat).
inline double unit_exponential(Engine& engine) {
    return boost::random::exponential_distribution<double>(1.0)(engine);
}

/// A uniform number in [0, 1).
inline double uniform01(Engine& engine) {
    return boost::random::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

}  // namespace journeysim::detail
