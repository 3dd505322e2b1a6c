/* The C API from C: compile errors with positions, bad cases with their JSON paths, a Weld County
 * case with the values of the ruleset's own tests, batch columns against the JSON path, misuse,
 * versions, and threads sharing one ruleset.
 *
 * Usage: tenet_capi_test SOURCE_DIR */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tenet/tenet.h"

static int failures = 0;
static const char *source_dir = ".";

#define CHECK(cond) check((cond), #cond, __FILE__, __LINE__)
#define CHECK_RC(expr, want) check_rc((expr), (want), #expr, __FILE__, __LINE__)
#define CHECK_STR(got, want) check_str((got), (want), #got, __FILE__, __LINE__)

static int check(int ok, const char *what, const char *file, int line) {
    if (!ok) {
        fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
        ++failures;
    }
    return ok;
}

static int check_rc(int got, int want, const char *what, const char *file, int line) {
    if (got != want) {
        fprintf(stderr, "%s:%d: %s returned %d (%s), expected %d (%s)\n", file, line, what, got, tenet_errstr(got),
                want, tenet_errstr(want));
        ++failures;
    }
    return got == want;
}

static int check_str(const char *got, const char *want, const char *what, const char *file, int line) {
    int same = (got == NULL && want == NULL) || (got && want && strcmp(got, want) == 0);
    if (!same) {
        fprintf(stderr, "%s:%d: %s is %s%s%s, expected %s%s%s\n", file, line, what, got ? "`" : "", got ? got : "NULL",
                got ? "`" : "", want ? "`" : "", want ? want : "NULL", want ? "`" : "");
        ++failures;
    }
    return same;
}

static char *read_file(const char *relative) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", source_dir, relative);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
    size_t size = 0, capacity = 1 << 16;
    char *text = malloc(capacity);
    size_t n;
    while (text && (n = fread(text + size, 1, capacity - size - 1, f)) > 0) {
        size += n;
        if (size + 1 == capacity) text = realloc(text, capacity *= 2);
    }
    fclose(f);
    if (!text) exit(2);
    text[size] = '\0';
    return text;
}

static void path_of(const char *relative, char *out, size_t size) {
    snprintf(out, size, "%s/%s", source_dir, relative);
}

/* ---- versions, NULL, misuse ------------------------------------------------------------------ */

static void test_versions(void) {
    int major = 0, minor = 0, patch = 0;
    CHECK(sscanf(TENET_VERSION, "%d.%d.%d", &major, &minor, &patch) == 3);
    CHECK(TENET_VERSION_NUMBER == major * 1000000 + minor * 1000 + patch);
    CHECK(tenet_libversion_number() == TENET_VERSION_NUMBER);
    CHECK_STR(tenet_libversion(), TENET_VERSION);
}

static void test_free_null(void) {
    tenet_ruleset_free(NULL);
    tenet_context_free(NULL);
    CHECK(1);
}

static void test_misuse(void) {
    tenet_ruleset *rules = (tenet_ruleset *)&rules; /* must be overwritten */
    tenet_context *ctx = (tenet_context *)&ctx;
    const char *result = "unchanged";
    CHECK_RC(tenet_compile_file(NULL, 0, &rules), TENET_MISUSE);
    CHECK(rules == NULL);
    CHECK_RC(tenet_compile_file("x.tenet", 0, NULL), TENET_MISUSE);
    CHECK_RC(tenet_compile_buffer("x", NULL, -1, 0, &rules), TENET_MISUSE);
    CHECK_RC(tenet_compile_buffer("x", "ruleset x", -1, 0x80, &rules), TENET_MISUSE);
    CHECK_RC(tenet_context_new(NULL, &ctx), TENET_MISUSE);
    CHECK(ctx == NULL);
    CHECK_RC(tenet_evaluate_json(NULL, "{}", -1, 0, NULL, 0, &result, NULL), TENET_MISUSE);
    CHECK_RC(tenet_explanation_json(NULL, &result, NULL), TENET_MISUSE);
    CHECK_RC(tenet_evaluate_columns(NULL, 0, NULL, 0, NULL, 0, 1), TENET_MISUSE);
    CHECK_RC(tenet_ruleset_status(NULL), TENET_MISUSE);
    CHECK(tenet_decision_count(NULL) == -1);
    CHECK(tenet_decision_name(NULL, 0) == NULL);
    CHECK(tenet_diagnostic_text(NULL, 0) == NULL);
    CHECK(tenet_errcode(NULL) == TENET_MISUSE);
    CHECK(tenet_error_path(NULL) == NULL);
    CHECK(tenet_decision_json(NULL, "x") == NULL);
    /* every code has its own description */
    for (int a = TENET_OK; a <= TENET_INTERNAL; ++a) {
        for (int b = a + 1; b <= TENET_INTERNAL; ++b) CHECK(strcmp(tenet_errstr(a), tenet_errstr(b)) != 0);
    }
    CHECK_STR(tenet_errstr(9999), "unknown result code");
}

/* ---- compile errors ---------------------------------------------------------------------------- */

static void test_compile_errors(void) {
    const char *text =
        "ruleset bad.rules \"broken\"\n"
        "fact as_of: date\n"
        "decision d: int = nosuch + 1\n";
    tenet_ruleset *rules = NULL;
    CHECK_RC(tenet_compile_buffer("bad.tenet", text, -1, 0, &rules), TENET_ERROR);
    if (!CHECK(rules != NULL)) return;
    CHECK_RC(tenet_ruleset_status(rules), TENET_ERROR);
    CHECK(tenet_diagnostic_count(rules) >= 1);
    CHECK(tenet_diagnostic_severity(rules, 0) == TENET_SEVERITY_ERROR);
    CHECK_STR(tenet_diagnostic_file(rules, 0), "bad.tenet");
    CHECK(tenet_diagnostic_line(rules, 0) == 3);
    CHECK(tenet_diagnostic_column(rules, 0) == 19);
    CHECK(tenet_diagnostic_offset(rules, 0) == (int64_t)(strstr(text, "nosuch") - text));
    CHECK(tenet_ruleset_error_offset(rules) == tenet_diagnostic_offset(rules, 0));
    CHECK(strstr(tenet_diagnostic_message(rules, 0), "nosuch") != NULL);
    CHECK(strncmp(tenet_diagnostic_text(rules, 0), "bad.tenet:3:19: error: ", 23) == 0);
    CHECK(strstr(tenet_ruleset_errmsg(rules), "bad.tenet:3:19: error: ") != NULL);
    CHECK(tenet_diagnostic_line(rules, tenet_diagnostic_count(rules)) == -1);
    CHECK(tenet_diagnostic_message(rules, -1) == NULL);
    /* a ruleset that did not compile cannot evaluate, nor be introspected */
    tenet_context *ctx = NULL;
    CHECK_RC(tenet_context_new(rules, &ctx), TENET_MISUSE);
    CHECK(ctx == NULL);
    CHECK(tenet_decision_count(rules) == -1);
    tenet_ruleset_free(rules);

    /* the length is honoured: cut before its unknown name, the same text is a good ruleset */
    const char *sum = "ruleset cut.rules \"cut\"\nfact as_of: date\ndecision d: int = 1 + nosuch\n";
    CHECK_RC(tenet_compile_buffer("cut.tenet", sum, -1, 0, &rules), TENET_ERROR);
    tenet_ruleset_free(rules);
    CHECK_RC(tenet_compile_buffer("cut.tenet", sum, (int64_t)(strstr(sum, " + nosuch") - sum), 0, &rules), TENET_OK);
    CHECK(tenet_decision_count(rules) == 1);
    tenet_ruleset_free(rules);

    CHECK_RC(tenet_compile_file("/nonexistent/rules.tenet", 0, &rules), TENET_ERROR);
    CHECK(rules != NULL && strstr(tenet_ruleset_errmsg(rules), "/nonexistent/rules.tenet") != NULL);
    /* an error about the whole file has no position: line 0 and offset -1 (not 0, nor 2^32 - 1) */
    CHECK(tenet_diagnostic_line(rules, 0) == 0);
    CHECK(tenet_diagnostic_offset(rules, 0) == -1);
    CHECK(tenet_ruleset_error_offset(rules) == -1);
    tenet_ruleset_free(rules);
}

