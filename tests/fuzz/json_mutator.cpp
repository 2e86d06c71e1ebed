// libFuzzer's custom mutator for the JSON targets (fuzz_model, fuzz_scenario): linked into a
// target, it replaces the default mutations with `mutate_json`, which keeps mutated models and
// scenario files well-formed half of the time so the fuzzer reaches validation and scenario
// application instead of stopping at the parser.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);

namespace {

/// A JSON-aware mutation of `data` (when it parses as JSON), otherwise libFuzzer's own; half
/// of all mutations are libFuzzer's so byte-level problems are still explored.
size_t mutate_json(uint8_t* data, size_t size, size_t max_size, unsigned seed) {
    using Json = nlohmann::json;
    std::mt19937 rng(seed);
    auto pick = [&rng](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    if (pick(2) == 0) return LLVMFuzzerMutate(data, size, max_size);
    Json doc = Json::parse(data, data + size, nullptr, false);
    if (doc.is_discarded()) return LLVMFuzzerMutate(data, size, max_size);

    // Every node, and every key and string seen, so mutations can cross-reference ids.
    std::vector<Json*> nodes;
    std::vector<std::string> words;
    std::vector<Json*> stack{&doc};
    while (!stack.empty()) {
        Json* n = stack.back();
        stack.pop_back();
        nodes.push_back(n);
        if (n->is_object()) {
            for (auto it = n->begin(); it != n->end(); ++it) {
                words.push_back(it.key());
                stack.push_back(&it.value());
            }
        } else if (n->is_array()) {
            for (auto& e : *n)
                stack.push_back(&e);
        } else if (n->is_string()) {
            words.push_back(n->get<std::string>());
        }
    }
    static const char* const kWords[] = {"",
                                         "-",
                                         "0",
                                         "/",
                                         "~1",
                                         "phone",
                                         "email",
                                         "chat",
                                         "contact",
                                         "end",
                                         "decision",
                                         "self_service",
                                         "live",
                                         "async",
                                         "messaging",
                                         "constant",
                                         "exponential",
                                         "lognormal",
                                         "gamma",
                                         "uniform",
                                         "triangular",
                                         "empirical",
                                         "mon-fri 09:00-17:00",
                                         "daily 00:00-24:00",
                                         "add",
                                         "remove",
                                         "replace",
                                         "move",
                                         "copy",
                                         "test",
                                         "add_channel",
                                         "remove_channel",
                                         "scale_demand",
                                         "set_agents",
                                         "all",
                                         "resolved",
                                         "abandoned",
                                         "1h",
                                         "30 min"};
    static const double kNumbers[] = {0,      -1,    1,     0.5,    2,     1e-9,
                                      1e-320, 1e9,   1e308, -1e308, 1e300, 9007199254740993.0,
                                      1e19,   -1e19, 3.5,   100,    1000,  1e6};
    auto word = [&]() -> std::string {
        if (!words.empty() && pick(3) != 0) return words[pick(words.size())];
        return kWords[pick(std::size(kWords))];
    };
    Json& n = *nodes[pick(nodes.size())];
    switch (pick(10)) {
        case 0:
            n = kNumbers[pick(std::size(kNumbers))];
            break;
        case 1: {
            static const std::int64_t kInts[] = {
                0,         -1,       1, 2, 7, 64, 1000, 2147483647, 2147483648LL, -2147483649LL,
                INT64_MAX, INT64_MIN};
            if (pick(4) == 0)
                n = UINT64_MAX;
            else
                n = kInts[pick(std::size(kInts))];
            break;
        }
        case 2:
            n = word();
            break;
        case 3: {
            static const Json kOthers[] = {nullptr, true, false, Json::array(), Json::object()};
            n = kOthers[pick(std::size(kOthers))];
            break;
        }
        case 4:  // remove a member or element
            if (n.is_object() && !n.empty()) {
                auto it = n.begin();
                std::advance(it, static_cast<std::ptrdiff_t>(pick(n.size())));
                n.erase(it);
            } else if (n.is_array() && !n.empty()) {
                n.erase(pick(n.size()));
            }
            break;
        case 5: {  // copy another subtree into this node
            const Json copy = *nodes[pick(nodes.size())];
            if (n.is_object())
                n[word()] = copy;
            else if (n.is_array())
                n.push_back(copy);
            else
                n = copy;
            break;
        }
        case 6:  // scale a number
            if (n.is_number()) {
                static const double kFactors[] = {-1, 0, 10, 0.1, 1e10, 1e-10, 1.0000001};
                n = n.get<double>() * kFactors[pick(std::size(kFactors))];
            } else {
                n = kNumbers[pick(std::size(kNumbers))];
            }
            break;
        case 7:  // rename a member
            if (n.is_object() && !n.empty()) {
                auto it = n.begin();
                std::advance(it, static_cast<std::ptrdiff_t>(pick(n.size())));
                Json value = it.value();
                n.erase(it);
                n[word()] = std::move(value);
            }
            break;
        case 8:  // duplicate an element of an array, or a member under a new name
            if (n.is_array() && !n.empty()) {
                n.push_back(n[pick(n.size())]);
            } else if (n.is_object() && !n.empty()) {
                auto it = n.begin();
                std::advance(it, static_cast<std::ptrdiff_t>(pick(n.size())));
                n[it.key() + "2"] = it.value();
            }
            break;
        default:  // a long or odd string
            n = std::string(pick(2) ? 300 : 3, pick(2) ? 'x' : '\xff');
            break;
    }
    const std::string out = doc.dump(pick(2) ? -1 : 1, ' ', false, Json::error_handler_t::replace);
    if (out.size() > max_size) return LLVMFuzzerMutate(data, size, max_size);
    std::memcpy(data, out.data(), out.size());
    return out.size();
}

}  // namespace

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size,
                                          unsigned seed) {
    return mutate_json(data, size, max_size, seed);
}
