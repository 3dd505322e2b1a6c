#include "serve/case_api.hpp"

#include <nlohmann/json.hpp>

#include "util/date.hpp"
#include "util/lines.hpp"

namespace tenet::serve {

const char* endpoint_name(Endpoint e) {
    switch (e) {
        case Endpoint::Evaluate: return "evaluate";
        case Endpoint::Explain: return "explain";
        case Endpoint::Notice: return "notice";
        case Endpoint::Batch: return "batch";
    }
    return "";
}

namespace {

std::string quote(const std::string& s) { return nlohmann::json(s).dump(); }

// {"request_id":...,"ruleset":...,"version":...,"as_of":... followed by the members of `object`.
std::string with_header(const CaseContext& ctx, const std::string& as_of, const std::string& object) {
    std::string out = "{\"request_id\":" + quote(ctx.request_id) + ",\"ruleset\":" + quote(ctx.ruleset.name()) +
                      ",\"version\":" + quote(ctx.ruleset.version) +
                      ",\"as_of\":" + (as_of.empty() ? "null" : quote(as_of));
    if (object.size() > 2) return out + "," + object.substr(1);
    return out + "}";
}

nlohmann::json errors_json(const std::vector<InputError>& errors) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : errors) list.push_back({{"path", e.path}, {"message", e.message}});
    return list;
}

// The query, checked against the ruleset: false with errors naming the parameter.
bool resolve(const CaseContext& ctx, const CaseQuery& query, Request* request, std::vector<InputError>* errors) {
    for (const auto& name : query.decisions) {
        int d = ctx.ruleset.ruleset->find_decision(name);
        if (d < 0) {
            errors->push_back({"?decision", "`" + name + "` is not a decision of " + ctx.ruleset.name()});
        } else {
            request->decisions.push_back(d);
        }
    }
    // as `tenet eval --decision` (docs/CASES.md §3): a requested decision that
    // is unresolved or failed is answered under "unresolved" or "errors", not refused
    request->strict = false;
    request->explain = query.explain;
    util::Days day;
    if (!query.as_of.empty() && !util::parse_iso_date(query.as_of, &day)) {
        errors->push_back({"?as_of", "`" + query.as_of + "` is not a date YYYY-MM-DD"});
    }
    if (query.lang != "en" && query.lang != "es") errors->push_back({"?lang", "the language must be en or es"});
    return errors->empty();
}

// The audit row of one evaluated case, from the evaluation JSON.
AuditRow audit_row(const CaseContext& ctx, Endpoint endpoint, int64_t item, const std::string& case_json,
                   const std::string& as_of, const std::string& evaluation) {
    AuditRow row;
    row.request_id = ctx.request_id;
    row.item = item;
    row.time = utc_now_iso();
    row.endpoint = endpoint_name(endpoint);
    row.ruleset = ctx.ruleset.name();
    row.version = ctx.ruleset.version;
    row.as_of = as_of;
    std::vector<std::string> redacted;
    row.case_json = redact_case(case_json, ctx.redaction, &redacted);
    row.redacted = nlohmann::json(redacted).dump();
    row.evaluation = evaluation;
    return row;
}

// Evaluation JSON of one decoded case: true, or false with errors (strict mode).
bool evaluate_one(Session& session, const Case& c, const Request& request, std::string* out,
                  std::vector<InputError>* errors, uint64_t* with_errors) {
    out->clear();
    if (!session.evaluate_json(c, request, out, errors)) return false;
    if (out->find("\"errors\":") != std::string::npos) {
        nlohmann::json e = nlohmann::json::parse(*out, nullptr, false);
        if (e.is_object() && e.contains("errors") && !e["errors"].empty()) ++*with_errors;
    }
    return true;
}

CaseReply bad_request(const CaseContext& ctx, int status, const std::string& message,
                      const std::vector<InputError>& errors) {
    CaseReply r;
    r.status = status;
    r.body = error_body(ctx.request_id, &ctx.ruleset, message, errors);
    return r;
}