/* `extends` and `import` stay inside the root file's folder, unless the host names more folders */
static void test_include_roots(void) {
    char name[1024], root[1024];
    path_of("tests/capi/in_memory.tenet", name, sizeof name);
    path_of("tests/rulesets/tour", root, sizeof root);
    const char *text = "ruleset t\nimport \"../rulesets/tour/common.tenet\"\n";
    tenet_ruleset *rules = NULL;
    CHECK_RC(tenet_compile_buffer(name, text, -1, TENET_COMPILE_NO_WARNINGS, &rules), TENET_ERROR);
    CHECK(rules != NULL && strstr(tenet_ruleset_errmsg(rules),
                                  "in_memory.tenet:2:8: error: `../rulesets/tour/common.tenet` "
                                  "leads outside the ruleset's folder") != NULL);
    CHECK(tenet_ruleset_error_offset(rules) == (int64_t)(strchr(text, '"') - text));
    tenet_ruleset_free(rules);
    const char *roots[] = {root};
    CHECK_RC(tenet_compile_buffer_with_roots(name, text, -1, TENET_COMPILE_NO_WARNINGS, roots, 1, &rules), TENET_OK);
    tenet_ruleset_free(rules);
    char file[1024];
    path_of("tests/rulesets/tour/county.tenet", file, sizeof file);
    CHECK_RC(tenet_compile_file_with_roots(file, 0, roots, 1, &rules), TENET_OK);
    tenet_ruleset_free(rules);
    CHECK_RC(tenet_compile_file_with_roots(file, 0, NULL, 1, &rules), TENET_MISUSE);
    CHECK(rules == NULL);
    const char *null_root[] = {NULL};
    CHECK_RC(tenet_compile_buffer_with_roots(name, text, -1, 0, null_root, 1, &rules), TENET_MISUSE);
}

/* ---- the Weld County case through JSON --------------------------------------------------------- */

static tenet_ruleset *weld;

static void test_weld_json(void) {
    tenet_context *ctx = NULL;
    if (!CHECK_RC(tenet_context_new(weld, &ctx), TENET_OK)) return;
    char *json = read_file("examples/c/weld_case.json");
    const char *result = NULL;
    size_t length = 0;
    if (!CHECK_RC(tenet_evaluate_json(ctx, json, -1, 0, NULL, 0, &result, &length), TENET_OK)) {
        fprintf(stderr, "  %s\n", tenet_errmsg(ctx));
    }
    CHECK(result != NULL && strlen(result) == length && strncmp(result, "{\"decisions\":{", 14) == 0);
    CHECK_STR(tenet_result_json(ctx), result);
    CHECK_STR(tenet_errmsg(ctx), "");
    /* weld.tenet: weld_inherits_state, not_exempt, hours_baseline, att_k_size_3, child_care rates */
    CHECK_STR(tenet_decision_json(ctx, "eligible"), "true");
    CHECK_STR(tenet_decision_json(ctx, "required_weekly_hours"), "25");
    CHECK_STR(tenet_decision_json(ctx, "meets_required_hours"), "true");
    CHECK_STR(tenet_decision_json(ctx, "sanction_level"), "0");
    CHECK_STR(tenet_decision_json(ctx, "adjusted_grant"), "\"303.00\"");
    CHECK_STR(tenet_decision_json(ctx, "caretaker_disqualified"), "false");
    CHECK_STR(tenet_decision_json(ctx, "work_exempt"), "false");
    CHECK_STR(tenet_decision_json(ctx, "exemption_reasons"), "[]");
    CHECK_STR(tenet_decision_json(ctx, "exemption_redetermine_by"), NULL); /* absent */
    CHECK_STR(tenet_decision_json(ctx, "work_activity_monthly_hours"), "107");
    CHECK_STR(tenet_decision_json(ctx, "child_care_income_limit"), "\"1793.00\"");
    CHECK_STR(tenet_decision_json(ctx, "child_care_eligible"), "true");
    CHECK_STR(tenet_decision_json(ctx, "child_care_daily_rate"), "\"19.00\"");
    CHECK_STR(tenet_decision_json(ctx, "child_care_monthly_cost"), "\"429.80\"");
    CHECK_STR(tenet_decision_json(ctx, "no_such_decision"), NULL);

    /* the explanation of the last evaluation, computed again on demand */
    const char *explanation = NULL;
    size_t explanation_length = 0;
    CHECK_RC(tenet_explanation_json(ctx, &explanation, &explanation_length), TENET_OK);
    CHECK(explanation && explanation[0] == '{' && explanation[explanation_length - 1] == '}');
    CHECK(explanation && strstr(explanation, "\"adjusted_grant\":[") != NULL);
    CHECK(explanation && strstr(explanation, "6.011.11") != NULL);

    /* a few decisions, explained in the same call */
    const char *names[] = {"adjusted_grant", "eligible"};
    CHECK_RC(tenet_evaluate_json(ctx, json, -1, TENET_EXPLAIN, names, 2, &result, NULL), TENET_OK);
    CHECK(strstr(result, "\"decisions\":{\"adjusted_grant\":\"303.00\",\"eligible\":true}") != NULL);
    CHECK(strstr(result, "\"explanation\":{\"adjusted_grant\":[") != NULL);
    CHECK(strstr(result, "child_care_monthly_cost") == NULL);
    CHECK_STR(tenet_decision_json(ctx, "child_care_monthly_cost"), NULL); /* not requested */
    CHECK_RC(tenet_explanation_json(ctx, &explanation, NULL), TENET_OK);
    CHECK(strncmp(explanation, "{\"adjusted_grant\":[", 19) == 0);
    CHECK(strstr(explanation, "\"eligible\":[") != NULL);

    /* unknown names and strict evaluation of a decision whose facts are missing */
    const char *unknown[] = {"eligible", "no_such_decision"};
    CHECK_RC(tenet_evaluate_json(ctx, json, -1, 0, unknown, 2, &result, NULL), TENET_NOTFOUND);
    CHECK(strstr(tenet_errmsg(ctx), "no_such_decision") != NULL);
    CHECK(result == NULL);
    CHECK_STR(tenet_result_json(ctx), "");
    CHECK_RC(tenet_explanation_json(ctx, &explanation, NULL), TENET_MISUSE);
    const char *thin = "{\"as_of\": \"1999-06-01\", \"household\": {\"size\": 3}}";
    const char *grant[] = {"adjusted_grant"};
    CHECK_RC(tenet_evaluate_json(ctx, thin, -1, TENET_STRICT, grant, 1, &result, NULL), TENET_UNRESOLVED);
    CHECK(strstr(tenet_errmsg(ctx), "monthly_basic_cash_grant") != NULL);
    CHECK(tenet_error_path(ctx) != NULL && strncmp(tenet_error_path(ctx), "$.", 2) == 0);
    CHECK_RC(tenet_evaluate_json(ctx, thin, -1, 0, grant, 1, &result, NULL), TENET_OK);
    CHECK(strstr(result, "\"unresolved\":{\"adjusted_grant\":[") != NULL);
    CHECK_RC(tenet_evaluate_json(ctx, json, -1, 0x40, NULL, 0, &result, NULL), TENET_MISUSE);
    free(json);
    tenet_context_free(ctx);
}

/* CONTRACT §1: a decision is a value, absent, unresolved (missing facts, or a parameter with no
 * value on the case's day) or failed, and tenet_decision_state / tenet_decision_message say which
 * and why without parsing the JSON. */
