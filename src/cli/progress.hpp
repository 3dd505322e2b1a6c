// The progress of a batch on stderr. On a terminal, one line redrawn in place (at most ten times a
// second); otherwise (a log file, CI, cron) a line at each tenth of the cases, or every
// kStreamStep cases when the input is a stream whose length is unknown, and a last line.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace tenet::cli {

class Progress {
public:
    static constexpr size_t kStreamStep = 10000;

    // `total` 0: unknown (a pipe). `label` starts each line ("tenet eval").
    Progress(std::string label, size_t total);
    void update(size_t done, size_t bad);  // after each chunk of cases
    void finish(size_t done, size_t bad);

    // Before printing something else on stderr: ends a line being redrawn.
    void interrupt();

private:
    std::string line(size_t done, size_t bad) const;

    std::string label_;
    size_t total_;
    bool terminal_;
    bool drawn_ = false;    // a terminal line waits to be redrawn
    size_t next_mark_ = 0;  // the count at which the next line is printed (not a terminal)
    std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace tenet::cli
