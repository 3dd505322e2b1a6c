#include "serve/access_log.hpp"

#include <chrono>
#include <nlohmann/json.hpp>

#include "util/json_string.hpp"

namespace tenet::serve {

AccessLog::AccessLog(const std::string& where) {
    if (where == "off") {
        off_ = true;
        return;
    }
    file_ = where == "-" ? stderr : std::fopen(where.c_str(), "a");
    if (file_) flusher_ = std::thread([this] { flush_loop(); });
}

AccessLog::~AccessLog() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (flusher_.joinable()) flusher_.join();
    if (file_ && file_ != stderr) std::fclose(file_);
}

void AccessLog::write(const std::string& line) {
    if (!file_) return;
    std::lock_guard<std::mutex> lock(mutex_);
    pending_ += line;
    pending_ += '\n';
    if (pending_.size() >= kFlushBytes) wake_.notify_one();
}

void AccessLog::flush_locked(std::unique_lock<std::mutex>& lock) {
    std::string out;
    out.swap(pending_);
    lock.unlock();  // requests go on gathering while this one writes
    std::fwrite(out.data(), 1, out.size(), file_);
    std::fflush(file_);
    lock.lock();
}

void AccessLog::flush_loop() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
        wake_.wait_for(lock, std::chrono::milliseconds(kFlushMillis),
                       [&] { return stopping_ || pending_.size() >= kFlushBytes; });
        if (!pending_.empty()) flush_locked(lock);
    }
    if (!pending_.empty()) flush_locked(lock);
}

namespace {

void client_text(const std::string& s, std::string* out) {
    *out += nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void member(const char* name, const std::string& value, std::string* out) {
    *out += ",\"";
    *out += name;
    *out += "\":";
    util::write_string(value, out);
}

}  // namespace

std::string access_line(const AccessEntry& e) {
    std::string out;
    out.reserve(256 + e.path.size());
    out += "{\"time\":";
    util::write_string(e.time, &out);
    member("request_id", e.request_id, &out);
    member("remote", e.remote, &out);
    out += ",\"method\":";
    client_text(e.method, &out);
    out += ",\"path\":";
    client_text(e.path, &out);
    member("route", e.route, &out);
    char numbers[160];
    std::snprintf(numbers, sizeof numbers, ",\"status\":%d,\"ms\":%.3f,\"bytes_in\":%zu,\"bytes_out\":%zu", e.status,
                  e.ms, e.bytes_in, e.bytes_out);
    out += numbers;
    if (!e.version.empty()) member("version", e.version, &out);
    out += '}';
    return out;
}

}  // namespace tenet::serve