static void test_decision_outcomes(void) {
    tenet_context *ctx = NULL;
    if (!CHECK_RC(tenet_context_new(weld, &ctx), TENET_OK)) return;
    char *json = read_file("examples/c/weld_case.json");
    const char *result = NULL;
    CHECK_RC(tenet_evaluate_json(ctx, json, -1, 0, NULL, 0, &result, NULL), TENET_OK);
    CHECK_RC(tenet_decision_state(ctx, "adjusted_grant"), TENET_STATE_OK);
    CHECK_STR(tenet_decision_message(ctx, "adjusted_grant"), "");
    CHECK_RC(tenet_decision_state(ctx, "exemption_redetermine_by"), TENET_STATE_ABSENT);
    CHECK_RC(tenet_decision_state(ctx, "no_such_decision"), -1);
    CHECK_STR(tenet_decision_message(ctx, "no_such_decision"), NULL);
    CHECK(strstr(result, "\"errors\"") == NULL); /* left out when nothing failed */

    /* a missing fact */
    const char *thin = "{\"as_of\": \"1999-06-01\", \"household\": {\"size\": 3}}";
    const char *grant[] = {"adjusted_grant"};
    CHECK_RC(tenet_evaluate_json(ctx, thin, -1, 0, grant, 1, &result, NULL), TENET_OK);
    CHECK_RC(tenet_decision_state(ctx, "adjusted_grant"), TENET_STATE_UNRESOLVED);
    CHECK(strstr(tenet_decision_message(ctx, "adjusted_grant"), "household.monthly_basic_cash_grant") != NULL);
    CHECK_RC(tenet_decision_state(ctx, "eligible"), -1); /* not requested */

    /* a job refusal in February 1998: the 100% rule is "Revised 3/98" and has no earlier value */
    const char *refusal_date = strstr(json, "\"job_refusals\": []");
    CHECK(refusal_date != NULL);
    if (refusal_date) {
        char refusal[8192];
        size_t head = (size_t)(refusal_date - json);
        snprintf(refusal, sizeof refusal, "%.*s\"job_refusals\": [{\"date\": \"1998-02-01\"}]%s", (int)head, json,
                 refusal_date + strlen("\"job_refusals\": []"));
        char *as_of = strstr(refusal, "1999-06-01");
        if (CHECK(as_of != NULL)) memcpy(as_of, "1998-02-10", 10);
        CHECK_RC(tenet_evaluate_json(ctx, refusal, -1, 0, grant, 1, &result, NULL), TENET_OK);
        CHECK_RC(tenet_decision_state(ctx, "adjusted_grant"), TENET_STATE_UNRESOLVED);
        CHECK_STR(tenet_decision_message(ctx, "adjusted_grant"),
                  "parameter job_refusal_sanction_percent has no value before 1998-03-01");
    }
    free(json);
    tenet_context_free(ctx);

    /* a failure: small.tenet's income_ratio divides by a $0 grant */
    tenet_ruleset *small = NULL;
    char path[4096];
    path_of("tests/capi/small.tenet", path, sizeof path);
    if (!CHECK_RC(tenet_compile_file(path, 0, &small), TENET_OK)) return;
    if (CHECK_RC(tenet_context_new(small, &ctx), TENET_OK)) {
        const char *zero = "{\"as_of\": \"1999-06-01\", \"household\": {\"income\": 10, \"grant\": 0}}";
        const char *ratio[] = {"income_ratio"};
        CHECK_RC(tenet_evaluate_json(ctx, zero, -1, 0, ratio, 1, &result, NULL), TENET_OK);
        CHECK_STR(result,
                  "{\"decisions\":{},\"unresolved\":{},\"errors\":{\"income_ratio\":"
                  "\"division by zero in decision `income_ratio`\"}}");
        CHECK_RC(tenet_decision_state(ctx, "income_ratio"), TENET_STATE_ERROR);
        CHECK_STR(tenet_decision_message(ctx, "income_ratio"), "division by zero in decision `income_ratio`");
        CHECK_RC(tenet_evaluate_json(ctx, zero, -1, TENET_STRICT, ratio, 1, &result, NULL), TENET_UNRESOLVED);
        CHECK(strstr(tenet_errmsg(ctx), "division by zero") != NULL);
        tenet_context_free(ctx);
    }
    tenet_ruleset_free(small);
}

static void test_bad_json(void) {
    tenet_context *ctx = NULL;
    if (!CHECK_RC(tenet_context_new(weld, &ctx), TENET_OK)) return;
    const char *result = "unchanged";
    CHECK_RC(tenet_evaluate_json(ctx, "{\"as_of\": \"1999-06-01\", \"household\": {\"size\": \"three\"}}", -1, 0, NULL,
                                 0, &result, NULL),
             TENET_INPUT);
    CHECK(result == NULL);
    CHECK(tenet_errcode(ctx) == TENET_INPUT);
    CHECK_STR(tenet_error_path(ctx), "$.household.size");
    CHECK(strstr(tenet_errmsg(ctx), "$.household.size: ") == tenet_errmsg(ctx));
    CHECK(tenet_error_offset(ctx) == -1);

    CHECK_RC(tenet_evaluate_json(ctx, "{\"as_of\": \"1999-06-01\", \"household\": {\"sise\": 3}}", -1, 0, NULL, 0,
                                 &result, NULL),
             TENET_INPUT);
    CHECK_STR(tenet_error_path(ctx), "$.household.sise");
    CHECK_RC(
        tenet_evaluate_json(ctx, "{\"as_of\": \"1999-06-01\", \"household\": {\"monthly_gross_income\": \"1.234\"}}",
                            -1, 0, NULL, 0, &result, NULL),
        TENET_INPUT);
    CHECK_STR(tenet_error_path(ctx), "$.household.monthly_gross_income");

    /* malformed text: the byte offset of the fault */
    const char *broken = "{\"as_of\": \"1999-06-01\", \"household\": {\"size\": 3,}}";
    CHECK_RC(tenet_evaluate_json(ctx, broken, -1, 0, NULL, 0, &result, NULL), TENET_INPUT);
    CHECK_STR(tenet_error_path(ctx), "$");
    CHECK(tenet_error_offset(ctx) == (int64_t)(strstr(broken, "}}") - broken));
    /* the length is honoured: the text cut before its end is malformed */
    CHECK_RC(tenet_evaluate_json(ctx, "{\"as_of\": \"1999-06-01\"}", 10, 0, NULL, 0, &result, NULL), TENET_INPUT);
    /* and a failure is forgotten after a success */
    CHECK_RC(tenet_evaluate_json(ctx, "{\"as_of\": \"1999-06-01\"}", -1, 0, NULL, 0, &result, NULL), TENET_OK);
    CHECK_STR(tenet_errmsg(ctx), "");
    CHECK(tenet_error_path(ctx) == NULL);
    CHECK(tenet_errcode(ctx) == TENET_OK);
    tenet_context_free(ctx);
}

/* Text that is not JSON (issue 12): the first fault alone, at its byte offset, whatever the case
 * errors before it; a NUL byte inside the given length is such a fault, not the end of the text;
 * an escaped NUL in a key is quoted escaped, so the message is all there for C. */
