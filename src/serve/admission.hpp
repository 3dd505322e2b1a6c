// Load shedding: the connections accepted but not yet served wait in a bounded queue. Past the
// bound the service is saturated: a new connection is answered at once, on a thread of its own
// small pool, with 503 and Retry-After (probes still answered), instead of waiting without end;
// past that pool's own bound, it is closed unanswered. (docs/SERVE.md, "Security and limits")
#pragma once

#include <httplib.h>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tenet::serve {

// How the connection being handled on this thread was admitted.
enum class Admission { Serve, Shed, Drop };
Admission current_admission();

// What /readyz and /metrics read about the queue.
struct AdmissionState {
    std::atomic<size_t> waiting{0};  // connections accepted, waiting for a thread
    std::atomic<uint64_t> shed{0}, dropped{0};
    size_t max_waiting = 0;
    bool saturated() const { return waiting.load() >= max_waiting; }
};

// Prometheus text: tenet_connections_waiting (gauge), tenet_connections_shed_total and
// tenet_connections_dropped_total (counters).
std::string admission_metrics(const AdmissionState& state);

// httplib's task queue (one job a connection): `threads` workers, at most `max_waiting` jobs
// waiting for one; past that a job runs as Shed on `shed_threads` workers, at most
// `max_shed_waiting` waiting; past that as Drop, at once on the accepting thread.
class AdmissionQueue : public httplib::TaskQueue {
public:
    AdmissionQueue(AdmissionState& state, size_t threads, size_t shed_threads, size_t max_shed_waiting);
    ~AdmissionQueue() override;
    void enqueue(std::function<void()> fn) override;
    void shutdown() override;

private:
    class Pool {
    public:
        Pool(size_t threads, size_t max_waiting, Admission admission, std::atomic<size_t>* waiting);
        bool try_push(std::function<void()>& fn);  // false (fn kept) when threads and queue are full
        void shutdown();

    private:
        void work();
        const size_t threads_, max_waiting_;
        const Admission admission_;
        std::atomic<size_t>* waiting_;  // mirrored for readers without the lock; may be null
        std::mutex mutex_;
        std::condition_variable ready_;
        std::deque<std::function<void()>> jobs_;
        size_t busy_ = 0;
        bool stopping_ = false;
        std::vector<std::thread> workers_;
    };
    AdmissionState& state_;
    Pool serve_, shed_;
};

}  // namespace tenet::serve
