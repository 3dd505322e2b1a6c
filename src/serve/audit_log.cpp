#include "serve/audit_log.hpp"

#include <sqlite3.h>

#include <chrono>
#include <iostream>

#include "serve/loaded_ruleset.hpp"

namespace tenet::serve {

namespace {

const char* const kSchema = R"(
CREATE TABLE IF NOT EXISTS ruleset_versions (
  version TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  root TEXT NOT NULL,
  loaded_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ruleset_files (
  version TEXT NOT NULL REFERENCES ruleset_versions(version),
  path TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (version, path)
);
CREATE TABLE IF NOT EXISTS decisions (
  id INTEGER PRIMARY KEY,
  request_id TEXT NOT NULL,
  item INTEGER NOT NULL,
  time TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  ruleset TEXT NOT NULL,
  version TEXT NOT NULL,
  as_of TEXT NOT NULL,
  case_json TEXT NOT NULL,
  redacted TEXT NOT NULL,
  evaluation TEXT NOT NULL,
  -- read from the evaluation JSON when queried, so writing a row parses nothing
  decisions TEXT GENERATED ALWAYS AS (coalesce(json_extract(evaluation, '$.decisions'), '{}')) VIRTUAL,
  unresolved TEXT GENERATED ALWAYS AS (coalesce(json_extract(evaluation, '$.unresolved'), '{}')) VIRTUAL,
  errors TEXT GENERATED ALWAYS AS (coalesce(json_extract(evaluation, '$.errors'), '{}')) VIRTUAL
);
CREATE INDEX IF NOT EXISTS decisions_request ON decisions(request_id);
CREATE INDEX IF NOT EXISTS decisions_time ON decisions(time);
)";

// A prepared statement, finalized when it goes out of scope.
class Statement {
public:
    Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &s_, nullptr); }
    ~Statement() { sqlite3_finalize(s_); }
    bool ok() const { return s_ != nullptr; }
    // SQLITE_STATIC: not copied (a row's evaluation is kilobytes); every caller's string outlives
    // the step that reads it
    void text(int i, const std::string& v) {
        sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
    }
    void integer(int i, int64_t v) { sqlite3_bind_int64(s_, i, v); }
    int step() { return sqlite3_step(s_); }
    void reset() {
        sqlite3_reset(s_);
        sqlite3_clear_bindings(s_);
    }
    std::string column(int i) {
        const unsigned char* t = sqlite3_column_text(s_, i);
        return t ? reinterpret_cast<const char*>(t) : "";
    }
    int64_t column_int(int i) { return sqlite3_column_int64(s_, i); }

private:
    sqlite3_stmt* s_ = nullptr;
};

// The text columns written and read in this order, after request_id and item.
std::string AuditRow::*const kTextColumns[] = {&AuditRow::time,    &AuditRow::endpoint, &AuditRow::ruleset,
                                               &AuditRow::version, &AuditRow::as_of,    &AuditRow::case_json,
                                               &AuditRow::redacted};
constexpr int kFirstText = 3;  // 1: request_id, 2: item

bool exec(sqlite3* db, const char* sql, std::string* error) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK) return true;
    if (error) *error = message ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    return false;
}

}  // namespace

std::unique_ptr<AuditLog> AuditLog::open(const std::string& path, bool writer, std::string* error, Sync sync) {
    std::unique_ptr<AuditLog> log(new AuditLog());
    int flags = writer ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READWRITE;
    if (sqlite3_open_v2(path.c_str(), &log->db_, flags | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
        *error = path + ": " + (log->db_ ? sqlite3_errmsg(log->db_) : "cannot open");
        return nullptr;
    }
    sqlite3_busy_timeout(log->db_, 5000);
    // WAL: readers (tenet audit) do not block the writer
    const char* pragmas = sync == Sync::Full ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                                             : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
    if (!exec(log->db_, pragmas, error) || (writer && !exec(log->db_, kSchema, error))) {
        *error = path + ": " + *error;
        return nullptr;
    }
    if (writer) {
        exec(log->db_, "PRAGMA wal_autocheckpoint=0;", nullptr);  // checkpoint_loop does them
        log->writer_ = std::thread([l = log.get()] { l->write_loop(); });
        log->checkpointer_ = std::thread([l = log.get(), path] { l->checkpoint_loop(path); });
    }
    return log;
}

AuditLog::~AuditLog() {
    close();
    sqlite3_close(db_);
}

void AuditLog::close() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    work_.notify_all();
    stop_checkpoints_.notify_all();
    if (writer_.joinable()) writer_.join();
    if (checkpointer_.joinable()) checkpointer_.join();
}

void AuditLog::checkpoint_loop(std::string path) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        std::cerr << "tenet serve: audit log: checkpoints: " << (db ? sqlite3_errmsg(db) : "cannot open") << "\n";
        sqlite3_close(db);
        return;
    }
    sqlite3_busy_timeout(db, 5000);
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
        stop_checkpoints_.wait_for(lock, std::chrono::seconds(1));
        lock.unlock();
        // PASSIVE: copies what it can without waiting for the writer; never blocks a commit
        sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        lock.lock();
    }
    lock.unlock();
    sqlite3_close(db);
}

