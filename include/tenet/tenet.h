/* Tenet's C API: compile a ruleset, evaluate cases from JSON or from typed columns, read the
 * explanations. For hosts written in C, COBOL, or anything else that can call C.
 *
 *   tenet_ruleset *rules = NULL;
 *   if (tenet_compile_file("rulesets/colorado/weld.tenet", 0, &rules) != TENET_OK) {
 *       fprintf(stderr, "%s", tenet_ruleset_errmsg(rules));
 *   }
 *   tenet_context *ctx = NULL;
 *   tenet_context_new(rules, &ctx);
 *   const char *json; size_t length;
 *   if (tenet_evaluate_json(ctx, case_text, -1, 0, NULL, 0, &json, &length) != TENET_OK)
 *       fprintf(stderr, "%s: %s\n", tenet_error_path(ctx), tenet_errmsg(ctx));
 *   tenet_context_free(ctx);
 *   tenet_ruleset_free(rules);
 *
 * Ownership. Every tenet_X_new/tenet_compile_X has a tenet_X_free; freeing NULL does nothing.
 * A context holds a reference to the compiled rules of its ruleset, so a ruleset handle may be
 * freed before the contexts made from it: the rules live until the last of them is freed.
 * Strings returned by the library belong to the handle they came from: a ruleset's strings live as
 * long as the ruleset handle; a context's strings (results, explanations, error messages) stay
 * valid until the next call that takes that context, or until it is freed.
 *
 * Threads. A compiled ruleset is immutable: any number of threads may use one ruleset handle at
 * the same time (to make contexts, read diagnostics, introspect). A context belongs to one thread
 * at a time: give each thread its own (contexts are cheap; make one per worker thread and reuse
 * it). tenet_evaluate_columns runs its own worker threads inside one call.
 *
 * Errors. Functions that can fail return an int result code: TENET_OK (0) or one of the codes
 * below, and never let a C++ exception out. After a failure on a context, tenet_errmsg() says
 * what went wrong, tenet_error_path() names the failing value of the input ("$.household.size",
 * "$[3].household.size" for row 3 of a batch) and tenet_error_offset() gives its byte offset in
 * the JSON text when the text itself is malformed.
 */
/* The public C header is laid out by hand: its comments are aligned into tables of what each
 * constant and field means, which clang-format would undo. */
/* clang-format off */
#ifndef TENET_H
#define TENET_H

#include <stddef.h>
#include <stdint.h>

#include "tenet/version.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- versions: TENET_VERSION and TENET_VERSION_NUMBER (major * 1000000 + minor * 1000 + patch)
 * are in tenet/version.h, generated from the CMake project version ------------------------- */

const char *tenet_libversion(void);      /* TENET_VERSION of the library actually linked */
int tenet_libversion_number(void);       /* TENET_VERSION_NUMBER of the library actually linked */

/* ---- result codes --------------------------------------------------------------------------- */
#define TENET_OK 0
#define TENET_ERROR 1      /* the ruleset has errors (see its diagnostics) */
#define TENET_NOMEM 2      /* out of memory */
#define TENET_MISUSE 3     /* the API was called wrongly: NULL handle, bad flag, wrong column type */
#define TENET_INPUT 4      /* a case is not valid: see tenet_error_path() and tenet_errmsg() */
#define TENET_RANGE 5      /* an index or a value is out of range, or not exact at a column's scale */
#define TENET_NOTFOUND 6   /* no decision or fact of that name */
#define TENET_UNRESOLVED 7 /* TENET_STRICT: a requested decision is unresolved or failed */
#define TENET_INTERNAL 8   /* a bug in Tenet: please report it with the input */

/* "not an error", "out of memory"...: a static description of a result code. */
const char *tenet_errstr(int code);

/* ---- compiling ------------------------------------------------------------------------------ */
typedef struct tenet_ruleset tenet_ruleset;

#define TENET_COMPILE_NO_WARNINGS 1u   /* leave the linter's warnings out of the diagnostics */

/* Compiles a .tenet file and what it extends and imports (relative to its directory, inside it).
 * *ruleset is always set, also on failure (then it carries the diagnostics and cannot evaluate),
 * except when memory runs out or on misuse (then it is NULL). Free it with tenet_ruleset_free.
 * Returns TENET_OK (there may be warnings), TENET_ERROR, TENET_NOMEM or TENET_MISUSE. */
int tenet_compile_file(const char *path, unsigned flags, tenet_ruleset **ruleset);
/* The same for a ruleset in memory. `name` names it in diagnostics and is the path `extends` and
 * `import` resolve against; `length` < 0: `text` is NUL-terminated. */
int tenet_compile_buffer(const char *name, const char *text, int64_t length, unsigned flags,
                         tenet_ruleset **ruleset);
