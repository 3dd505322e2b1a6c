// Fuzz target: random sequences of C API calls (include/tenet/tenet.h) on the small fixed ruleset
// of tests/capi/small.tenet, and on rulesets made of the input's bytes. Each input byte picks an
// operation on two ruleset slots and two context slots (compile, free in any order, evaluate JSON
// from raw bytes or from a case built of the bytes, explain, read decisions, evaluate columns of
// byte-made values, introspect with any index); the invariants of the header are checked after
// every call: result codes from the documented set, NUL-terminated strings that agree with their
// lengths, JSON results and explanations that parse, error paths for bad input, cells in a known
// state, and a batch row that agrees with the same case evaluated through JSON.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tenet/tenet.h"
#include "util/date.hpp"
#include "util/rational.hpp"

namespace {

std::string small_rules;  // tests/capi/small.tenet

#define REQUIRE(cond)                                                                  \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            std::fprintf(stderr, "capi_fuzz: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
            __builtin_trap();                                                          \
        }                                                                              \
    } while (0)

// The input, read a byte or a run at a time; zeros once it is used up.
class Bytes {
public:
    Bytes(const uint8_t* data, size_t size) : data_(data), size_(size) {}
    bool empty() const { return at_ >= size_; }
    uint8_t next() { return at_ < size_ ? data_[at_++] : 0; }
    int64_t next_int64() {
        uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v = v << 8 | next();
        return static_cast<int64_t>(v);
    }
    std::string run(size_t most) {
        size_t n = std::min<size_t>(next() % (most + 1), size_ - std::min(at_, size_));
        std::string s(reinterpret_cast<const char*>(data_ + at_), n);
        at_ += n;
        return s;
    }

private:
    const uint8_t* data_;
    size_t size_;
    size_t at_ = 0;
};

const char* const kDecisions[] = {"eligible",  "per_person",   "family", "daily_hours", "double_share",
                                  "review_by", "income_ratio", "paid",   "members",     "no_such_decision"};

struct State {
    tenet_ruleset* rules[2] = {nullptr, nullptr};
    tenet_context* contexts[2] = {nullptr, nullptr};
    bool evaluated[2] = {false, false};       // the context's last call was a successful evaluation
    bool pristine_rules[2] = {false, false};  // the slot holds small.tenet as it is
    bool pristine_context[2] = {false, false};
    ~State() {
        for (auto* c : contexts) tenet_context_free(c);
        for (auto* r : rules) tenet_ruleset_free(r);
    }
};

void check_ruleset(const tenet_ruleset* rs, int rc) {
    REQUIRE(rc == TENET_OK || rc == TENET_ERROR || rc == TENET_NOMEM);
    if (rc == TENET_NOMEM) return;
    REQUIRE(rs != nullptr);
    REQUIRE(tenet_ruleset_status(rs) == rc);
    int n = tenet_diagnostic_count(rs);
    REQUIRE(n >= 0);
    bool errors = false;
    for (int i = 0; i < n; ++i) {
        int severity = tenet_diagnostic_severity(rs, i);
        REQUIRE(severity >= TENET_SEVERITY_ERROR && severity <= TENET_SEVERITY_NOTE);
        errors |= severity == TENET_SEVERITY_ERROR;
        REQUIRE(tenet_diagnostic_file(rs, i) && tenet_diagnostic_message(rs, i) && tenet_diagnostic_text(rs, i));
        REQUIRE(tenet_diagnostic_line(rs, i) >= 0 && tenet_diagnostic_column(rs, i) >= 0);
        REQUIRE(tenet_diagnostic_offset(rs, i) >= 0);
    }
    REQUIRE(tenet_diagnostic_text(rs, n) == nullptr);
    if (rc == TENET_ERROR) {
        REQUIRE(std::strlen(tenet_ruleset_errmsg(rs)) > 0);
        REQUIRE(tenet_decision_count(rs) == -1);
        (void)errors;  // a failure of the compiler's limits is an error diagnostic too, or a message
    } else {
        REQUIRE(!errors);
        REQUIRE(tenet_ruleset_errmsg(rs)[0] == '\0' && tenet_ruleset_error_offset(rs) == -1);
    }
}

