// The access log: one JSON object a line (docs/SERVE.md, "Operations"), to stderr or a file.
// Lines gather in memory and a thread writes them out every kFlushMillis (or sooner past
// kFlushBytes), so a request costs no system call of its own; what is gathered is written when
// the log closes (the service's drain). A kill -9 loses at most the last kFlushMillis of lines:
// the audit log, not this one, is the record that must not lose anything.
#pragma once

#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

namespace tenet::serve {

class AccessLog {
public:
    static constexpr int kFlushMillis = 100;
    static constexpr size_t kFlushBytes = 256 * 1024;

    explicit AccessLog(const std::string& where);  // FILE, "-" (stderr) or "off"
    ~AccessLog();
    bool ok() const { return off_ || file_; }
    bool off() const { return off_; }
    void write(const std::string& line);  // a line without its newline

private:
    void flush_loop();
    void flush_locked(std::unique_lock<std::mutex>& lock);

    bool off_ = false;
    std::FILE* file_ = nullptr;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::string pending_;
    bool stopping_ = false;
    std::thread flusher_;
};

// One line of the access log. `method` and `path` are the client's: escaped as JSON with any bytes
// that are not UTF-8 replaced.
struct AccessEntry {
    std::string time, request_id, remote, method, path, route, version;
    int status = 0;
    double ms = 0;
    size_t bytes_in = 0, bytes_out = 0;
};
std::string access_line(const AccessEntry& e);

}  // namespace tenet::serve