static void test_malformed_json(void) {
    tenet_context *ctx = NULL;
    if (!CHECK_RC(tenet_context_new(weld, &ctx), TENET_OK)) return;
    const char *result = NULL;
    static const char nul[] = "{\"as_of\": \"1999-06-01\"}\0{\"as_of\": \"1999-06-02\"}";
    CHECK_RC(tenet_evaluate_json(ctx, nul, (int64_t)(sizeof nul - 1), 0, NULL, 0, &result, NULL), TENET_INPUT);
    CHECK_STR(tenet_error_path(ctx), "$");
    CHECK(tenet_error_offset(ctx) == (int64_t)strlen(nul));
    CHECK(strstr(tenet_errmsg(ctx), "NUL byte") != NULL);
    /* an array where a case should be is a case error, but a syntax error comes first */
    CHECK_RC(tenet_evaluate_json(ctx, "[1,]", -1, 0, NULL, 0, &result, NULL), TENET_INPUT);
    CHECK(tenet_error_offset(ctx) == 3);
    CHECK(strchr(tenet_errmsg(ctx), '\n') == NULL); /* one error */
    CHECK(strstr(tenet_errmsg(ctx), "not an array") == NULL);
    const char *late = "{\"as_of\": \"1999-06-01\", \"household\": {\"size\": \"x\"}, \"bogus\": tru}";
    CHECK_RC(tenet_evaluate_json(ctx, late, -1, 0, NULL, 0, &result, NULL), TENET_INPUT);
    CHECK_STR(tenet_error_path(ctx), "$");
    CHECK(tenet_error_offset(ctx) == (int64_t)(strstr(late, "tru}") - late) + 3);
    CHECK(strchr(tenet_errmsg(ctx), '\n') == NULL);
    /* ill-formed UTF-8 in a string: the offset of the sequence */
    const char *latin1 = "{\"as_of\": \"1999-06-01\", \"household\": {\"family_type\": \"\xe9t\xe9\"}}";
    CHECK_RC(tenet_evaluate_json(ctx, latin1, -1, 0, NULL, 0, &result, NULL), TENET_INPUT);
    CHECK(tenet_error_offset(ctx) == (int64_t)(strchr(latin1, '\xe9') - latin1));
    /* a number beyond a double is valid JSON: an error at its path, without an offset */
    CHECK_RC(tenet_evaluate_json(ctx, "{\"as_of\": \"1999-06-01\", \"household\": {\"size\": 1e400}}", -1, 0, NULL, 0,
                                 &result, NULL),
             TENET_INPUT);
    CHECK_STR(tenet_error_path(ctx), "$.household.size");
    CHECK(tenet_error_offset(ctx) == -1);
    CHECK_STR(tenet_errmsg(ctx), "$.household.size: `1e400` is too large for an integer");
    /* an escaped NUL in a key */
    CHECK_RC(tenet_evaluate_json(ctx, "{\"as_of\": \"1999-06-01\", \"a\\u0000b\": 1}", -1, 0, NULL, 0, &result, NULL),
             TENET_INPUT);
    CHECK_STR(tenet_error_path(ctx), "$[\"a\\u0000b\"]");
    CHECK(strstr(tenet_errmsg(ctx), "unknown key `a\\u0000b` (expected one of: as_of,") != NULL);
    tenet_context_free(ctx);
}

static void test_introspection(void) {
    CHECK_STR(tenet_ruleset_name(weld), "colorado.weld");
    int n = tenet_decision_count(weld);
    CHECK(n > 20);
    int grant = tenet_decision_index(weld, "adjusted_grant");
    CHECK(grant >= 0 && grant < n);
    CHECK_STR(tenet_decision_name(weld, grant), "adjusted_grant");
    CHECK_STR(tenet_decision_type(weld, grant), "money");
    CHECK(tenet_decision_kind(weld, grant) == TENET_TYPE_MONEY);
    CHECK(tenet_decision_optional(weld, grant) == 0);
    CHECK(tenet_decision_kind(weld, tenet_decision_index(weld, "exemption_reasons")) == TENET_TYPE_LIST);
    CHECK(tenet_decision_optional(weld, tenet_decision_index(weld, "exemption_redetermine_by")) == 1);
    CHECK(tenet_decision_index(weld, "no_such_decision") == -1);
    CHECK(tenet_decision_name(weld, n) == NULL);
    CHECK(tenet_decision_kind(weld, -1) == TENET_TYPE_NONE);

    int family = tenet_fact_index(weld, "household.family_type");
    CHECK(family > 0);
    CHECK_STR(tenet_fact_path(weld, family), "household.family_type");
    CHECK(tenet_fact_kind(weld, family) == TENET_TYPE_ENUM);
    CHECK_STR(tenet_fact_enum_name(weld, family, 0), "single_parent");
    CHECK_STR(tenet_fact_enum_name(weld, family, 1), "two_parent");
    CHECK(tenet_fact_enum_name(weld, family, 2) == NULL);
    CHECK(tenet_fact_enum_name(weld, family, -1) == NULL);
    CHECK_STR(tenet_fact_path(weld, 0), "as_of");
    CHECK(tenet_fact_kind(weld, 0) == TENET_TYPE_DATE);
    CHECK(tenet_fact_optional(weld, tenet_fact_index(weld, "caretaker.drug_felony_conviction_date")) == 1);
    CHECK(tenet_fact_optional(weld, tenet_fact_index(weld, "household.size")) == 0);
    CHECK(tenet_fact_kind(weld, tenet_fact_index(weld, "history.sanction_episodes")) == TENET_TYPE_LIST);
    CHECK(tenet_fact_index(weld, "household") == -1);
    CHECK(tenet_fact_count(weld) > 40);
}

/* ---- columns against JSON ---------------------------------------------------------------------- */

/* days since 1970-01-01 for a civil date (H. Hinnant's algorithm) */
static int64_t days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* A scaled integer as JSON writes the number: money with two decimals in quotes, other numbers
 * without trailing zeros. */
static void format_scaled(int64_t v, int scale, int money, char *out, size_t size) {
    char digits[40];
    int negative = v < 0;
    uint64_t u = negative ? 0 - (uint64_t)v : (uint64_t)v;
    size_t len = 0;
    char reversed[40];
    do {
        reversed[len++] = (char)('0' + u % 10);
        u /= 10;
    } while (u || len <= (size_t)scale);
    for (size_t i = 0; i < len; ++i) digits[i] = reversed[len - 1 - i];
    digits[len] = '\0';
    char whole[40], fraction[40];
    memcpy(whole, digits, len - (size_t)scale);
    whole[len - (size_t)scale] = '\0';
    memcpy(fraction, digits + len - (size_t)scale, (size_t)scale + 1);
    if (!money) {
        size_t f = strlen(fraction);
        while (f > 0 && fraction[f - 1] == '0') fraction[--f] = '\0';
    }
    snprintf(out, size, "%s%s%s%s%s%s", money ? "\"" : "", negative ? "-" : "", whole, fraction[0] ? "." : "", fraction,
             money ? "\"" : "");
}

/* The JSON text of row `row` of an output column, as tenet_decision_json would give it. */
static void cell_json(const tenet_ruleset *rules, const tenet_decision_column *c, size_t row, char *out, size_t size) {
    int d = tenet_decision_index(rules, c->name);
    const int64_t *v = (const int64_t *)c->values;
    switch (c->type) {
        case TENET_TYPE_BOOL: snprintf(out, size, "%s", ((const uint8_t *)c->values)[row] ? "true" : "false"); break;
        case TENET_TYPE_INT: snprintf(out, size, "%lld", (long long)v[row]); break;
        case TENET_TYPE_ENUM: snprintf(out, size, "\"%s\"", tenet_decision_enum_name(rules, d, (int)v[row])); break;
        case TENET_TYPE_DATE: {
            int y, m, dd;
            civil_from_days(v[row], &y, &m, &dd);
            snprintf(out, size, "\"%04d-%02d-%02d\"", y, m, dd);
            break;
        }
        default: format_scaled(v[row], c->scale, c->type == TENET_TYPE_MONEY, out, size); break;
    }
}

