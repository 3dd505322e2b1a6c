#include "serve/admission.hpp"

namespace tenet::serve {

namespace {
thread_local Admission admission = Admission::Serve;
}

Admission current_admission() { return admission; }

std::string admission_metrics(const AdmissionState& state) {
    return "# HELP tenet_connections_waiting Connections accepted and waiting for a thread (bounded by --max-queue).\n"
           "# TYPE tenet_connections_waiting gauge\n"
           "tenet_connections_waiting " +
           std::to_string(state.waiting.load()) +
           "\n"
           "# HELP tenet_connections_shed_total Connections answered 503 because the queue was full.\n"
           "# TYPE tenet_connections_shed_total counter\n"
           "tenet_connections_shed_total " +
           std::to_string(state.shed.load()) +
           "\n"
           "# HELP tenet_connections_dropped_total Connections closed unanswered because the 503 threads were full "
           "too.\n"
           "# TYPE tenet_connections_dropped_total counter\n"
           "tenet_connections_dropped_total " +
           std::to_string(state.dropped.load()) + "\n";
}

AdmissionQueue::Pool::Pool(size_t threads, size_t max_waiting, Admission a, std::atomic<size_t>* waiting)
    : threads_(threads), max_waiting_(max_waiting), admission_(a), waiting_(waiting) {
    for (size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
}

bool AdmissionQueue::Pool::try_push(std::function<void()>& fn) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        // a job is admitted while a thread is idle or the queue has room
        if (busy_ + jobs_.size() >= threads_ + max_waiting_) return false;
        jobs_.push_back(std::move(fn));
        if (waiting_) waiting_->store(jobs_.size());
    }
    ready_.notify_one();
    return true;
}

void AdmissionQueue::Pool::work() {
    admission = admission_;
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
        ready_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
        if (jobs_.empty()) return;  // stopping, nothing left
        std::function<void()> job = std::move(jobs_.front());
        jobs_.pop_front();
        if (waiting_) waiting_->store(jobs_.size());
        ++busy_;
        lock.unlock();
        job();
        lock.lock();
        --busy_;
    }
}

void AdmissionQueue::Pool::shutdown() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    ready_.notify_all();
    for (auto& t : workers_) {
        if (t.joinable()) t.join();
    }
}

AdmissionQueue::AdmissionQueue(AdmissionState& state, size_t threads, size_t shed_threads, size_t max_shed_waiting)
    : state_(state),
      serve_(threads, state.max_waiting, Admission::Serve, &state.waiting),
      shed_(shed_threads, max_shed_waiting, Admission::Shed, nullptr) {}

AdmissionQueue::~AdmissionQueue() { shutdown(); }

void AdmissionQueue::enqueue(std::function<void()> fn) {
    if (serve_.try_push(fn)) return;
    if (shed_.try_push(fn)) {
        state_.shed.fetch_add(1);
        return;
    }
    // both full: the job only closes its connection (HttpServer sees Drop), so it runs here at once
    state_.dropped.fetch_add(1);
    admission = Admission::Drop;
    fn();
    admission = Admission::Serve;
}

void AdmissionQueue::shutdown() {
    serve_.shutdown();
    shed_.shutdown();
}

}  // namespace tenet::serve
