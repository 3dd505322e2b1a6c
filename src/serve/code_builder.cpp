#include "serve/code_builder.hpp"

#include <cstdlib>
#include <iostream>

namespace tenet::serve {

void CodeBuilder::build(std::shared_ptr<const LoadedRuleset> ruleset) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return;
    ruleset->set_engine("building", nullptr);
    queue_.push_back(std::move(ruleset));
    if (!thread_.joinable()) thread_ = std::thread([this] { work(); });
    wake_.notify_one();
}

void CodeBuilder::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
        for (const auto& r : queue_) r->set_engine("interpreted", nullptr);
        queue_.clear();
        wake_.notify_one();
    }
    if (thread_.joinable()) thread_.join();
}

void CodeBuilder::work() {
    for (;;) {
        std::shared_ptr<const LoadedRuleset> r;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            r = std::move(queue_.front());
            queue_.pop_front();
        }
        CompiledCodeOptions options;
        const char* flags = std::getenv("TENET_CFLAGS");  // as for `tenet eval --engine compiled`
        if (flags && *flags) options.flags = flags;
        options.cancelled = [this] { return stopping_.load(); };
        options.before_compiling = [&](const std::string& library, size_t c_bytes, const std::string& cflags) {
            std::cerr << "tenet serve: compiling the decisions of " << r->name() << " " << r->version << " ("
                      << (c_bytes + 1023) / 1024 << " KB of C, " << cflags
                      << ") in the background; the interpreter answers until " << library << " is loaded\n";
        };
        std::string error;
        auto code = CompiledCode::build(r->ruleset, options, &error);
        if (code) {
            r->set_engine("compiled", code);
            std::cerr << "tenet serve: " << r->name() << " " << r->version << " evaluates with compiled code\n";
        } else {
            r->set_engine("interpreted", nullptr);
            if (!stopping_)
                std::cerr << "tenet serve: warning: " << r->name() << " " << r->version << ": " << error
                          << "; evaluating with the interpreter\n";
        }
    }
}

}  // namespace tenet::serve
