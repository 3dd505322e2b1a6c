/* A host program in plain C that links the C of `tenet compile --emit c` for the stylised
 * decision (bench/peers/colorado_works_weld.tenet) and prints three decisions of hand case A
 * (docs/COMPILED.md). Built by tests/cli/compile_test.sh:
 *   tenet compile colorado_works_weld.tenet --emit c -o rules.c
 *   cc -std=c99 -Wall -Werror -O2 -c rules.c && cc -std=c99 -Wall -Werror host.c rules.o  */
#include <stdio.h>

#define TENET_DECLARATIONS_ONLY
#include "rules.c"

static int fact(const char* path) {
    int f;
    for (f = 0; f < TENET_FACTS; ++f) {
        const char *a = tenet_fact_paths[f], *b = path;
        while (*a && *a == *b) ++a, ++b;
        if (*a == *b) return f;
    }
    return -1;
}

static void set_int(tn_value* v, uint8_t* s, const char* path, int64_t x) {
    v[fact(path)].i = x;
    s[fact(path)] = TN_OK;
}
static void set_money(tn_value* v, uint8_t* s, const char* path, int64_t cents) {
    int f = fact(path);
    tn_value x;
    x.r.num = cents;
    x.r.den = 100;
    while (x.r.num % 2 == 0 && x.r.den % 2 == 0) {
        x.r.num /= 2;
        x.r.den /= 2;
    }
    while (x.r.num % 5 == 0 && x.r.den % 5 == 0) {
        x.r.num /= 5;
        x.r.den /= 5;
    }
    v[f] = x;
    s[f] = TN_OK;
}

int main(void) {
    tn_value v[TENET_FACTS];
    uint8_t s[TENET_FACTS];
    tenet_result grant, hours, level;
    tenet_ctx* ctx = tenet_ctx_new();
    int f;
    for (f = 0; f < TENET_FACTS; ++f) {
        v[f].i = 0;
        s[f] = TN_MISSING;
    }
    v[0].d = 10957;
    s[0] = TN_OK; /* as_of 2000-01-01 */
    set_int(v, s, "h.sanction_count_prior", 0);
    set_int(v, s, "h.months_in_current_sanction", 1);
    v[fact("h.cured")].b = 0;
    s[fact("h.cured")] = TN_OK;
    set_money(v, s, "h.monthly_grant", 40000);
    v[fact("h.has_good_cause_exemption")].b = 0;
    s[fact("h.has_good_cause_exemption")] = TN_OK;
    v[fact("h.exemption_reason")].e = 6;
    s[fact("h.exemption_reason")] = TN_OK; /* no_reason */
    v[fact("h.family_type")].e = 0;
    s[fact("h.family_type")] = TN_OK; /* single_parent */
    set_int(v, s, "h.fiscal_year", 1999);
    v[fact("h.weekly_hours_participated")].r.num = 20;
    v[fact("h.weekly_hours_participated")].r.den = 1;
    s[fact("h.weekly_hours_participated")] = TN_OK;
    set_money(v, s, "h.diversion_paid_last_12_months", 0);
    set_money(v, s, "h.diversion_request", 25000);
    v[fact("h.diversion_item")].e = 1;
    s[fact("h.diversion_item")] = TN_OK; /* tools */
    if (tenet_decide_adjusted_grant(ctx, v, s, &grant) || tenet_decide_required_weekly_hours(ctx, v, s, &hours) ||
        tenet_decide_sanction_level(ctx, v, s, &level)) {
        printf("left to the interpreter\n");
        return 1;
    }
    printf("adjusted_grant %lld/%lld\n", (long long)grant.v.r.num, (long long)grant.v.r.den);
    printf("required_weekly_hours %lld\n", (long long)hours.v.i);
    printf("sanction_level %u\n", (unsigned)level.v.e);
    s[fact("h.monthly_grant")] = TN_MISSING;
    tenet_decide_adjusted_grant(ctx, v, s, &grant);
    printf("adjusted_grant without the grant: state %d\n", grant.s);
    tenet_ctx_free(ctx);
    return 0;
}
