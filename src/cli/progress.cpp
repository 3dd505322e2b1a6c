// Progress (progress.hpp).
#include "cli/progress.hpp"

#include <unistd.h>

#include <iostream>

namespace tenet::cli {

Progress::Progress(std::string label, size_t total)
    : label_(std::move(label)), total_(total), terminal_(isatty(STDERR_FILENO)) {
    start_ = last_draw_ = std::chrono::steady_clock::now();
    next_mark_ = total_ ? (total_ + 9) / 10 : kStreamStep;
}

std::string Progress::line(size_t done, size_t bad) const {
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    long rate = secs > 0 ? static_cast<long>(done / secs) : 0;
    std::string text = label_ + ": ";
    if (terminal_) {
        constexpr size_t kWidth = 30;
        size_t filled = total_ ? kWidth * done / total_ : 0;
        text = "\r" + text + "[" + std::string(filled, '#') + std::string(kWidth - filled, ' ') + "] ";
    }
    text += std::to_string(done);
    if (total_) text += "/" + std::to_string(total_) + " cases (" + std::to_string(100 * done / total_) + "%)";
    else text += " cases";
    text += ", " + std::to_string(rate) + "/s";
    if (bad) text += ", " + std::to_string(bad) + " rejected";
    return text;
}

void Progress::update(size_t done, size_t bad) {
    if (terminal_) {
        auto now = std::chrono::steady_clock::now();
        if (now - last_draw_ < std::chrono::milliseconds(100)) return;
        last_draw_ = now;
        std::cerr << line(done, bad) << std::flush;
        drawn_ = true;
        return;
    }
    if (done < next_mark_ || (total_ && done >= total_)) return;  // the last line is finish()'s
    std::cerr << line(done, bad) << "\n";
    size_t step = total_ ? (total_ + 9) / 10 : kStreamStep;
    while (next_mark_ <= done) next_mark_ += step;
}

void Progress::finish(size_t done, size_t bad) {
    std::cerr << line(done, bad) << "\n";
    drawn_ = false;
}

void Progress::interrupt() {
    if (drawn_) std::cerr << "\n";
    drawn_ = false;
}

}  // namespace tenet::cli
