// What the case endpoints answer, apart from HTTP: evaluate, explain, notice and batch take a
// case (or JSONL of cases) and the query, and give a status, a body and the audit rows to commit
// before the body is sent. Responses are the library's own evaluation JSON (what `tenet eval`
// prints) with the request id, ruleset, version and as_of in front.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "serve/audit_log.hpp"
#include "serve/loaded_ruleset.hpp"
#include "serve/redact.hpp"

namespace tenet::serve {

struct CaseQuery {
    std::vector<std::string> decisions;  // ?decision= (repeated)
    bool explain = false;                // ?explain=1
    std::string lang = "en";             // ?lang=en|es
    std::string as_of;                   // ?as_of=YYYY-MM-DD, the day whatever the case says
};

enum class Endpoint { Evaluate, Explain, Notice, Batch };
const char* endpoint_name(Endpoint e);

struct CaseReply {
    int status = 200;
    std::string body;
    std::string content_type = "application/json";
    std::vector<AuditRow> rows;  // one per evaluated case
    uint64_t cases = 0, cases_with_errors = 0;
};

struct CaseContext {
    const LoadedRuleset& ruleset;
    std::string request_id;
    bool audit = false;  // fill `rows`
    const Redaction& redaction;
};

CaseReply answer_case(const CaseContext& ctx, Endpoint endpoint, const std::string& body, const CaseQuery& query);

// A 4xx/5xx body: {"request_id", "ruleset", "version", "as_of": null, "error", "errors": [{"path", "message"}]}.
std::string error_body(const std::string& request_id, const LoadedRuleset* ruleset, const std::string& message,
                       const std::vector<InputError>& errors = {});

}  // namespace tenet::serve
