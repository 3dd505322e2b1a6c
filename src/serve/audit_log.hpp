// The audit log: one SQLite row per evaluated case, for appeals and fair hearings. Rows are
// written by one thread in group commits (WAL, synchronous=FULL); append() returns only once
// its rows are committed, so a response is never sent for a decision that was not recorded.
// The files of every ruleset version that served are kept too, so a row can be replayed
// against the version it names.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

struct sqlite3;

namespace tenet::serve {

struct LoadedRuleset;

struct AuditRow {
    int64_t id = 0;  // assigned by the log
    std::string request_id;
    int64_t item = 0;      // the line of a batch (1-based); 0 for a single case
    std::string time;      // UTC, ISO 8601
    std::string endpoint;  // evaluate | explain | notice | batch
    std::string ruleset, version, as_of;
    std::string case_json;                      // the case, redacted paths as keyed hashes
    std::string redacted;                       // JSON array of the paths that were redacted
    std::string evaluation;                     // the evaluation JSON (what `tenet eval` prints), written
    std::string decisions, unresolved, errors;  // its members, read back (generated columns)
};

class AuditLog {
public:
    // When a commit is durable: Full, once on disk (fsync of the WAL at each group commit:
    // survives power loss); Normal, once handed to the operating system (survives the service
    // being killed, not the machine losing power; the WAL is synced at checkpoints).
    enum class Sync { Full, Normal };
    // Opens (creating when needed) the log; null with `error` when SQLite refuses.
    static std::unique_ptr<AuditLog> open(const std::string& path, bool writer, std::string* error,
                                          Sync sync = Sync::Full);
    ~AuditLog();

    // Keeps the files of a version (once per version). False when the write fails.
    bool record_ruleset(const LoadedRuleset& r, std::string* error);
    // Queues rows and waits until they are committed. False when the commit failed.
    bool append(std::vector<AuditRow> rows);
    // Stops the writer after committing what is queued.
    void close();

    // Reading (tenet audit).
    struct Filter {
        std::string request_id, ruleset, version, decision, since, until;
        int64_t id = 0;
        int64_t limit = 100;
    };
    bool query(const Filter& f, std::vector<AuditRow>* rows, std::string* error);
    // The files of a version: root path and path -> text. False when the log does not have it.
    bool ruleset_files(const std::string& version, std::string* root, std::map<std::string, std::string>* files);

private:
    AuditLog() = default;
    void write_loop();
    bool commit(std::vector<AuditRow>& rows);

    sqlite3* db_ = nullptr;
    std::mutex db_mutex_;  // one transaction at a time on the connection
    std::mutex mutex_;     // the queue
    std::condition_variable work_;
    // The requests of group g wait on done_[g % 2]: while group g commits, the rows queued meanwhile
    // form group g + 1, so a commit wakes the requests it released and not those of the next group.
    std::condition_variable done_[2];
    std::vector<AuditRow> queue_;
    uint64_t group_ = 0;                                // the group queue_ will commit in
    uint64_t queued_ = 0, committed_ = 0;               // rows ever queued / ever finished (committed or failed)
    std::deque<std::pair<uint64_t, uint64_t>> failed_;  // [from, to) ranges of rows whose commit failed
    bool stopping_ = false;
    std::thread writer_;
    // Checkpoints copy the WAL into the database on a connection of their own, so the syncs they
    // need do not hold up the writer's commits (and the responses waiting on them).
    void checkpoint_loop(std::string path);
    std::condition_variable stop_checkpoints_;
    std::thread checkpointer_;
};

}  // namespace tenet::serve
