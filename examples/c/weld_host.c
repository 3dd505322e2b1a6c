/* A host program in C: compiles the Weld County ruleset, evaluates one case from a JSON file, prints
 * a few decisions and the explanation of the adjusted grant, then the same family at four
 * incomes as a batch of columns.
 *
 * Usage: weld_host RULESET CASE.json */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tenet/tenet.h"

static char *slurp(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    if (fseek(f, 0, SEEK_END) != 0) {
        fclose(f);
        return NULL;
    }
    long size = ftell(f);
    rewind(f);
    char *text = size >= 0 ? malloc((size_t)size + 1) : NULL;
    if (text && fread(text, 1, (size_t)size, f) != (size_t)size) {
        free(text);
        text = NULL;
    }
    fclose(f);
    if (text) text[size] = '\0';
    return text;
}

/* Prints one decision of the last evaluation, or why there is none: absent, unresolved (the
 * missing facts, or a parameter without a value on the case's day) or failed (the message). */
static void show(tenet_context *ctx, const char *name) {
    switch (tenet_decision_state(ctx, name)) {
        case TENET_STATE_OK: printf("  %-28s %s\n", name, tenet_decision_json(ctx, name)); break;
        case TENET_STATE_ABSENT: printf("  %-28s (absent)\n", name); break;
        case TENET_STATE_UNRESOLVED:
            printf("  %-28s (unresolved: %s)\n", name, tenet_decision_message(ctx, name));
            break;
        case TENET_STATE_ERROR: printf("  %-28s (failed: %s)\n", name, tenet_decision_message(ctx, name)); break;
        default: printf("  %-28s (not evaluated)\n", name); break;
    }
}

/* The same family at several incomes: eligibility and child care as typed columns, no JSON. */
static int income_batch(tenet_context *ctx, const tenet_ruleset *rules) {
    enum { ROWS = 4 };
    int64_t as_of[ROWS], size[ROWS], income[ROWS] = {90000, 175000, 179300, 179301}; /* cents */
    int64_t family[ROWS], child_age[ROWS], days[ROWS], provider[ROWS], care[ROWS];
    for (int r = 0; r < ROWS; ++r) {
        as_of[r] = 10743; /* 1999-06-01 */
        size[r] = 3;
        family[r] = 0; /* the index of single_parent in FamilyType */
        child_age[r] = 30;
        days[r] = 20;
        provider[r] = 0; /* licensed_center */
        care[r] = 0;     /* regular */
    }
    int provider_fact = tenet_fact_index(rules, "child_care.provider");
    printf("batch: provider 0 is %s\n", tenet_fact_enum_name(rules, provider_fact, 0));
    tenet_fact_column facts[] = {
        {"as_of", TENET_TYPE_DATE, 0, as_of, NULL},
        {"household.size", TENET_TYPE_INT, 0, size, NULL},
        {"household.family_type", TENET_TYPE_ENUM, 0, family, NULL},
        {"household.monthly_gross_income", TENET_TYPE_MONEY, 2, income, NULL},
        {"child_care.child_age_months", TENET_TYPE_INT, 0, child_age, NULL},
        {"child_care.provider", TENET_TYPE_ENUM, 0, provider, NULL},
        {"child_care.care", TENET_TYPE_ENUM, 0, care, NULL},
        {"child_care.days", TENET_TYPE_INT, 0, days, NULL},
    };
    uint8_t eligible[ROWS], eligible_state[ROWS], cost_state[ROWS];
    int64_t cost[ROWS];
    tenet_decision_column decisions[] = {
        {"child_care_eligible", TENET_TYPE_BOOL, 0, eligible, eligible_state},
        {"child_care_monthly_cost", TENET_TYPE_MONEY, 2, cost, cost_state},
    };
    int rc = tenet_evaluate_columns(ctx, ROWS, facts, (int)(sizeof facts / sizeof facts[0]), decisions, 2, 2);
    if (rc != TENET_OK) {
        fprintf(stderr, "batch: %s (%s)\n", tenet_errmsg(ctx), tenet_errstr(rc));
        return 1;
    }
    for (int r = 0; r < ROWS; ++r) {
        printf("  income %7lld.%02lld  child_care_eligible %-5s  monthly cost ", (long long)(income[r] / 100),
               (long long)(income[r] % 100),
               eligible_state[r] == TENET_STATE_OK ? (eligible[r] ? "true" : "false") : "?");
        if (cost_state[r] == TENET_STATE_OK)
            printf("%lld.%02lld\n", (long long)(cost[r] / 100), (long long)(cost[r] % 100));
        else printf("(state %d)\n", cost_state[r]);
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s RULESET CASE.json\n", argv[0]);
        return 2;
    }
    printf("Tenet %s (header %s)\n", tenet_libversion(), TENET_VERSION);
    if (tenet_libversion_number() != TENET_VERSION_NUMBER) {
        fprintf(stderr, "linked against Tenet %d, compiled for %d\n", tenet_libversion_number(), TENET_VERSION_NUMBER);
        return 2;
    }
    tenet_ruleset *rules = NULL;
    int rc = tenet_compile_file(argv[1], TENET_COMPILE_NO_WARNINGS, &rules);
    if (rc != TENET_OK) {
        fprintf(stderr, "%s", rules ? tenet_ruleset_errmsg(rules) : tenet_errstr(rc));
        tenet_ruleset_free(rules);
        return 2;
    }
    char *json = slurp(argv[2]);
    if (!json) {
        fprintf(stderr, "%s: cannot read\n", argv[2]);
        tenet_ruleset_free(rules);
        return 2;
    }
    tenet_context *ctx = NULL;
    int status = 2;
    if (tenet_context_new(rules, &ctx) != TENET_OK) goto done;

    const char *result;
    rc = tenet_evaluate_json(ctx, json, -1, 0, NULL, 0, &result, NULL);
    if (rc != TENET_OK) {
        const char *where = tenet_error_path(ctx);
        fprintf(stderr, "%s: %s%s%s\n", argv[2], where ? where : "", where ? ": " : "", tenet_errmsg(ctx));
        goto done;
    }
    printf("%s, case %s:\n", tenet_ruleset_name(rules), argv[2]);
    const char *shown[] = {"eligible",
                           "adjusted_grant",
                           "sanction_level",
                           "required_weekly_hours",
                           "meets_required_hours",
                           "work_exempt",
                           "work_activity_monthly_hours",
                           "child_care_income_limit",
                           "child_care_monthly_cost"};
    for (size_t i = 0; i < sizeof shown / sizeof shown[0]; ++i) show(ctx, shown[i]);

    const char *only[] = {"adjusted_grant"};
    const char *explanation;
    if (tenet_evaluate_json(ctx, json, -1, 0, only, 1, &result, NULL) != TENET_OK ||
        tenet_explanation_json(ctx, &explanation, NULL) != TENET_OK) {
        fprintf(stderr, "explanation: %s\n", tenet_errmsg(ctx));
        goto done;
    }
    printf("why adjusted_grant: %s\n", explanation);
    status = income_batch(ctx, rules);

done:
    tenet_context_free(ctx);
    tenet_ruleset_free(rules);
    free(json);
    return status;
}