bool AuditLog::record_ruleset(const LoadedRuleset& r, std::string* error) {
    std::lock_guard<std::mutex> lock(db_mutex_);
    if (!exec(db_, "BEGIN IMMEDIATE", error)) return false;
    Statement v(db_, "INSERT OR IGNORE INTO ruleset_versions(version, name, root, loaded_at) VALUES (?1, ?2, ?3, ?4)");
    v.text(1, r.version);
    v.text(2, r.name());
    v.text(3, r.root);
    v.text(4, r.loaded_at);
    bool ok = v.step() == SQLITE_DONE;
    Statement f(db_, "INSERT OR IGNORE INTO ruleset_files(version, path, text) VALUES (?1, ?2, ?3)");
    for (const auto& [path, text] : r.files) {
        f.text(1, r.version);
        f.text(2, path);
        f.text(3, text);
        ok = ok && f.step() == SQLITE_DONE;
        f.reset();
    }
    if (!ok) {
        *error = sqlite3_errmsg(db_);
        exec(db_, "ROLLBACK", nullptr);
        return false;
    }
    return exec(db_, "COMMIT", error);
}

bool AuditLog::append(std::vector<AuditRow> rows) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (stopping_) return false;
    uint64_t from = queued_;
    queued_ += rows.size();
    uint64_t to = queued_;
    for (auto& r : rows) queue_.push_back(std::move(r));
    work_.notify_one();
    done_[group_ % 2].wait(lock, [&] { return committed_ >= to; });
    for (const auto& [f, t] : failed_) {
        if (f < to && from < t) return false;
    }
    return true;
}

void AuditLog::write_loop() {
    std::vector<AuditRow> batch;
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
        work_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping, nothing left
        batch.swap(queue_);
        uint64_t group = group_++;
        // the rows queued while this transaction commits form the next group
        lock.unlock();
        bool ok = commit(batch);
        lock.lock();
        if (!ok) {
            failed_.emplace_back(committed_, committed_ + batch.size());
            if (failed_.size() > 64) failed_.pop_front();
        }
        committed_ += batch.size();
        batch.clear();
        done_[group % 2].notify_all();
    }
}

bool AuditLog::commit(std::vector<AuditRow>& rows) {
    std::lock_guard<std::mutex> lock(db_mutex_);
    std::string error;
    if (!exec(db_, "BEGIN IMMEDIATE", &error)) {
        std::cerr << "tenet serve: audit log: " << error << "\n";
        return false;
    }
    Statement s(db_,
                "INSERT INTO decisions(request_id, item, time, endpoint, ruleset, version, as_of, case_json, redacted, "
                "evaluation) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    bool ok = s.ok();
    for (auto& r : rows) {
        if (!ok) break;
        s.text(1, r.request_id);
        s.integer(2, r.item);
        int i = kFirstText;
        for (auto column : kTextColumns) s.text(i++, r.*column);
        s.text(i, r.evaluation);
        ok = s.step() == SQLITE_DONE;
        s.reset();
    }
    if (!ok || !exec(db_, "COMMIT", &error)) {
        std::cerr << "tenet serve: audit log: " << (ok ? error : sqlite3_errmsg(db_)) << "\n";
        exec(db_, "ROLLBACK", nullptr);
        return false;
    }
    return true;
}

bool AuditLog::query(const Filter& f, std::vector<AuditRow>* rows, std::string* error) {
    Statement s(db_,
                "SELECT id, request_id, item, time, endpoint, ruleset, version, as_of, case_json, redacted, decisions, "
                "unresolved, errors FROM decisions WHERE (?1 = 0 OR id = ?1) AND (?2 = '' OR request_id = ?2) "
                "AND (?3 = '' OR ruleset = ?3) AND (?4 = '' OR version = ?4) AND (?5 = '' OR time >= ?5) "
                "AND (?6 = '' OR time < ?6) AND (?7 = '' OR json_extract(decisions, '$.\"' || ?7 || '\"') IS NOT NULL "
                "OR json_extract(unresolved, '$.\"' || ?7 || '\"') IS NOT NULL "
                "OR json_extract(errors, '$.\"' || ?7 || '\"') IS NOT NULL) ORDER BY id LIMIT ?8");
    if (!s.ok()) {
        *error = sqlite3_errmsg(db_);
        return false;
    }
    s.integer(1, f.id);
    s.text(2, f.request_id);
    s.text(3, f.ruleset);
    s.text(4, f.version);
    s.text(5, f.since);
    s.text(6, f.until);
    s.text(7, f.decision);
    s.integer(8, f.limit);
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        AuditRow r;
        r.id = s.column_int(0);
        r.request_id = s.column(1);
        r.item = s.column_int(2);
        int i = kFirstText;
        for (auto column : kTextColumns) r.*column = s.column(i++);
        r.decisions = s.column(i++);
        r.unresolved = s.column(i++);
        r.errors = s.column(i);
        rows->push_back(std::move(r));
    }
    if (rc != SQLITE_DONE) {
        *error = sqlite3_errmsg(db_);
        return false;
    }
    return true;
}

bool AuditLog::ruleset_files(const std::string& version, std::string* root, std::map<std::string, std::string>* files) {
    Statement v(db_, "SELECT root FROM ruleset_versions WHERE version = ?1");
    v.text(1, version);
    if (v.step() != SQLITE_ROW) return false;
    *root = v.column(0);
    Statement f(db_, "SELECT path, text FROM ruleset_files WHERE version = ?1");
    f.text(1, version);
    while (f.step() == SQLITE_ROW) (*files)[f.column(0)] = f.column(1);
    return true;
}

}  // namespace tenet::serve