// After a failed call on a context: a message, and a JSON path exactly for bad input.
void check_failure(const tenet_context* ctx, int rc) {
    REQUIRE(tenet_errcode(ctx) == rc);
    REQUIRE(tenet_errmsg(ctx) != nullptr);
    if (rc != TENET_NOMEM) REQUIRE(std::strlen(tenet_errmsg(ctx)) > 0);
    const char* path = tenet_error_path(ctx);
    if (rc == TENET_INPUT) REQUIRE(path && path[0] == '$');
    if (tenet_error_offset(ctx) >= 0) REQUIRE(rc == TENET_INPUT);
}

void evaluate(State& s, int slot, const std::string& json, Bytes& in) {
    tenet_context* ctx = s.contexts[slot];
    unsigned flags = in.next() & 7u;  // 4 is no flag: misuse
    const char* names[4];
    int count = in.next() % 4;
    for (int i = 0; i < count; ++i) names[i] = kDecisions[in.next() % 10];
    const char* result = nullptr;
    size_t length = 0;
    int rc =
        tenet_evaluate_json(ctx, json.data(), static_cast<int64_t>(json.size()), flags, names, count, &result, &length);
    s.evaluated[slot] = rc == TENET_OK;
    if (ctx == nullptr) {
        REQUIRE(rc == TENET_MISUSE);
        return;
    }
    if (rc == TENET_OK || rc == TENET_UNRESOLVED) {
        REQUIRE(result && std::strlen(result) == length && std::strcmp(result, tenet_result_json(ctx)) == 0);
        auto parsed = nlohmann::json::parse(result, nullptr, false);
        REQUIRE(parsed.is_object() && parsed.contains("decisions") && parsed.contains("unresolved"));
        REQUIRE(parsed.contains("explanation") == ((flags & TENET_EXPLAIN) != 0));
        if (rc == TENET_OK) REQUIRE(tenet_errmsg(ctx)[0] == '\0' && tenet_error_path(ctx) == nullptr);
        else check_failure(ctx, rc);
        s.evaluated[slot] = true;
        return;
    }
    REQUIRE(rc == TENET_INPUT || rc == TENET_NOTFOUND || rc == TENET_MISUSE || rc == TENET_NOMEM);
    if (rc == TENET_MISUSE) REQUIRE(flags & 4u);
    REQUIRE(result == nullptr && tenet_result_json(ctx)[0] == '\0');
    check_failure(ctx, rc);
}

// A case of the small ruleset made of the input's bytes: usually valid, sometimes not.
std::string built_case(Bytes& in) {
    static const char* const families[] = {"single_parent", "two_parent", "three_parent"};
    int year = 1990 + in.next() % 20, month = 1 + in.next() % 13, day = 1 + in.next() % 31;
    int size = in.next() % 32;
    const char* family = families[in.next() % 3];
    int dollars = in.next() * 10, cents = in.next() % 100;
    int grant = in.next() % 4 == 0 ? 0 : in.next();
    bool disabled = in.next() % 2;
    int hours = in.next() % 170, tenths = in.next() % 10;
    int share = in.next() - 128;
    bool payments = in.next() % 2;
    char json[512];
    std::snprintf(
        json, sizeof json,
        "{\"as_of\":\"%04d-%02d-%02d\",\"household\":{\"size\":%d,\"family_type\":\"%s\",\"income\":\"%d.%02d\","
        "\"grant\":%d,\"disabled\":%s,\"hours\":%d.%d,\"share\":%d}%s}",
        year, month, day, size, family, dollars, cents, grant, disabled ? "true" : "false", hours, tenths, share,
        payments ? ",\"history\":{\"payments\":[\"1.00\",2.5]}" : "");
    return json;
}

