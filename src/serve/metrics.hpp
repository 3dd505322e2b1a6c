// Counters of the service, written in the Prometheus text exposition format for GET /metrics.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace tenet::serve {

class Metrics {
public:
    // One answered request: its route ("evaluate", "rulesets", "static"...), status and seconds.
    void request(const std::string& route, int status, double seconds);
    void cases(const std::string& ruleset, uint64_t evaluated, uint64_t with_errors);
    void reload(bool ok);
    std::string text() const;

    static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.002, 0.005, 0.01, 0.025,
                                                        0.05,   0.1,   0.25,  0.5,   1.0,  5.0};

private:
    mutable std::mutex mutex_;
    std::map<std::pair<std::string, int>, uint64_t> requests_;
    std::map<std::string, uint64_t> cases_, case_errors_;
    std::array<std::atomic<uint64_t>, kBuckets.size() + 1> latency_{};  // last: +Inf
    std::atomic<uint64_t> latency_micros_{0}, latency_count_{0};
    std::atomic<uint64_t> reloads_ok_{0}, reloads_failed_{0};
};

}  // namespace tenet::serve
