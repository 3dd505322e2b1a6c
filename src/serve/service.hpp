// `tenet serve`: the decision service (docs/SERVE.md). JSON over HTTP/1.1 (cpp-httplib), an audit
// log in SQLite, reload on SIGHUP, graceful drain on SIGTERM.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace tenet::serve {

// The limits, named in docs/SERVE.md and tried at and past each by tests/serve.
constexpr size_t kDefaultMaxBody = 1u << 20;  // bytes of a request body; more is 413
constexpr int kDefaultThreads = 64;           // connections served at once; more wait to be accepted
constexpr int kDefaultReadTimeout = 5;        // seconds to receive a request; then the connection is closed
constexpr int kDefaultWriteTimeout = 5;       // seconds to send a response
constexpr int kDefaultIdleTimeout = 5;        // seconds a kept-alive connection waits for its next request
constexpr int kDefaultMaxQueue = 128;         // connections waiting for a thread; past it, 503 at once
constexpr int kShedThreads = 2;               // threads answering 503 when the queue is full
constexpr int kMaxShedWaiting = 256;          // connections waiting for those; past it, closed unanswered
constexpr int kRetryAfterSeconds = 1;         // the Retry-After of a 503 while saturated
constexpr int kDrainSeconds = 1;              // reading a shed request's unread body before closing

struct ServeOptions {
    std::vector<std::string> rulesets;
    std::vector<std::string> include_roots;  // folders `extends`/`import` may read (--include-root), reloads too
    std::string listen = "127.0.0.1:8080";   // HOST:PORT; port 0 picks a free one
    std::string audit;                       // FILE.sqlite; empty: no audit log
    std::string audit_sync = "full";         // full: a row is on disk before its response; normal: in the OS
    std::string token_file;                  // bearer token; required off loopback
    std::vector<std::string> redact;         // fact paths kept as keyed hashes in the audit log
    std::string redact_key_file;             // the HMAC key for --redact
    std::string site;                        // a directory of static files served under /
    std::string access_log = "-";            // JSON lines; "-" stderr, "off" none
    int threads = kDefaultThreads;
    size_t max_body = kDefaultMaxBody;
    int read_timeout = kDefaultReadTimeout;
    int write_timeout = kDefaultWriteTimeout;
    int idle_timeout = kDefaultIdleTimeout;
    int max_queue = kDefaultMaxQueue;
    std::string engine = "interpreted";  // or "compiled": serve/code_builder.hpp
};

// Serves until SIGTERM or SIGINT. 0 after a clean drain; 2 when the options, a ruleset, the
// audit log or the address are unusable (said on stderr).
int run(const ServeOptions& options);

// True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost).
bool is_loopback(const std::string& host);
// "HOST:PORT" or "[V6]:PORT"; false when it is not one.
bool split_listen(const std::string& listen, std::string* host, int* port);

}  // namespace tenet::serve
