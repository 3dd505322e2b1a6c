// `tenet serve --engine compiled`: each ruleset's C built by the system C compiler (or found in
// the cache) in the background, one at a time, while the interpreter answers; a ruleset's
// requests evaluate with its code from the moment it is loaded. The answers are the same either
// way (docs/COMPILED.md), so a build that fails leaves the ruleset interpreted with a warning on
// stderr. Stopping cancels the build in progress (its compiler is killed), so a service that is
// shutting down never waits for a compiler.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "serve/loaded_ruleset.hpp"

namespace tenet::serve {

class CodeBuilder {
public:
    CodeBuilder() = default;
    ~CodeBuilder() { stop(); }
    CodeBuilder(const CodeBuilder&) = delete;
    CodeBuilder& operator=(const CodeBuilder&) = delete;

    // Queues the ruleset (marked "building"); the first call starts the builder's thread.
    void build(std::shared_ptr<const LoadedRuleset> ruleset);
    // Cancels the build in progress, drops the queue and joins the thread.
    void stop();

private:
    void work();

    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::shared_ptr<const LoadedRuleset>> queue_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

}  // namespace tenet::serve
