// Stack bounds and large-stack threads (pthreads).
#include "util/stack.hpp"

#include <pthread.h>

#include <exception>

namespace tenet::util {

namespace {
struct StackBounds {
    uintptr_t lowest = 0;  // 0: unknown
    size_t size = 0;
};

// For the main thread glibc finds the stack by reading /proc/self/maps, which costs more than
// parsing a small ruleset: each thread asks once.
StackBounds current_thread_stack() {
    StackBounds bounds;
#if defined(__linux__)
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) != 0) return bounds;
    void* addr = nullptr;
    size_t size = 0;
    int rc = pthread_attr_getstack(&attr, &addr, &size);
    pthread_attr_destroy(&attr);
    if (rc == 0 && addr != nullptr) bounds = {reinterpret_cast<uintptr_t>(addr), size};
#endif
    return bounds;
}
}  // namespace

uintptr_t stack_floor(size_t reserve) {
    thread_local const StackBounds bounds = current_thread_stack();
    return bounds.lowest != 0 && bounds.size > reserve ? bounds.lowest + reserve : 0;
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
    // A thread costs little but not nothing (under ASan, clearing the shadow of its stack costs
    // more than compiling a small ruleset): a caller whose own stack is large enough keeps it.
    uintptr_t floor = stack_floor(0);
    if (floor != 0 && stack_here() > floor && stack_here() - floor >= bytes) {
        f();
        return;
    }
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