/* Every cell of the output columns agrees with the JSON evaluation of the same row. */
static void check_against_json(const tenet_ruleset *rules, tenet_context *ctx, const char *const *cases, size_t rows,
                               const tenet_decision_column *out, int count) {
    const char *result;
    for (size_t r = 0; r < rows; ++r) {
        if (!CHECK_RC(tenet_evaluate_json(ctx, cases[r], -1, 0, NULL, 0, &result, NULL), TENET_OK)) {
            fprintf(stderr, "  row %zu: %s\n", r, tenet_errmsg(ctx));
            continue;
        }
        for (int c = 0; c < count; ++c) {
            const char *json = tenet_decision_json(ctx, out[c].name);
            char cell[128];
            int state = out[c].states[r];
            if (state == TENET_STATE_OK) {
                cell_json(rules, &out[c], r, cell, sizeof cell);
                if (!json || strcmp(json, cell) != 0) {
                    fprintf(stderr, "row %zu, %s: columns say %s, JSON says %s\n", r, out[c].name, cell,
                            json ? json : "nothing");
                    ++failures;
                }
            } else if (json) {
                fprintf(stderr, "row %zu, %s: columns say state %d, JSON says %s\n", r, out[c].name, state, json);
                ++failures;
            } else {
                /* unresolved decisions are listed under "unresolved", failed ones under "errors",
                 * absent ones nowhere; tenet_decision_state says the same as the columns */
                char key[128];
                snprintf(key, sizeof key, "\"%s\":", out[c].name);
                const char *unresolved = strstr(result, "\"unresolved\":");
                const char *errors = strstr(result, "\"errors\":");
                const char *end_unresolved = errors ? errors : result + strlen(result);
                const char *in_unresolved = unresolved ? strstr(unresolved, key) : NULL;
                int listed_unresolved = in_unresolved != NULL && in_unresolved < end_unresolved;
                int listed_error = errors && strstr(errors, key) != NULL;
                CHECK(listed_unresolved == (state == TENET_STATE_UNRESOLVED));
                CHECK(listed_error == (state == TENET_STATE_ERROR));
                CHECK(tenet_decision_state(ctx, out[c].name) == state);
                if (state == TENET_STATE_ERROR)
                    CHECK(strstr(tenet_decision_message(ctx, out[c].name), "division by zero") != NULL);
            }
        }
    }
}

static tenet_ruleset *compile_small(void) {
    char *text = read_file("tests/capi/small.tenet");
    tenet_ruleset *rules = NULL;
    if (!CHECK_RC(tenet_compile_buffer("small.tenet", text, -1, 0, &rules), TENET_OK)) {
        fprintf(stderr, "%s", tenet_ruleset_errmsg(rules));
    }
    free(text);
    return rules;
}

enum { SMALL_ROWS = 4 };