// Columns of byte-made values over the small ruleset; every result cell is in a known state, and
// a successful row agrees with the same case through JSON.
void columns(State& s, int slot, Bytes& in) {
    tenet_context* ctx = s.contexts[slot];
    s.evaluated[slot] = false;
    const size_t rows = in.next() % 6;
    std::vector<int64_t> as_of(rows), size(rows), family(rows), income(rows), hours(rows);
    std::vector<uint8_t> disabled(rows), present(rows);
    for (size_t r = 0; r < rows; ++r) {
        uint8_t mode = in.next();
        as_of[r] = mode & 1 ? in.next_int64() : 7000 + in.next() * 40;  // mostly 1989..2000
        size[r] = mode & 2 ? in.next_int64() : in.next() % 32;
        family[r] = in.next() % 3;
        income[r] = mode & 4 ? in.next_int64() : in.next() * 1000;
        hours[r] = in.next() * 7;
        disabled[r] = mode & 8 ? in.next() : in.next() % 2;
        present[r] = (mode & 16) == 0;
    }
    int income_scale = in.next() % 4 == 0 ? in.next() % 20 : 2;
    int size_type = in.next() % 8 == 0 ? TENET_TYPE_MONEY : TENET_TYPE_INT;
    tenet_fact_column facts[] = {
        {"as_of", TENET_TYPE_DATE, 0, as_of.data(), nullptr},
        {"household.size", size_type, 0, size.data(), present.data()},
        {"household.family_type", TENET_TYPE_ENUM, 0, family.data(), nullptr},
        {"household.income", TENET_TYPE_MONEY, income_scale, income.data(), nullptr},
        {"household.grant", TENET_TYPE_MONEY, 0, income.data(), nullptr},
        {"household.hours", TENET_TYPE_DECIMAL, 1, hours.data(), nullptr},
        {"household.disabled", TENET_TYPE_BOOL, 0, disabled.data(), nullptr},
        {"history.payments", TENET_TYPE_LIST, 0, nullptr, present.data()},
    };
    int fact_count = in.next() % 9;
    std::vector<uint8_t> eligible(rows), states[4];
    std::vector<int64_t> members(rows), per_person(rows), daily(rows);
    for (auto& st : states) st.assign(rows, 0xEE);
    int daily_scale = in.next() % 5;
    tenet_decision_column decisions[] = {
        {"eligible", TENET_TYPE_BOOL, 0, eligible.data(), states[0].data()},
        {"members", TENET_TYPE_INT, 0, members.data(), states[1].data()},
        {"per_person", TENET_TYPE_MONEY, 2, per_person.data(), states[2].data()},
        {"daily_hours", TENET_TYPE_DECIMAL, daily_scale, daily.data(), states[3].data()},
    };
    int decision_count = in.next() % 5;
    int threads = in.next() % 4;
    int rc = tenet_evaluate_columns(ctx, rows, facts, fact_count, decisions, decision_count, threads);
    if (!ctx) {
        REQUIRE(rc == TENET_MISUSE);
        return;
    }
    REQUIRE(rc == TENET_OK || rc == TENET_INPUT || rc == TENET_RANGE || rc == TENET_MISUSE || rc == TENET_NOTFOUND ||
            rc == TENET_NOMEM);
    if (rc != TENET_OK) check_failure(ctx, rc);
    if (rc == TENET_INPUT) REQUIRE(std::strncmp(tenet_error_path(ctx), "$[", 2) == 0);
    bool pristine = s.pristine_context[slot];
    if (pristine && rc == TENET_MISUSE) REQUIRE(size_type != TENET_TYPE_INT || income_scale > 18);
    if (pristine) REQUIRE(rc != TENET_NOTFOUND);
    if ((rc != TENET_OK && rc != TENET_RANGE) || rows == 0) return;
    bool inexact = false;
    for (int c = 0; c < decision_count; ++c) {
        for (size_t r = 0; r < rows; ++r) {
            REQUIRE(states[c][r] <= TENET_STATE_INEXACT);
            inexact |= states[c][r] == TENET_STATE_INEXACT;
        }
    }
    REQUIRE(inexact == (rc == TENET_RANGE));
    if (!pristine || decision_count < 2 || fact_count < 8 || !present[0]) return;
    // row 0 again through JSON, every fact given: `eligible` and `members` must agree
    using tenet::util::Rational;
    Rational income_value, grant_value;
    int64_t scale = 1;
    for (int i = 0; i < income_scale; ++i) scale *= 10;
    REQUIRE(Rational::make(income[0], scale, &income_value) && Rational::make(income[0], 1, &grant_value));
    std::string json = "{\"as_of\":\"" + tenet::util::format_iso_date(static_cast<tenet::util::Days>(as_of[0])) +
                       "\",\"household\":{\"size\":" + std::to_string(size[0]) + ",\"family_type\":\"" +
                       (family[0] ? "two_parent" : "single_parent") + "\",\"income\":\"" +
                       tenet::util::to_decimal_string(income_value, 2) + "\",\"grant\":\"" +
                       tenet::util::to_decimal_string(grant_value, 2) +
                       "\",\"hours\":" + std::to_string(hours[0] / 10) + "." + std::to_string(hours[0] % 10) +
                       ",\"disabled\":" + (disabled[0] ? "true" : "false") + "},\"history\":{\"payments\":[]}}";
    const char* result = nullptr;
    int json_rc = tenet_evaluate_json(ctx, json.c_str(), -1, 0, nullptr, 0, &result, nullptr);
    REQUIRE(json_rc == TENET_OK || json_rc == TENET_NOMEM);
    if (json_rc != TENET_OK) return;
    s.evaluated[slot] = true;
    const char* eligible_json = tenet_decision_json(ctx, "eligible");
    REQUIRE(states[0][0] == TENET_STATE_OK
                ? eligible_json && std::strcmp(eligible_json, eligible[0] ? "true" : "false") == 0
                : eligible_json == nullptr);
    const char* members_json = tenet_decision_json(ctx, "members");
    REQUIRE(states[1][0] == TENET_STATE_OK && members[0] == size[0] && members_json &&
            std::to_string(members[0]) == members_json);
    if (std::getenv("CAPI_FUZZ_TRACE")) std::fprintf(stderr, "capi_fuzz: row 0 agrees with JSON\n");
}

