// A ruleset as the service holds it: compiled once, immutable, shared by the requests that
// started on it (a reload swaps in a new one; requests in flight keep theirs through the
// shared_ptr). It names its version, a content hash of every file compiled.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "tenet/notice.hpp"
#include "tenet/tenet.hpp"

namespace tenet::serve {

struct LoadedRuleset {
    std::string root;  // the path given on the command line
    std::shared_ptr<const Ruleset> ruleset;
    std::string version;                                     // sha256 of the compiled files, 16 hex digits
    std::vector<std::pair<std::string, std::string>> files;  // path, text of every file compiled
    std::vector<std::string> layers;                         // module names, the root first
    std::vector<std::string> period_starts;                  // first day of each period of parameter values
    std::shared_ptr<const NoticeTemplates> notice;           // null when the ruleset has no notice templates
    std::string loaded_at;                                   // UTC, ISO 8601

    const std::string& name() const { return ruleset->name(); }

    // A pooled session and the compiled code it was given (null: none).
    struct Pooled {
        std::unique_ptr<Session> session;
        std::shared_ptr<const CompiledCode> code;
    };
    // A session of this ruleset for one request, returned to the pool when the lease ends. It
    // evaluates with the ruleset's compiled code once that is loaded (set_code).
    class Lease {
    public:
        Lease(const LoadedRuleset& owner, Pooled p) : owner_(owner), pooled_(std::move(p)) {}
        ~Lease();
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Session& operator*() const { return *pooled_.session; }
        Session* operator->() const { return pooled_.session.get(); }

    private:
        const LoadedRuleset& owner_;
        Pooled pooled_;
    };
    Lease session() const;

    // --engine compiled (serve/code_builder.hpp): "interpreted" (no code asked for, or it could
    // not be built), "building" or "compiled". The answers are the same whichever it is.
    std::string engine() const;
    void set_engine(const std::string& engine, std::shared_ptr<const CompiledCode> code) const;

private:
    mutable std::mutex pool_mutex_;
    mutable std::vector<Pooled> pool_;
    mutable std::string engine_ = "interpreted";        // under pool_mutex_
    mutable std::shared_ptr<const CompiledCode> code_;  // under pool_mutex_
};

// The content hash of the files of a compiled ruleset (what `version` holds).
std::string content_version(const std::vector<std::pair<std::string, std::string>>& files);

// Compiles `path` from the file system, its `extends`/`import` within its folder and
// `include_roots`. Null, with the diagnostics, when it does not compile.
std::shared_ptr<const LoadedRuleset> load_ruleset(const std::string& path,
                                                  const std::vector<std::string>& include_roots,
                                                  std::vector<Diagnostic>* diagnostics);

// Compiles a ruleset from files kept elsewhere (the audit log): `files` by the paths they were
// read from, `root` among them. Only those files can be read, so the folder of each is allowed
// (they passed the path rules, with whatever include roots, when they were first compiled).
std::shared_ptr<const LoadedRuleset> load_ruleset_from(const std::string& root,
                                                       const std::map<std::string, std::string>& files,
                                                       std::vector<Diagnostic>* diagnostics);

std::string utc_now_iso();

}  // namespace tenet::serve