static void test_columns_small(void) {
    tenet_ruleset *rules = compile_small();
    tenet_context *ctx = NULL;
    if (!CHECK_RC(tenet_context_new(rules, &ctx), TENET_OK)) {
        tenet_ruleset_free(rules);
        return;
    }
    int64_t as_of[SMALL_ROWS], size[SMALL_ROWS] = {1, 3, 4, 30}, family[SMALL_ROWS] = {0, 1, 0, 1};
    int64_t income[SMALL_ROWS] = {90000, 100000, 100001, 0}; /* cents */
    int64_t grant[SMALL_ROWS] = {30300, 0, 1000, 99999};     /* cents */
    uint8_t disabled[SMALL_ROWS] = {0, 0, 1, 0};
    int64_t hours[SMALL_ROWS] = {200, 250, 255, 1680}; /* tenths */
    int64_t share[SMALL_ROWS] = {25, 125, 0, 3333};    /* hundredths of a point */
    int64_t review[SMALL_ROWS];
    uint8_t review_present[SMALL_ROWS] = {1, 0, 1, 0};
    uint8_t payments_present[SMALL_ROWS] = {1, 1, 0, 1};
    for (int r = 0; r < SMALL_ROWS; ++r) {
        as_of[r] = days_from_civil(1999, 6, 1 + r);
        review[r] = days_from_civil(2000, 1, 31);
    }
    tenet_fact_column in[] = {
        {"as_of", TENET_TYPE_DATE, 0, as_of, NULL},
        {"household.size", TENET_TYPE_INT, 0, size, NULL},
        {"household.family_type", TENET_TYPE_ENUM, 0, family, NULL},
        {"household.income", TENET_TYPE_MONEY, 2, income, NULL},
        {"household.grant", TENET_TYPE_MONEY, 2, grant, NULL},
        {"household.disabled", TENET_TYPE_BOOL, 0, disabled, NULL},
        {"household.hours", TENET_TYPE_DECIMAL, 1, hours, NULL},
        {"household.share", TENET_TYPE_PERCENT, 2, share, NULL},
        {"household.review", TENET_TYPE_DATE, 0, review, review_present},
        {"history.payments", TENET_TYPE_LIST, 0, NULL, payments_present},
    };
    const int in_count = (int)(sizeof in / sizeof in[0]);
    /* the JSON of the same rows */
    const char *cases[SMALL_ROWS] = {
        "{\"as_of\":\"1999-06-01\",\"household\":{\"size\":1,\"family_type\":\"single_parent\",\"income\":\"900.00\","
        "\"grant\":\"303.00\",\"disabled\":false,\"hours\":20,\"share\":0.25,\"review\":\"2000-01-31\"},"
        "\"history\":{\"payments\":[]}}",
        "{\"as_of\":\"1999-06-02\",\"household\":{\"size\":3,\"family_type\":\"two_parent\",\"income\":1000,"
        "\"grant\":0,\"disabled\":false,\"hours\":25,\"share\":1.25},\"history\":{\"payments\":[]}}",
        "{\"as_of\":\"1999-06-03\",\"household\":{\"size\":4,\"family_type\":\"single_parent\",\"income\":\"1000.01\","
        "\"grant\":\"10.00\",\"disabled\":true,\"hours\":25.5,\"share\":0,\"review\":\"2000-01-31\"}}",
        "{\"as_of\":\"1999-06-04\",\"household\":{\"size\":30,\"family_type\":\"two_parent\",\"income\":0,"
        "\"grant\":\"999.99\",\"disabled\":false,\"hours\":168,\"share\":33.33},\"history\":{\"payments\":[]}}",
    };

    uint8_t eligible[SMALL_ROWS], st[9][SMALL_ROWS];
    int64_t per_person[SMALL_ROWS], fam[SMALL_ROWS], daily[SMALL_ROWS], dshare[SMALL_ROWS], review_by[SMALL_ROWS],
        ratio[SMALL_ROWS], paid[SMALL_ROWS], members[SMALL_ROWS];
    tenet_decision_column out[] = {
        {"eligible", TENET_TYPE_BOOL, 0, eligible, st[0]},
        {"per_person", TENET_TYPE_MONEY, 2, per_person, st[1]},
        {"family", TENET_TYPE_ENUM, 0, fam, st[2]},
        {"daily_hours", TENET_TYPE_DECIMAL, 3, daily, st[3]},
        {"double_share", TENET_TYPE_PERCENT, 2, dshare, st[4]},
        {"review_by", TENET_TYPE_DATE, 0, review_by, st[5]},
        {"income_ratio", TENET_TYPE_DECIMAL, 2, ratio, st[6]},
        {"paid", TENET_TYPE_MONEY, 2, paid, st[7]},
        {"members", TENET_TYPE_INT, 0, members, st[8]},
    };
    const int out_count = (int)(sizeof out / sizeof out[0]);
    if (!CHECK_RC(tenet_evaluate_columns(ctx, SMALL_ROWS, in, in_count, out, out_count, 1), TENET_OK)) {
        fprintf(stderr, "  %s\n", tenet_errmsg(ctx));
    }
    /* a few cells by hand, then all of them against JSON */
    CHECK(st[0][0] == TENET_STATE_OK && eligible[0] == 1 && eligible[1] == 1 && eligible[2] == 0);
    CHECK(per_person[0] == 30300 && per_person[2] == 250);
    CHECK(daily[0] == 5000 && daily[2] == 6375);  /* 25.5 / 4 = 6.375 */
    CHECK(dshare[1] == 250 && dshare[3] == 6666); /* percentage points x 100 */
    CHECK(st[5][0] == TENET_STATE_OK && review_by[0] == days_from_civil(2000, 1, 31));
    CHECK(st[5][1] == TENET_STATE_ABSENT);
    CHECK(st[6][1] == TENET_STATE_ERROR && ratio[1] == 0); /* income / 0 */
    CHECK(st[7][0] == TENET_STATE_OK && paid[0] == 0 && st[7][2] == TENET_STATE_UNRESOLVED);
    CHECK(members[3] == 30 && fam[1] == 1);
    check_against_json(rules, ctx, cases, SMALL_ROWS, out, out_count);

    /* the same on 3 threads */
    uint8_t eligible2[SMALL_ROWS], st2[SMALL_ROWS];
    tenet_decision_column one = {"eligible", TENET_TYPE_BOOL, 0, eligible2, st2};
    CHECK_RC(tenet_evaluate_columns(ctx, SMALL_ROWS, in, in_count, &one, 1, 3), TENET_OK);
    CHECK(memcmp(eligible, eligible2, sizeof eligible) == 0 && memcmp(st[0], st2, sizeof st2) == 0);
    CHECK_RC(tenet_evaluate_columns(ctx, SMALL_ROWS, in, in_count, &one, 1, 0), TENET_OK);
    CHECK(memcmp(eligible, eligible2, sizeof eligible) == 0);

    /* a value that is not exact at the output scale: that cell says so, the call fails with RANGE */
    out[3].scale = 2; /* 6.375 needs 3 decimals */
    CHECK_RC(tenet_evaluate_columns(ctx, SMALL_ROWS, in, in_count, out, out_count, 1), TENET_RANGE);
    CHECK(st[3][2] == TENET_STATE_INEXACT && st[3][0] == TENET_STATE_OK && daily[0] == 500);
    CHECK(strstr(tenet_errmsg(ctx), "row 2, decision `daily_hours`") != NULL);
    out[3].scale = 3;

    /* bad values: the whole call fails, naming the row and the fact */
    income[1] = 100001;
    in[3].scale = 3; /* 100.001 dollars: not whole cents */
    CHECK_RC(tenet_evaluate_columns(ctx, SMALL_ROWS, in, in_count, out, out_count, 1), TENET_INPUT);
    CHECK_STR(tenet_error_path(ctx), "$[1].household.income");
    CHECK(strstr(tenet_errmsg(ctx), "cents") != NULL);
    in[3].scale = 2;
    income[1] = 100000;
    family[2] = 2;
    CHECK_RC(tenet_evaluate_columns(ctx, SMALL_ROWS, in, in_count, out, out_count, 1), TENET_INPUT);
    CHECK_STR(tenet_error_path(ctx), "$[2].household.family_type");
    family[2] = 0;
    disabled[3] = 2;
    CHECK_RC(tenet_evaluate_columns(ctx, SMALL_ROWS, in, in_count, out, out_count, 1), TENET_INPUT);
    CHECK_STR(tenet_error_path(ctx), "$[3].household.disabled");
    disabled[3] = 0;
    size[0] = 31; /* household.size in 1..30 */
    CHECK_RC(tenet_evaluate_columns(ctx, SMALL_ROWS, in, in_count, out, out_count, 1), TENET_INPUT);
    CHECK_STR(tenet_error_path(ctx), "$[0].household.size");
    CHECK(strstr(tenet_errmsg(ctx), "above the largest allowed, 30") != NULL);
    size[0] = 1;
    as_of[1] = 1000000; /* year 4707 */
    CHECK_RC(tenet_evaluate_columns(ctx, SMALL_ROWS, in, in_count, out, out_count, 1), TENET_INPUT);
    CHECK_STR(tenet_error_path(ctx), "$[1].as_of");
    as_of[1] = days_from_civil(1999, 6, 2);
    uint8_t no_as_of[SMALL_ROWS] = {1, 1, 1, 0};
    in[0].present = no_as_of;
    CHECK_RC(tenet_evaluate_columns(ctx, SMALL_ROWS, in, in_count, out, out_count, 1), TENET_INPUT);
    CHECK_STR(tenet_error_path(ctx), "$[3].as_of");
    in[0].present = NULL;

    /* columns that do not fit the ruleset */
    in[1].type = TENET_TYPE_MONEY;
    CHECK_RC(tenet_evaluate_columns(ctx, SMALL_ROWS, in, in_count, out, out_count, 1), TENET_MISUSE);
    CHECK(strstr(tenet_errmsg(ctx), "household.size") != NULL);
    in[1].type = TENET_TYPE_INT;
    in[1].name = "household.sise";
    CHECK_RC(tenet_evaluate_columns(ctx, SMALL_ROWS, in, in_count, out, out_count, 1), TENET_NOTFOUND);
    in[1].name = "household.size";
    in[3].scale = 19;
    CHECK_RC(tenet_evaluate_columns(ctx, SMALL_ROWS, in, in_count, out, out_count, 1), TENET_MISUSE);
    in[3].scale = 2;
    out[0].type = TENET_TYPE_INT;
    CHECK_RC(tenet_evaluate_columns(ctx, SMALL_ROWS, in, in_count, out, out_count, 1), TENET_MISUSE);
    out[0].type = TENET_TYPE_BOOL;
    CHECK_RC(tenet_evaluate_columns(ctx, SMALL_ROWS, in, in_count, out, out_count, -1), TENET_MISUSE);
    CHECK_RC(tenet_evaluate_columns(ctx, SMALL_ROWS, NULL, 2, out, out_count, 1), TENET_MISUSE);
    /* and after all that, the context still works */
    CHECK_RC(tenet_evaluate_columns(ctx, SMALL_ROWS, in, in_count, out, out_count, 2), TENET_OK);
    CHECK_STR(tenet_errmsg(ctx), "");

    /* the ruleset handle may go before its contexts */
    tenet_ruleset_free(rules);
    CHECK_RC(tenet_evaluate_columns(ctx, SMALL_ROWS, in, in_count, out, out_count, 1), TENET_OK);
    CHECK(eligible[0] == 1);
    tenet_context_free(ctx);
}

/* A list fact by its elements (tenet_evaluate_columns_with_lists): offsets and a column of the
 * list's money values; the sum agrees with JSON, and a bad element names its row and place. */