/* The same, with folders besides the root file's own that `extends` and `import` may reach.
 * A path in a ruleset is relative to the file that writes it and names a .tenet file; an
 * absolute path, or one leading outside the root file's folder and these folders (also through a
 * symbolic link), is an error at the path and nothing is read. `include_roots` holds `count`
 * NUL-terminated folder paths (relative ones from the working directory), or is NULL when count
 * is 0; the library copies them: the caller keeps ownership and may free them on return. NULL
 * entries are TENET_MISUSE. Thread-safe as the functions above: any thread, any time. */
int tenet_compile_file_with_roots(const char *path, unsigned flags, const char *const *include_roots,
                                  size_t count, tenet_ruleset **ruleset);
int tenet_compile_buffer_with_roots(const char *name, const char *text, int64_t length, unsigned flags,
                                    const char *const *include_roots, size_t count, tenet_ruleset **ruleset);
void tenet_ruleset_free(tenet_ruleset *ruleset);

/* TENET_OK when the ruleset compiled and can evaluate, TENET_ERROR when it has errors. */
int tenet_ruleset_status(const tenet_ruleset *ruleset);
/* The formatted errors ("FILE:LINE:COL: error: MESSAGE", source line, caret), "" when none. */
const char *tenet_ruleset_errmsg(const tenet_ruleset *ruleset);
/* Byte offset of the first error in its file, -1 when there is none or it has no position. */
int64_t tenet_ruleset_error_offset(const tenet_ruleset *ruleset);

/* Diagnostics, in file order. Index i in [0, count); out of range: -1 or NULL. */
#define TENET_SEVERITY_ERROR 0
#define TENET_SEVERITY_WARNING 1
#define TENET_SEVERITY_NOTE 2
int tenet_diagnostic_count(const tenet_ruleset *ruleset);
int tenet_diagnostic_severity(const tenet_ruleset *ruleset, int i);
const char *tenet_diagnostic_file(const tenet_ruleset *ruleset, int i);
int tenet_diagnostic_line(const tenet_ruleset *ruleset, int i);      /* 1-based; 0: whole file */
int tenet_diagnostic_column(const tenet_ruleset *ruleset, int i);    /* 1-based, in characters */
/* Bytes into the file; -1 when the diagnostic has no position (line 0) */
int64_t tenet_diagnostic_offset(const tenet_ruleset *ruleset, int i);
const char *tenet_diagnostic_message(const tenet_ruleset *ruleset, int i);
const char *tenet_diagnostic_text(const tenet_ruleset *ruleset, int i);   /* formatted, with caret */

/* ---- introspection (a compiled ruleset; NULL, -1 or TENET_TYPE_NONE on a bad index) --------- */
#define TENET_TYPE_NONE 0      /* no such decision or fact */
#define TENET_TYPE_BOOL 1      /* columns: uint8_t, 0 or 1 */
#define TENET_TYPE_INT 2       /* columns: int64_t */
#define TENET_TYPE_DECIMAL 3   /* columns: int64_t scaled by 10^scale */
#define TENET_TYPE_MONEY 4     /* columns: int64_t scaled by 10^scale (2: cents) */
#define TENET_TYPE_PERCENT 5   /* columns: int64_t percentage points scaled by 10^scale */
#define TENET_TYPE_DATE 6      /* columns: int64_t days since 1970-01-01 */
#define TENET_TYPE_ENUM 7      /* columns: int64_t index of the value (tenet_*_enum_name) */
#define TENET_TYPE_LIST 8      /* columns: presence only (a present list is empty) */
#define TENET_TYPE_RECORD 9    /* not in columns: use JSON */
#define TENET_TYPE_OTHER 10    /* durations: not in columns */

#define TENET_DATE_FOREVER 2147483647   /* a date decision that never ends ("lifetime") */

const char *tenet_ruleset_name(const tenet_ruleset *ruleset);
int tenet_decision_count(const tenet_ruleset *ruleset);
int tenet_decision_index(const tenet_ruleset *ruleset, const char *name);   /* -1: none */
const char *tenet_decision_name(const tenet_ruleset *ruleset, int i);
const char *tenet_decision_type(const tenet_ruleset *ruleset, int i);      /* "money", "list<X>" */
int tenet_decision_kind(const tenet_ruleset *ruleset, int i);              /* TENET_TYPE_* */
int tenet_decision_optional(const tenet_ruleset *ruleset, int i);          /* 1: may be absent */
const char *tenet_decision_enum_name(const tenet_ruleset *ruleset, int i, int value);
int tenet_fact_count(const tenet_ruleset *ruleset);
int tenet_fact_index(const tenet_ruleset *ruleset, const char *path);      /* -1: none */
const char *tenet_fact_path(const tenet_ruleset *ruleset, int i);          /* "household.size" */
const char *tenet_fact_type(const tenet_ruleset *ruleset, int i);
int tenet_fact_kind(const tenet_ruleset *ruleset, int i);                  /* TENET_TYPE_* */
int tenet_fact_optional(const tenet_ruleset *ruleset, int i);  /* 1: absent means none */
const char *tenet_fact_enum_name(const tenet_ruleset *ruleset, int i, int value);

