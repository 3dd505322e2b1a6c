// Stack bounds and large-stack threads (pthreads).
#include "util/stack.hpp"

#include <pthread.h>

#include <exception>

namespace tenet::util {

uintptr_t stack_floor(size_t reserve) {
#if defined(__linux__)
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) != 0) return 0;
    void* addr = nullptr;
    size_t size = 0;
    int rc = pthread_attr_getstack(&attr, &addr, &size);
    pthread_attr_destroy(&attr);
    if (rc != 0 || addr == nullptr) return 0;
    return size > reserve ? reinterpret_cast<uintptr_t>(addr) + reserve : 0;
#else
    (void)reserve;
    return 0;
#endif
}

namespace {
struct Job {
    const std::function<void()>* f;
    std::exception_ptr error;
};

void* trampoline(void* arg) {
    Job* job = static_cast<Job*>(arg);
    try {
        (*job->f)();
    } catch (...) {
        job->error = std::current_exception();
    }
    return nullptr;
}
}  // namespace

void run_with_large_stack(const std::function<void()>& f, size_t bytes) {
    Job job{&f, nullptr};
    pthread_attr_t attr;
    pthread_t thread;
    bool started = pthread_attr_init(&attr) == 0 && pthread_attr_setstacksize(&attr, bytes) == 0 &&
                   pthread_create(&thread, &attr, trampoline, &job) == 0;
    pthread_attr_destroy(&attr);
    if (!started) {
        f();
        return;
    }
    pthread_join(thread, nullptr);
    if (job.error) std::rethrow_exception(job.error);
}

}  // namespace tenet::util