static void test_columns_lists(void) {
    tenet_ruleset *rules = compile_small();
    tenet_context *ctx = NULL;
    if (!CHECK_RC(tenet_context_new(rules, &ctx), TENET_OK)) {
        tenet_ruleset_free(rules);
        return;
    }
    int64_t as_of[SMALL_ROWS], size[SMALL_ROWS] = {1, 3, 4, 30};
    for (int r = 0; r < SMALL_ROWS; ++r) as_of[r] = days_from_civil(1999, 6, 1);
    int64_t offsets[SMALL_ROWS + 1] = {0, 2, 2, 3, 5};
    int64_t cents[5] = {1050, 2500, 99, 100000, 1};
    uint8_t present[SMALL_ROWS] = {1, 1, 1, 0};
    tenet_fact_column in[] = {
        {"as_of", TENET_TYPE_DATE, 0, as_of, NULL},
        {"household.size", TENET_TYPE_INT, 0, size, NULL},
    };
    tenet_fact_column amounts[] = {{"", TENET_TYPE_MONEY, 2, cents, NULL}};
    tenet_list_column lists[] = {{"history.payments", offsets, amounts, 1, present}};
    int64_t paid[SMALL_ROWS], members[SMALL_ROWS];
    uint8_t st[2][SMALL_ROWS];
    tenet_decision_column out[] = {
        {"paid", TENET_TYPE_MONEY, 2, paid, st[0]},
        {"members", TENET_TYPE_INT, 0, members, st[1]},
    };
    if (!CHECK_RC(tenet_evaluate_columns_with_lists(ctx, SMALL_ROWS, in, 2, lists, 1, out, 2, 1), TENET_OK)) {
        fprintf(stderr, "  %s\n", tenet_errmsg(ctx));
    }
    CHECK(st[0][0] == TENET_STATE_OK && paid[0] == 3550);
    CHECK(st[0][1] == TENET_STATE_OK && paid[1] == 0);
    CHECK(st[0][2] == TENET_STATE_OK && paid[2] == 99);
    CHECK(st[0][3] == TENET_STATE_UNRESOLVED); /* absent list: missing, as when JSON leaves it out */
    CHECK(st[1][3] == TENET_STATE_OK && members[3] == 30);
    const char *cases[3] = {
        "{\"as_of\":\"1999-06-01\",\"household\":{\"size\":1},\"history\":{\"payments\":[\"10.50\",25]}}",
        "{\"as_of\":\"1999-06-01\",\"household\":{\"size\":3},\"history\":{\"payments\":[]}}",
        "{\"as_of\":\"1999-06-01\",\"household\":{\"size\":4},\"history\":{\"payments\":[0.99]}}",
    };
    check_against_json(rules, ctx, cases, 3, out, 2);

    /* sub-cent money in an element: the call fails naming the row and element */
    amounts[0].scale = 3;
    CHECK_RC(tenet_evaluate_columns_with_lists(ctx, SMALL_ROWS, in, 2, lists, 1, out, 2, 1), TENET_INPUT);
    CHECK_STR(tenet_error_path(ctx), "$[2].history.payments[0]");
    amounts[0].scale = 2;
    /* decreasing offsets, a list fact given twice, a field of the wrong kind */
    offsets[2] = 1;
    CHECK_RC(tenet_evaluate_columns_with_lists(ctx, SMALL_ROWS, in, 2, lists, 1, out, 2, 1), TENET_INPUT);
    offsets[2] = 2;
    tenet_fact_column twice[] = {in[0], in[1], {"history.payments", TENET_TYPE_LIST, 0, NULL, NULL}};
    CHECK_RC(tenet_evaluate_columns_with_lists(ctx, SMALL_ROWS, twice, 3, lists, 1, out, 2, 1), TENET_MISUSE);
    amounts[0].type = TENET_TYPE_INT;
    CHECK_RC(tenet_evaluate_columns_with_lists(ctx, SMALL_ROWS, in, 2, lists, 1, out, 2, 1), TENET_MISUSE);
    tenet_context_free(ctx);
    tenet_ruleset_free(rules);
}

/* Weld County: the baseline family with a few things varied, as columns and as JSON. */
enum { WELD_ROWS = 8 };

static void test_columns_weld(void) {
    tenet_context *ctx = NULL;
    if (!CHECK_RC(tenet_context_new(weld, &ctx), TENET_OK)) return;
    char *base = read_file("examples/c/weld_case.json");
    int64_t as_of[WELD_ROWS], size[WELD_ROWS], family[WELD_ROWS], income[WELD_ROWS], resources[WELD_ROWS],
        grant[WELD_ROWS], stamps[WELD_ROWS], other[WELD_ROWS], age[WELD_ROWS], hours[WELD_ROWS], wage[WELD_ROWS],
        child_age[WELD_ROWS], days[WELD_ROWS], provider[WELD_ROWS], care[WELD_ROWS];
    uint8_t yes[WELD_ROWS], no[WELD_ROWS], child_care_available[WELD_ROWS];
    char *cases[WELD_ROWS];
    const char *providers[] = {"licensed_center", "licensed_home", "exempt"};
    for (int r = 0; r < WELD_ROWS; ++r) {
        as_of[r] = days_from_civil(1999, 6 + r % 6, 1);
        size[r] = 1 + r % 5;
        family[r] = r % 3 == 2;
        income[r] = 90000 + 12345 * r;
        resources[r] = 150000 + 10000 * r;
        grant[r] = 30300 - 1000 * r;
        stamps[r] = 25000 + 599 * r;
        other[r] = 0;
        age[r] = 28;
        hours[r] = 250 - 15 * r; /* tenths */
        wage[r] = 515;
        child_age[r] = 20 + r;
        days[r] = 20;
        provider[r] = r % 3;
        care[r] = 0;
        yes[r] = 1;
        no[r] = 0;
        child_care_available[r] = r != 5;
        int y, m, d;
        civil_from_days(as_of[r], &y, &m, &d);
        char json[4096];
        snprintf(
            json, sizeof json,
            "{\"as_of\":\"%04d-%02d-%02d\",\"household\":{\"size\":%d,\"family_type\":\"%s\","
            "\"monthly_gross_income\":\"%lld.%02lld\",\"countable_resources\":\"%lld.%02lld\","
            "\"income_under_1996_standard\":true,\"monthly_basic_cash_grant\":\"%lld.%02lld\","
            "\"monthly_food_stamps\":\"%lld.%02lld\",\"monthly_other_cash\":\"0.00\",\"child_care_available\":%s,"
            "\"remote_location\":false,\"caring_for_incapacitated_member\":false,\"work_sites_available\":true,"
            "\"relative_caretaker_placement_risk\":false},"
            "\"caretaker\":{\"age\":28,\"is_parent\":true,\"married\":false,\"lives_with_parent_or_guardian\":false,"
            "\"abusive_home_referral\":false,\"high_school_complete\":true,\"in_school_or_ged\":false,"
            "\"fugitive_felon\":false,\"parole_or_probation_violator\":false,\"drug_rehabilitation\":false,"
            "\"alien_federal_exception\":false,\"weekly_work_hours\":%lld.%lld,\"comparable_hourly_wage\":\"5.15\"},"
            "\"history\":{\"sanction_episodes\":[],\"job_refusals\":[],\"fraud_convictions\":[]},"
            "\"child_care\":{\"child_age_months\":%d,\"provider\":\"%s\",\"care\":\"regular\",\"days\":20}}",
            y, m, d, (int)size[r], family[r] ? "two_parent" : "single_parent", (long long)(income[r] / 100),
            (long long)(income[r] % 100), (long long)(resources[r] / 100), (long long)(resources[r] % 100),
            (long long)(grant[r] / 100), (long long)(grant[r] % 100), (long long)(stamps[r] / 100),
            (long long)(stamps[r] % 100), child_care_available[r] ? "true" : "false", (long long)(hours[r] / 10),
            (long long)(hours[r] % 10), (int)child_age[r], providers[provider[r]]);
        cases[r] = strdup(json);
    }
    free(base);
    tenet_fact_column in[] = {
        {"as_of", TENET_TYPE_DATE, 0, as_of, NULL},
        {"household.size", TENET_TYPE_INT, 0, size, NULL},
        {"household.family_type", TENET_TYPE_ENUM, 0, family, NULL},
        {"household.monthly_gross_income", TENET_TYPE_MONEY, 2, income, NULL},
        {"household.countable_resources", TENET_TYPE_MONEY, 2, resources, NULL},
        {"household.income_under_1996_standard", TENET_TYPE_BOOL, 0, yes, NULL},
        {"household.monthly_basic_cash_grant", TENET_TYPE_MONEY, 2, grant, NULL},
        {"household.monthly_food_stamps", TENET_TYPE_MONEY, 2, stamps, NULL},
        {"household.monthly_other_cash", TENET_TYPE_MONEY, 2, other, NULL},
        {"household.child_care_available", TENET_TYPE_BOOL, 0, child_care_available, NULL},
        {"household.remote_location", TENET_TYPE_BOOL, 0, no, NULL},
        {"household.caring_for_incapacitated_member", TENET_TYPE_BOOL, 0, no, NULL},
        {"household.work_sites_available", TENET_TYPE_BOOL, 0, yes, NULL},
        {"household.relative_caretaker_placement_risk", TENET_TYPE_BOOL, 0, no, NULL},
        {"caretaker.age", TENET_TYPE_INT, 0, age, NULL},
        {"caretaker.is_parent", TENET_TYPE_BOOL, 0, yes, NULL},
        {"caretaker.married", TENET_TYPE_BOOL, 0, no, NULL},
        {"caretaker.lives_with_parent_or_guardian", TENET_TYPE_BOOL, 0, no, NULL},
        {"caretaker.abusive_home_referral", TENET_TYPE_BOOL, 0, no, NULL},
        {"caretaker.high_school_complete", TENET_TYPE_BOOL, 0, yes, NULL},
        {"caretaker.in_school_or_ged", TENET_TYPE_BOOL, 0, no, NULL},
        {"caretaker.fugitive_felon", TENET_TYPE_BOOL, 0, no, NULL},
        {"caretaker.parole_or_probation_violator", TENET_TYPE_BOOL, 0, no, NULL},
        {"caretaker.drug_rehabilitation", TENET_TYPE_BOOL, 0, no, NULL},
        {"caretaker.alien_federal_exception", TENET_TYPE_BOOL, 0, no, NULL},
        {"caretaker.weekly_work_hours", TENET_TYPE_DECIMAL, 1, hours, NULL},
        {"caretaker.comparable_hourly_wage", TENET_TYPE_MONEY, 2, wage, NULL},
        {"history.sanction_episodes", TENET_TYPE_LIST, 0, NULL, NULL},
        {"history.job_refusals", TENET_TYPE_LIST, 0, NULL, NULL},
        {"history.fraud_convictions", TENET_TYPE_LIST, 0, NULL, NULL},
        {"child_care.child_age_months", TENET_TYPE_INT, 0, child_age, NULL},
        {"child_care.provider", TENET_TYPE_ENUM, 0, provider, NULL},
        {"child_care.care", TENET_TYPE_ENUM, 0, care, NULL},
        {"child_care.days", TENET_TYPE_INT, 0, days, NULL},
    };
    const int in_count = (int)(sizeof in / sizeof in[0]);
    CHECK_STR(tenet_fact_enum_name(weld, tenet_fact_index(weld, "child_care.provider"), 2), "exempt");
    CHECK_STR(tenet_fact_enum_name(weld, tenet_fact_index(weld, "child_care.care"), 0), "regular");

    uint8_t eligible[WELD_ROWS], meets[WELD_ROWS], exempt[WELD_ROWS], cc_eligible[WELD_ROWS];
    int64_t grant_out[WELD_ROWS], level[WELD_ROWS], percent[WELD_ROWS], fiscal[WELD_ROWS], required[WELD_ROWS],
        target[WELD_ROWS], wa_hours[WELD_ROWS], limit[WELD_ROWS], rate[WELD_ROWS], cost[WELD_ROWS],
        redetermine[WELD_ROWS], federal[WELD_ROWS];
    uint8_t st[16][WELD_ROWS];
    tenet_decision_column out[] = {
        {"eligible", TENET_TYPE_BOOL, 0, eligible, st[0]},
        {"meets_required_hours", TENET_TYPE_BOOL, 0, meets, st[1]},
        {"work_exempt", TENET_TYPE_BOOL, 0, exempt, st[2]},
        {"child_care_eligible", TENET_TYPE_BOOL, 0, cc_eligible, st[3]},
        {"adjusted_grant", TENET_TYPE_MONEY, 2, grant_out, st[4]},
        {"sanction_level", TENET_TYPE_INT, 0, level, st[5]},
        {"sanction_percent", TENET_TYPE_PERCENT, 0, percent, st[6]},
        {"fiscal_year", TENET_TYPE_INT, 0, fiscal, st[7]},
        {"required_weekly_hours", TENET_TYPE_INT, 0, required, st[8]},
        {"county_participation_target", TENET_TYPE_PERCENT, 2, target, st[9]},
        {"work_activity_monthly_hours", TENET_TYPE_INT, 0, wa_hours, st[10]},
        {"child_care_income_limit", TENET_TYPE_MONEY, 2, limit, st[11]},
        {"child_care_daily_rate", TENET_TYPE_MONEY, 2, rate, st[12]},
        {"child_care_monthly_cost", TENET_TYPE_MONEY, 2, cost, st[13]},
        {"exemption_redetermine_by", TENET_TYPE_DATE, 0, redetermine, st[14]},
        {"federal_participation_rate", TENET_TYPE_PERCENT, 1, federal, st[15]},
    };
    const int out_count = (int)(sizeof out / sizeof out[0]);
    for (int c = 0; c < out_count; ++c)
        CHECK(tenet_decision_kind(weld, tenet_decision_index(weld, out[c].name)) == out[c].type);
    if (!CHECK_RC(tenet_evaluate_columns(ctx, WELD_ROWS, in, in_count, out, out_count, 2), TENET_OK)) {
        fprintf(stderr, "  %s\n", tenet_errmsg(ctx));
    }
    /* row 0 is the baseline family with a 20-month-old: weld.tenet's own expectations */
    CHECK(st[0][0] == TENET_STATE_OK && eligible[0] == 1);
    CHECK(grant_out[0] == 30300 && required[0] == 25 && wa_hours[0] == 107 && level[0] == 0);
    CHECK(st[14][0] == TENET_STATE_ABSENT && st[14][5] == TENET_STATE_OK && exempt[5] == 1);
    check_against_json(weld, ctx, (const char *const *)cases, WELD_ROWS, out, out_count);
    for (int r = 0; r < WELD_ROWS; ++r) free(cases[r]);
    tenet_context_free(ctx);
}

