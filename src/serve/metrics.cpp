#include "serve/metrics.hpp"

#include <sstream>

namespace tenet::serve {

void Metrics::request(const std::string& route, int status, double seconds) {
    size_t b = 0;
    while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
    latency_[b].fetch_add(1, std::memory_order_relaxed);
    latency_micros_.fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
    latency_count_.fetch_add(1, std::memory_order_relaxed);
    std::lock_guard<std::mutex> lock(mutex_);
    ++requests_[{route, status}];
}

void Metrics::cases(const std::string& ruleset, uint64_t evaluated, uint64_t with_errors) {
    std::lock_guard<std::mutex> lock(mutex_);
    cases_[ruleset] += evaluated;
    case_errors_[ruleset] += with_errors;
}

void Metrics::reload(bool ok) { (ok ? reloads_ok_ : reloads_failed_).fetch_add(1); }

std::string Metrics::text() const {
    std::ostringstream out;
    std::lock_guard<std::mutex> lock(mutex_);
    out << "# HELP tenet_requests_total HTTP requests answered, by route and status.\n"
           "# TYPE tenet_requests_total counter\n";
    for (const auto& [key, n] : requests_) {
        out << "tenet_requests_total{route=\"" << key.first << "\",code=\"" << key.second << "\"} " << n << "\n";
    }
    out << "# HELP tenet_request_duration_seconds Time from routing a request to its response.\n"
           "# TYPE tenet_request_duration_seconds histogram\n";
    uint64_t cumulative = 0;
    for (size_t b = 0; b <= kBuckets.size(); ++b) {
        cumulative += latency_[b].load(std::memory_order_relaxed);
        out << "tenet_request_duration_seconds_bucket{le=\"";
        if (b < kBuckets.size()) {
            out << kBuckets[b];
        } else {
            out << "+Inf";
        }
        out << "\"} " << cumulative << "\n";
    }
    out << "tenet_request_duration_seconds_sum " << latency_micros_.load() / 1e6 << "\n"
        << "tenet_request_duration_seconds_count " << latency_count_.load() << "\n";
    out << "# HELP tenet_decisions_total Cases evaluated, by ruleset.\n# TYPE tenet_decisions_total counter\n";
    for (const auto& [name, n] : cases_) out << "tenet_decisions_total{ruleset=\"" << name << "\"} " << n << "\n";
    out << "# HELP tenet_decision_errors_total Cases with a decision that failed while computing, by ruleset.\n"
           "# TYPE tenet_decision_errors_total counter\n";
    for (const auto& [name, n] : case_errors_)
        out << "tenet_decision_errors_total{ruleset=\"" << name << "\"} " << n << "\n";
    out << "# HELP tenet_reloads_total Reloads (SIGHUP or POST /v1/admin/reload), by result.\n"
           "# TYPE tenet_reloads_total counter\n"
        << "tenet_reloads_total{result=\"ok\"} " << reloads_ok_.load() << "\n"
        << "tenet_reloads_total{result=\"failed\"} " << reloads_failed_.load() << "\n";
    return out.str();
}

}  // namespace tenet::serve