void introspect(const tenet_ruleset* rs, Bytes& in) {
    int i = static_cast<int8_t>(in.next());
    int value = static_cast<int8_t>(in.next());
    int decisions = tenet_decision_count(rs), facts = tenet_fact_count(rs);
    bool usable = rs && tenet_ruleset_status(rs) == TENET_OK;
    REQUIRE(usable ? decisions >= 0 && facts >= 1 : decisions == -1 && facts == -1);
    bool decision_ok = usable && i >= 0 && i < decisions;
    bool fact_ok = usable && i >= 0 && i < facts;
    REQUIRE((tenet_decision_name(rs, i) != nullptr) == decision_ok);
    REQUIRE((tenet_decision_type(rs, i) != nullptr) == decision_ok);
    REQUIRE((tenet_decision_kind(rs, i) != TENET_TYPE_NONE) == decision_ok);
    REQUIRE((tenet_fact_path(rs, i) != nullptr) == fact_ok);
    REQUIRE((tenet_fact_kind(rs, i) != TENET_TYPE_NONE) == fact_ok);
    if (decision_ok) REQUIRE(tenet_decision_index(rs, tenet_decision_name(rs, i)) == i);
    if (fact_ok) REQUIRE(tenet_fact_index(rs, tenet_fact_path(rs, i)) == i);
    const char* e = tenet_fact_enum_name(rs, i, value);
    if (e) REQUIRE(fact_ok && tenet_fact_kind(rs, i) == TENET_TYPE_ENUM && value >= 0);
    tenet_decision_enum_name(rs, i, value);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    std::ifstream file(TENET_SOURCE_DIR "/tests/capi/small.tenet");
    std::stringstream text;
    text << file.rdbuf();
    small_rules = text.str();
    if (small_rules.empty()) {
        std::fprintf(stderr, "capi_fuzz: cannot read tests/capi/small.tenet\n");
        std::abort();
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    Bytes in(data, size);
    State s;
    for (int step = 0; step < 64 && !in.empty(); ++step) {
        uint8_t op = in.next();
        int slot = (op >> 4) & 1;
        switch (op % 12) {
            case 0: {  // a ruleset of the input's bytes: the small one, cut or mutated, or noise
                std::string text = in.next() % 2 ? small_rules.substr(0, in.next() * 4u) : in.run(200);
                if (!text.empty() && in.next() % 2) text[in.next() % text.size()] = static_cast<char>(in.next());
                tenet_ruleset_free(s.rules[slot]);
                s.rules[slot] = nullptr;
                s.pristine_rules[slot] = false;
                int rc = tenet_compile_buffer("fuzz.tenet", text.data(), static_cast<int64_t>(text.size()), 0,
                                              &s.rules[slot]);
                check_ruleset(s.rules[slot], rc);
                break;
            }
            case 1: {
                tenet_ruleset_free(s.rules[slot]);
                s.rules[slot] = nullptr;
                int rc = tenet_compile_buffer("small.tenet", small_rules.c_str(), -1, 0, &s.rules[slot]);
                REQUIRE(rc == TENET_OK);
                s.pristine_rules[slot] = true;
                check_ruleset(s.rules[slot], rc);
                break;
            }
            case 2: {
                tenet_context_free(s.contexts[slot]);
                s.contexts[slot] = nullptr;
                s.evaluated[slot] = false;
                int from = in.next() & 1;
                tenet_ruleset* rs = s.rules[from];
                int rc = tenet_context_new(rs, &s.contexts[slot]);
                s.pristine_context[slot] = s.pristine_rules[from];
                bool usable = rs && tenet_ruleset_status(rs) == TENET_OK;
                REQUIRE(usable ? rc == TENET_OK && s.contexts[slot] : rc == TENET_MISUSE && !s.contexts[slot]);
                break;
            }
            case 3:
                tenet_context_free(s.contexts[slot]);
                s.contexts[slot] = nullptr;
                s.evaluated[slot] = false;
                break;
            case 4:  // contexts outlive their ruleset handle
                tenet_ruleset_free(s.rules[slot]);
                s.rules[slot] = nullptr;
                s.pristine_rules[slot] = false;
                break;
            case 5: evaluate(s, slot, in.run(300), in); break;
            case 6: evaluate(s, slot, built_case(in), in); break;
            case 7: {
                const char* explanation = nullptr;
                size_t length = 0;
                int rc = tenet_explanation_json(s.contexts[slot], &explanation, &length);
                if (!s.contexts[slot]) {
                    REQUIRE(rc == TENET_MISUSE);
                } else if (s.evaluated[slot]) {
                    REQUIRE(rc == TENET_OK && explanation && std::strlen(explanation) == length);
                    REQUIRE(nlohmann::json::parse(explanation, nullptr, false).is_object());
                } else {
                    REQUIRE(rc == TENET_MISUSE || rc == TENET_NOMEM);
                    check_failure(s.contexts[slot], rc);
                }
                break;
            }
            case 8: {
                const char* value = tenet_decision_json(s.contexts[slot], kDecisions[in.next() % 10]);
                if (value) REQUIRE(s.evaluated[slot] && !nlohmann::json::parse(value, nullptr, false).is_discarded());
                break;
            }
            case 9: columns(s, slot, in); break;
            case 10: introspect(s.rules[slot], in); break;
            case 11:
                REQUIRE(tenet_errmsg(s.contexts[slot]) != nullptr);
                REQUIRE(tenet_errstr(in.next() - 8) != nullptr);
                REQUIRE(tenet_libversion_number() == TENET_VERSION_NUMBER);
                break;
        }
    }
    return 0;
}