/* ---- threads sharing one ruleset --------------------------------------------------------------- */

enum { THREADS = 4, ROUNDS = 25 };

struct worker {
    const char *json;
    int failures;
};

static void *evaluate_many(void *arg) {
    struct worker *w = arg;
    tenet_context *ctx = NULL;
    if (tenet_context_new(weld, &ctx) != TENET_OK) {
        w->failures++;
        return NULL;
    }
    const char *result;
    for (int i = 0; i < ROUNDS; ++i) {
        if (tenet_evaluate_json(ctx, w->json, -1, i % 5 == 0 ? TENET_EXPLAIN : 0, NULL, 0, &result, NULL) != TENET_OK) {
            w->failures++;
            continue;
        }
        /* each value is read before the next call, which reuses the context's buffer */
        const char *grant = tenet_decision_json(ctx, "adjusted_grant");
        if (!grant || strcmp(grant, "\"303.00\"") != 0) w->failures++;
        const char *cost = tenet_decision_json(ctx, "child_care_monthly_cost");
        if (!cost || strcmp(cost, "\"429.80\"") != 0) w->failures++;
    }
    tenet_context_free(ctx);
    return NULL;
}

static void test_threads(void) {
    char *json = read_file("examples/c/weld_case.json");
    pthread_t threads[THREADS];
    struct worker workers[THREADS];
    for (int t = 0; t < THREADS; ++t) {
        workers[t].json = json;
        workers[t].failures = 0;
        CHECK(pthread_create(&threads[t], NULL, evaluate_many, &workers[t]) == 0);
    }
    for (int t = 0; t < THREADS; ++t) {
        pthread_join(threads[t], NULL);
        CHECK(workers[t].failures == 0);
    }
    free(json);
}

int main(int argc, char **argv) {
    if (argc > 1) source_dir = argv[1];
    test_versions();
    test_free_null();
    test_misuse();
    test_compile_errors();
    test_include_roots();

    char path[4096];
    path_of("rulesets/colorado/weld.tenet", path, sizeof path);
    if (tenet_compile_file(path, TENET_COMPILE_NO_WARNINGS, &weld) != TENET_OK) {
        fprintf(stderr, "%s", tenet_ruleset_errmsg(weld));
        return 1;
    }
    CHECK(tenet_diagnostic_count(weld) == 0);
    test_weld_json();
    test_decision_outcomes();
    test_bad_json();
    test_malformed_json();
    test_introspection();
    test_columns_small();
    test_columns_lists();
    test_columns_weld();
    test_threads();
    tenet_ruleset_free(weld);

    if (failures) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("C API: all checks passed\n");
    return 0;
}