/* ---- evaluating one case from JSON ---------------------------------------------------------- */
typedef struct tenet_context tenet_context;

/* Returns TENET_MISUSE for a ruleset that did not compile. */
int tenet_context_new(tenet_ruleset *ruleset, tenet_context **context);
void tenet_context_free(tenet_context *context);

#define TENET_EXPLAIN 1u   /* add "explanation" to the result */
#define TENET_STRICT 2u    /* a requested decision that is unresolved or failed is an error
                            * (TENET_UNRESOLVED); without it, both are results (see below) */

/* Decodes a case (docs/CASES.md; `length` < 0: NUL-terminated) and evaluates the decisions
 * named in `decisions` (`count` names; NULL/0: all of them). *result (and *result_length, when
 * not NULL) receive the JSON object {"decisions": ..., "unresolved": ...[, "errors": ...]
 * [, "explanation": ...]}, NUL-terminated and owned by the context: valid until the next call
 * with this context.
 * Each decision has one of four outcomes (docs/CASES.md §3), the TENET_STATE_* of the columns below:
 * a value ("decisions"); absent (an optional decision with no value: left out); unresolved
 * ("unresolved": NAME: [REASON...], a fact it needs is missing, or a parameter it needs has no
 * value on the case's day: "parameter X has no value before 1998-03-01"); or failed ("errors":
 * NAME: MESSAGE, computing it failed: "division by zero in rule `x` [6.008.3 C]"; the key is left
 * out when no decision failed). A decision that needs a failed one fails with the same message.
 * None of them makes the call fail (unless TENET_STRICT): tenet_decision_state and
 * tenet_decision_message read them without parsing the JSON.
 * Returns TENET_OK, TENET_INPUT (bad case; *result is NULL), TENET_NOTFOUND (unknown decision
 * name), TENET_UNRESOLVED (strict; *result still holds the whole result), TENET_NOMEM or
 * TENET_MISUSE. */
int tenet_evaluate_json(tenet_context *context, const char *json, int64_t length, unsigned flags,
                        const char *const *decisions, int count, const char **result,
                        size_t *result_length);
/* The outcome of one decision of the last tenet_evaluate_json: TENET_STATE_OK, _ABSENT,
 * _UNRESOLVED or _ERROR; -1 when the ruleset has no such decision or it was not evaluated. */
int tenet_decision_state(tenet_context *context, const char *name);
/* Why that decision has no value, as the JSON says it: unresolved, its reasons comma-separated
 * ("household.size, caretaker.age"); failed, the message; "" for OK and ABSENT; NULL when
 * tenet_decision_state is -1. Valid until the next call with this context. */
const char *tenet_decision_message(tenet_context *context, const char *name);
/* The last result of tenet_evaluate_json, "" when there is none. */
const char *tenet_result_json(tenet_context *context);
/* The JSON value of one decision of the last evaluation ("true", "\"303.00\"", "[...]"); NULL
 * when it is absent, unresolved, not requested or unknown. Valid until the next call. */
const char *tenet_decision_json(tenet_context *context, const char *name);
/* The explanation of the last evaluation as a JSON object {DECISION: [STEP...]}; the case is
 * evaluated again with explanations if the last call did not ask for them. */
int tenet_explanation_json(tenet_context *context, const char **explanation, size_t *length);

/* After a failure on this context: what went wrong ("" after success), the JSON path of the
 * failing value (NULL when the failure is not about an input value), the byte offset (from 0)
 * in the JSON text of the fault when the text is malformed (-1 otherwise), and the result code
 * itself. */
const char *tenet_errmsg(const tenet_context *context);
const char *tenet_error_path(const tenet_context *context);
int64_t tenet_error_offset(const tenet_context *context);
int tenet_errcode(const tenet_context *context);