CaseReply batch(const CaseContext& ctx, const std::string& body, const Request& request, const CaseQuery& query) {
    CaseReply reply;
    reply.content_type = "application/x-ndjson";
    auto lease = ctx.ruleset.session();
    Case c;
    std::string result;
    int64_t line_number = 0;
    auto bad_line = [&](const std::vector<InputError>& errors) {
        nlohmann::json err = {{"line", line_number}, {"errors", errors_json(errors)}};
        reply.body += with_header(ctx, "", err.dump()) + "\n";
    };
    size_t start = 0;
    while (start < body.size()) {
        size_t end = body.find('\n', start);
        if (end == std::string::npos) end = body.size();
        ++line_number;
        if (end - start >
            util::kMaxJsonlLineBytes) {  // as `tenet eval --cases`, though the body limit comes first by default
            start = end + 1;
            bad_line({{"$", util::line_too_long(static_cast<size_t>(line_number))}});
            continue;
        }
        std::string line = body.substr(start, end - start);
        start = end + 1;
        if (line.find_first_not_of(" \t\r") == std::string::npos) {  // blank: output line N is input line N
            reply.body += with_header(ctx, "", "{}") + "\n";
            continue;
        }
        std::vector<InputError> errors;
        if (lease->decode(line, &c, &errors, query.as_of) &&
            evaluate_one(*lease, c, request, &result, &errors, &reply.cases_with_errors)) {
            std::string as_of = c.as_of();
            ++reply.cases;
            if (ctx.audit) reply.rows.push_back(audit_row(ctx, Endpoint::Batch, line_number, line, as_of, result));
            reply.body += with_header(ctx, as_of, result) + "\n";
        } else {
            bad_line(errors);
        }
    }
    return reply;
}

}  // namespace

std::string error_body(const std::string& request_id, const LoadedRuleset* ruleset, const std::string& message,
                       const std::vector<InputError>& errors) {
    nlohmann::json j = {{"request_id", request_id}, {"error", message}, {"errors", errors_json(errors)}};
    j["ruleset"] = ruleset ? nlohmann::json(ruleset->name()) : nlohmann::json();
    j["version"] = ruleset ? nlohmann::json(ruleset->version) : nlohmann::json();
    j["as_of"] = nullptr;
    return j.dump();
}

CaseReply answer_case(const CaseContext& ctx, Endpoint endpoint, const std::string& body, const CaseQuery& query) {
    Request request;
    std::vector<InputError> errors;
    if (!resolve(ctx, query, &request, &errors)) return bad_request(ctx, 400, "bad query", errors);
    if (endpoint == Endpoint::Batch) return batch(ctx, body, request, query);
    if (endpoint == Endpoint::Notice && !ctx.ruleset.notice) {
        return bad_request(ctx, 404, ctx.ruleset.name() + " has no notice templates", {});
    }

    auto lease = ctx.ruleset.session();
    Case c;
    if (!lease->decode(body, &c, &errors, query.as_of)) return bad_request(ctx, 400, "bad case", errors);
    std::string as_of = c.as_of();
    CaseReply reply;
    reply.cases = 1;
    std::string evaluation;
    bool need_evaluation = endpoint == Endpoint::Evaluate || ctx.audit;
    if (need_evaluation && !evaluate_one(*lease, c, request, &evaluation, &errors, &reply.cases_with_errors)) {
        return bad_request(ctx, 422, "a requested decision is unresolved", errors);
    }

    std::string payload;
    if (endpoint == Endpoint::Evaluate) {
        payload = evaluation;
    } else if (endpoint == Endpoint::Explain) {
        std::string text;
        if (!lease->explain_text(c, request, query.lang, &text, &errors)) {
            return bad_request(ctx, 422, "a requested decision is unresolved", errors);
        }
        payload = nlohmann::json({{"lang", query.lang}, {"text", text}}).dump();
    } else {
        NoticeResult n = render_notice(*lease, c, *ctx.ruleset.notice, query.lang);
        if (n.status == NoticeResult::Status::BadInput)
            return bad_request(ctx, 422, "the notice cannot be filled", n.errors);
        nlohmann::json j = {{"lang", query.lang}};
        if (n.status == NoticeResult::Status::Rendered) {
            j["notice"] = n.text;
        } else {
            j["notice"] = nullptr;
            j["reason"] = n.text;
        }
        payload = j.dump();
    }
    if (ctx.audit) reply.rows.push_back(audit_row(ctx, endpoint, 0, body, as_of, evaluation));
    reply.body = with_header(ctx, as_of, payload);
    return reply;
}

}  // namespace tenet::serve