/* ---- evaluating a batch given as columns, without JSON -------------------------------------
 * Row r of the batch is one case: fact column c gives its fact `name` the value values[r] when
 * present[r] is 1 (present == NULL: every row present). An absent fact is none when the fact is
 * optional and missing otherwise, as in JSON; a fact without a column is absent in every row.
 * `as_of` must be given (a date column) in every row.
 * Numbers are exact scaled integers: value = values[r] / 10^scale with 0 <= scale <= 18; money
 * with more than two decimals (not whole cents) is an input error, as in JSON. A percent is in
 * percentage points (scale 0: 25 means 25%). A list fact has values == NULL: present means the
 * empty list; give its elements with tenet_evaluate_columns_with_lists. Every value is checked as JSON would be (ranges,
 * dates between 1800-01-01 and 2299-12-31, enum indices, bools 0/1): the first bad value fails
 * the whole call with TENET_INPUT and tenet_error_path() "$[ROW].fact.path". */
typedef struct tenet_fact_column {
    const char *name;         /* fact path: "household.size" */
    int type;                 /* TENET_TYPE_*: must be the fact's kind */
    int scale;                /* decimal, money, percent: digits after the point */
    const void *values;       /* uint8_t[rows] for bool, int64_t[rows] otherwise */
    const uint8_t *present;   /* 1 present, 0 absent; NULL: all present */
} tenet_fact_column;

/* Output per decision and row: states[r] says what values[r] holds. */
#define TENET_STATE_OK 0          /* values[r] is the decision's value */
#define TENET_STATE_ABSENT 1      /* an optional decision with no value (left out of JSON) */
#define TENET_STATE_UNRESOLVED 2  /* a fact it needs is missing, or a parameter it needs has no
                                   * value on the row's day (JSON "unresolved") */
#define TENET_STATE_ERROR 3       /* computing it failed: division by zero, overflow, no table
                                   * row... (JSON "errors") */
#define TENET_STATE_INEXACT 4     /* the value is not exact at the column's scale (money not
                                   * whole cents at scale 2): the call returns TENET_RANGE */
typedef struct tenet_decision_column {
    const char *name;         /* decision name; list and record decisions are not columnar */
    int type;                 /* TENET_TYPE_*: must be the decision's kind */
    int scale;                /* decimal, money, percent: digits after the point */
    void *values;             /* uint8_t[rows] for bool, int64_t[rows] otherwise; 0 unless OK */
    uint8_t *states;          /* TENET_STATE_* per row */
} tenet_decision_column;

/* Evaluates `rows` cases on `threads` threads (1: the calling thread only; 0: one per core),
 * with the columnar evaluator of tenet/columns.hpp: the decisions it can compute block by block
 * are, the others row by row; the values are those of tenet_evaluate_json for the same cases.
 * The input arrays must not change during the call. Fills every output column. Returns TENET_OK; TENET_INPUT for a bad value (nothing evaluated);
 * TENET_RANGE when some value did not fit its output column (those cells are
 * TENET_STATE_INEXACT, the others are filled); TENET_MISUSE or TENET_NOTFOUND for a column that
 * does not match the ruleset; TENET_NOMEM. The context's error functions tell which. */
int tenet_evaluate_columns(tenet_context *context, size_t rows,
                           const tenet_fact_column *facts, int fact_count,
                           const tenet_decision_column *decisions, int decision_count,
                           int threads);

/* A list fact with its elements, in the Arrow layout: row r's elements are offsets[r] ..
 * offsets[r + 1] - 1 (rows + 1 offsets, from 0, never decreasing) of the field columns, each a
 * tenet_fact_column over all the rows' elements end to end, named by the record field ("date"),
 * or one column named "" for a list of scalars. An optional field may be left out (none in every
 * element) or marked absent per element with `present`; present == NULL: every row has its list.
 *   row 0: two payments, row 1: none      offsets {0, 2, 2}
 *   fields {"date", TENET_TYPE_DATE, 0, days}, {"amount", TENET_TYPE_MONEY, 2, cents}, ...
 * Elements are checked as facts are; a bad one fails the call with TENET_INPUT and
 * tenet_error_path() "$[ROW].history.diversion_payments[ELEMENT].amount". */
typedef struct tenet_list_column {
    const char *name;                  /* the list fact's path: "history.diversion_payments" */
    const int64_t *offsets;            /* rows + 1 */
    const tenet_fact_column *fields;   /* their `present` and arrays are per element */
    int field_count;
    const uint8_t *present;            /* 1: the row has the list, 0: absent; NULL: all present */
} tenet_list_column;

/* tenet_evaluate_columns with list facts given by their elements (a list fact may then not also
 * be among `facts`). The same results and return codes. A list column that none of the
 * requested decisions reads is left unread: its elements are neither checked nor decoded. */
int tenet_evaluate_columns_with_lists(tenet_context *context, size_t rows,
                                      const tenet_fact_column *facts, int fact_count,
                                      const tenet_list_column *lists, int list_count,
                                      const tenet_decision_column *decisions, int decision_count,
                                      int threads);

#ifdef __cplusplus
}
#endif

#endif /* TENET_H */
