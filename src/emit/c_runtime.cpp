// The runtime every emitted C file starts with: values in the layout of value/value.hpp, exact
// rationals with the checks of util/rational.hpp, dates as in util/date.hpp, and the slot (value,
// state, fault) of one node. Kept as C text so that a generated file needs no other header.
#include "emit/c_emitter.hpp"

namespace tenet::emit {

const char* c_types_text() {
    return R"C(#include <stddef.h>
#include <stdint.h>

/* 128-bit intermediates keep every rational operation exact (gcc and clang on 64-bit targets). */
__extension__ typedef __int128 tn_i128;
__extension__ typedef unsigned __int128 tn_u128;

/* The states of a value (tenet::eval::State) and the faults of an error (tenet::eval::Fault). */
enum { TN_OK = 0, TN_NONE = 1, TN_MISSING = 2, TN_ERROR = 3 };
enum {
    TN_F_NONE, TN_F_OVERFLOW, TN_F_DIVISION_BY_ZERO, TN_F_DATE_OUT_OF_RANGE, TN_F_FOREVER_ARITHMETIC,
    TN_F_MIXED_DURATIONS, TN_F_INVALID_DATE, TN_F_NO_TABLE_ROW, TN_F_SEVERAL_TABLE_ROWS,
    TN_F_UNDEFINED_PARAMETER, TN_F_TOO_DEEP, TN_F_TOO_MANY_STEPS
};

/* Not a fault of Tenet's: a value kept as whole cents (fixed point, see c_emitter.cpp) whose cents
 * do not fit 64 bits, though its fraction may. It never reaches a result: the case or row goes to
 * the interpreter (or, for a money decision that is such a value itself, the batch writes the
 * error the columns API writes for more cents than an int64 holds). */
#define TN_F_CENTS 255

#define TN_FOREVER INT32_MAX
#define TN_MIN_DATE (-62091)  /* 1800-01-01 */
#define TN_MAX_DATE 120529    /* 2299-12-31 */

typedef struct { int64_t num, den; } tn_rat;            /* den > 0; normalised (gcd(|num|, den) == 1) in results */
typedef struct { int64_t count; unsigned char months; } tn_dur;
typedef struct tn_cell tn_cell;
typedef struct { const tn_cell* items; uint32_t size; } tn_list;
typedef union {
    unsigned char b; int64_t i; tn_rat r; int32_t d; tn_dur dur; uint32_t e; const tn_cell* rec; tn_list list;
} tn_value;
struct tn_cell { tn_value v; uint8_t s; };
/* One computed node: its value when s is TN_OK; for TN_ERROR the fault and the node that failed. */
typedef struct { tn_value v; uint8_t s; uint8_t fault; uint32_t node; } tn_slot;

/* The states of a row of an output column: tenet::RowState of include/tenet/columns.hpp, and
 * TENET_STATE_INEXACT of tenet.h: a value not whole at the scale a host asked for (tenet_output's
 * scaled), or beyond int64 there. */
enum { TN_ROW_OK = 0, TN_ROW_ABSENT = 1, TN_ROW_UNRESOLVED = 2, TN_ROW_ERROR = 3, TN_ROW_INEXACT = 4 };

/* Per-thread scratch (opaque to hosts): the cells of the lists and records built for one case. */
typedef struct tenet_ctx tenet_ctx;
)C";
}

const char* c_runtime_text() {
    return R"C(#include <stdlib.h>
#include <string.h>

/* gcc's flow-based warnings at -O2 follow paths the generated code never takes: the results of a
 * strict program that stopped early (they are not read then), tn_cells' empty block for a record
 * or list that has cells. The emitter's tests check the code, on the evaluator's results.
 * gcc's straight-line vectoriser (SLP, on at -O2 since gcc 12) joins the two 8-byte halves of a
 * fraction just computed into one 16-byte load, which waits for the two stores to retire (a failed
 * store forward): a third slower on the stylised decision's batch. Loops still vectorise.
 * clang warns of the runtime's functions a ruleset does not use. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wstringop-overflow"
#pragma GCC optimize ("no-tree-slp-vectorize")
#endif
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wunused-function"
#endif

/* A period's program is one function, called for one case and inlined into the batch's loop over
 * rows where the compiler optimises (unoptimised builds of a big ruleset stay quick); so are the
 * arithmetic and column reads the batch's loop calls, which gcc would otherwise call. */
#if defined(__OPTIMIZE__)
#define TN_INLINE inline __attribute__((always_inline))
#else
#define TN_INLINE inline
#endif
/* The pieces of a large program (c_emitter.cpp, pieces()) stay functions of their own: a compiler
 * would inline a static function called once, making the one large function they are cut from. */
#if defined(__GNUC__)
#define TN_NOINLINE __attribute__((noinline))
#else
#define TN_NOINLINE
#endif

typedef struct tn_block { struct tn_block* next; size_t size; tn_cell cells[1]; } tn_block;
struct tenet_ctx { tn_block* first; tn_block* current; size_t used; uint64_t steps; int out_of_memory; void* frame; size_t frame_bytes; };

static inline void tn_reset(tenet_ctx* ctx) { ctx->current = ctx->first; ctx->used = 0; ctx->steps = 0; ctx->out_of_memory = 0; }
/* The frame of a program in pieces (c_emitter.cpp, pieces()), kept from call to call: every slot is
 * written before it is read, so nothing is set at a call (tests poison it, TN_FRAME_POISON, to
 * show that). NULL when out of memory. */
static inline void* tn_frame(tenet_ctx* ctx, size_t bytes) {
    if (ctx->frame_bytes < bytes) {
        void* f = calloc(1, bytes);
        if (!f) return NULL;
        free(ctx->frame);
        ctx->frame = f;
        ctx->frame_bytes = bytes;
    }
#if defined(TN_FRAME_POISON)
    memset(ctx->frame, 0xA5, bytes);
#endif
    return ctx->frame;
}
static inline tn_cell* tn_cells(tenet_ctx* ctx, size_t n) {
    static tn_cell none[1];
    if (n == 0) return none;
    while (!ctx->current || ctx->used + n > ctx->current->size) {
        if (ctx->current && ctx->current->next) { ctx->current = ctx->current->next; ctx->used = 0; continue; }
        size_t size = ctx->current ? ctx->current->size * 2 : 256;
        while (size < n) size *= 2;
        tn_block* b = (tn_block*)malloc(sizeof(tn_block) + size * sizeof(tn_cell));
        if (!b) { ctx->out_of_memory = 1; return none; }
        b->next = NULL; b->size = size;
        if (ctx->current) ctx->current->next = b; else ctx->first = b;
        ctx->current = b; ctx->used = 0;
    }
    tn_cell* p = ctx->current->cells + ctx->used;
    ctx->used += n;
    memset(p, 0, n * sizeof(tn_cell));
    return p;
}

/* o = x through the value's member m (a whole-slot copy keeps both slots in memory); TN_PASS for a
 * failed or absent x, whose value does not count */
#define TN_PASS(o, x) do { (o).s = (x).s; (o).fault = (x).fault; (o).node = (x).node; } while (0)
#define TN_COPY(o, x, m) do { (o).v.m = (x).v.m; TN_PASS(o, x); } while (0)
/* A failure of node n in slot x, recorded; a strict program (c_emitter.cpp) stops instead, and
 * stops too at a record's cell that is not Ok, which the full program reads as it is. */
#define TN_FAIL_RECORDED(x, f, n) do { (x).s = TN_ERROR; (x).fault = (uint8_t)(f); (x).node = (n); } while (0)
#define TN_FAIL_STOPS(x, f, n) do { (void)(f); return 2; } while (0)
#define TN_CELL_AS_IT_IS(s) ((void)0)
#define TN_CELL_OK_OR_STOP(s) do { if ((s) != TN_OK) return 2; } while (0)
#define TN_FAIL TN_FAIL_RECORDED
#define TN_CHECK_CELL TN_CELL_AS_IT_IS
/* the operand that decides a strict operation's failure: the first error, else the first other */
#define TN_WORST(w, x) do { if ((x).s != TN_OK && (!(w) || ((x).s == TN_ERROR && (w)->s != TN_ERROR))) (w) = &(x); } while (0)
/* the same where an absent value is no failure (records and lists built) */
#define TN_WORST_PRESENT(w, x) do { if (((x).s == TN_ERROR || (x).s == TN_MISSING) && (!(w) || ((x).s == TN_ERROR && (w)->s != TN_ERROR))) (w) = &(x); } while (0)

/* checked integers */
static inline int tn_iadd(int64_t a, int64_t b, int64_t* r) { return !__builtin_add_overflow(a, b, r); }
static inline int tn_isub(int64_t a, int64_t b, int64_t* r) { return !__builtin_sub_overflow(a, b, r); }
static inline int tn_imul(int64_t a, int64_t b, int64_t* r) { return !__builtin_mul_overflow(a, b, r); }
static inline int tn_icmp(int64_t a, int64_t b) { return (a > b) - (a < b); }

/* exact rationals, as util/rational.cpp */
static inline tn_u128 tn_abs128(tn_i128 v) { return v < 0 ? (tn_u128)(-(v + 1)) + 1 : (tn_u128)v; }
static inline uint64_t tn_gcd64(uint64_t a, uint64_t b) {
    int shift;
    if (a == 0) return b;
    if (b == 0) return a;
    shift = __builtin_ctzll(a | b);
    a >>= __builtin_ctzll(a);
    do {
        b >>= __builtin_ctzll(b);
        if (a > b) { uint64_t t = a; a = b; b = t; }
        b -= a;
    } while (b != 0);
    return a << shift;
}
static inline tn_u128 tn_gcd128(tn_u128 a, tn_u128 b) { while (b != 0) { tn_u128 t = a % b; a = b; b = t; } return a; }
static inline int tn_normalise(tn_i128 num, tn_i128 den, tn_rat* out) {
    tn_u128 mag, g;
    if (den == 0) return 0;
    if (den < 0) { num = -num; den = -den; }
    if (den == 1) {
        if (num > INT64_MAX || num < INT64_MIN) return 0;
        out->num = (int64_t)num; out->den = 1;
        return 1;
    }
    mag = tn_abs128(num);
    if (mag <= UINT64_MAX && (tn_u128)den <= UINT64_MAX) g = tn_gcd64((uint64_t)mag, (uint64_t)den);
    else g = tn_gcd128(mag, (tn_u128)den);
    if (g > 1) {
        /* 64-bit division where the parts fit: a 128-bit one is a slow library call */
        if (mag <= UINT64_MAX && (tn_u128)den <= UINT64_MAX) {
            uint64_t g64 = (uint64_t)g, m64 = (uint64_t)mag / g64;
            den = (tn_i128)((uint64_t)den / g64);
            num = num < 0 ? -(tn_i128)m64 : (tn_i128)m64;
        } else {
            num /= (tn_i128)g; den /= (tn_i128)g;
        }
    }
    if (num > INT64_MAX || num < INT64_MIN || den > INT64_MAX) return 0;
    out->num = (int64_t)num; out->den = (int64_t)den;
    return 1;
}
/* Lazy normalisation: an operation keeps num/den as computed when both fit in 64 bits (the value
 * is what counts: comparisons cross-multiply, and any representation of an exact value gives the
 * same results), and only reduces by the gcd when they do not. It fails exactly when the
 * normalised value does not fit, as util/rational.cpp's normalise does: a representation that fits
 * means the normalised one (no larger) fits too. Values are normalised where they leave the
 * generated code (tn_rat_norm: results, the cells of lists and records). */
static TN_INLINE int tn_fit(tn_i128 num, tn_i128 den, tn_rat* out) {
    if (den < 0) { num = -num; den = -den; }
    if (den != 0 && num >= INT64_MIN && num <= INT64_MAX && den <= INT64_MAX) {
        out->num = (int64_t)num; out->den = (int64_t)den;
        return 1;
    }
    return tn_normalise(num, den, out);
}
/* The same, out of line: the wide path of the operations below, taken where a product or sum
 * leaves 64 bits. Each of them first tries its 64-bit form with overflow checks (a handful of
 * instructions where the 128-bit checks take dozens); where that form fits, its num/den are
 * exactly what tn_fit would keep, so both paths give the same representation. */
#if defined(__GNUC__)
__attribute__((noinline, cold))
#endif
static int tn_fit_wide(tn_i128 num, tn_i128 den, tn_rat* out) { return tn_fit(num, den, out); }
#define TN_MUL64(a, b, r) (!__builtin_mul_overflow((int64_t)(a), (int64_t)(b), (r)))
static inline tn_rat tn_rat_norm(tn_rat x) {
    if (x.num == 0) x.den = 1;
    else if (x.den != 1) tn_normalise(x.num, x.den, &x);  /* the value fits: so does its normal form */
    return x;
}
static inline tn_value tn_value_norm(tn_value v) { v.r = tn_rat_norm(v.r); return v; }
static TN_INLINE int tn_radd(tn_rat a, tn_rat b, tn_rat* o) {
    int64_t x, y, n, d;
    if (a.den == b.den) {
        if (!__builtin_add_overflow(a.num, b.num, &n)) { o->num = n; o->den = a.den; return 1; }
        return tn_fit_wide((tn_i128)a.num + b.num, a.den, o);
    }
    if (TN_MUL64(a.num, b.den, &x) && TN_MUL64(b.num, a.den, &y) && !__builtin_add_overflow(x, y, &n) &&
        TN_MUL64(a.den, b.den, &d)) { o->num = n; o->den = d; return 1; }
    return tn_fit_wide((tn_i128)a.num * b.den + (tn_i128)b.num * a.den, (tn_i128)a.den * b.den, o);
}
static TN_INLINE int tn_rsub(tn_rat a, tn_rat b, tn_rat* o) {
    int64_t x, y, n, d;
    if (a.den == b.den) {
        if (!__builtin_sub_overflow(a.num, b.num, &n)) { o->num = n; o->den = a.den; return 1; }
        return tn_fit_wide((tn_i128)a.num - b.num, a.den, o);
    }
    if (TN_MUL64(a.num, b.den, &x) && TN_MUL64(b.num, a.den, &y) && !__builtin_sub_overflow(x, y, &n) &&
        TN_MUL64(a.den, b.den, &d)) { o->num = n; o->den = d; return 1; }
    return tn_fit_wide((tn_i128)a.num * b.den - (tn_i128)b.num * a.den, (tn_i128)a.den * b.den, o);
}
static TN_INLINE int tn_rmul(tn_rat a, tn_rat b, tn_rat* o) {
    int64_t n, d;
    if (TN_MUL64(a.num, b.num, &n) && TN_MUL64(a.den, b.den, &d)) { o->num = n; o->den = d; return 1; }
    return tn_fit_wide((tn_i128)a.num * b.num, (tn_i128)a.den * b.den, o);
}
static inline int tn_rdiv(tn_rat a, tn_rat b, tn_rat* o) {
    if (b.num == 0) return 0;
    return tn_fit((tn_i128)a.num * b.den, (tn_i128)a.den * b.num, o);
}
/* -INT64_MIN does not fit, but the normal form of an unreduced INT64_MIN/den may have a smaller numerator */
static inline int tn_rneg(tn_rat a, tn_rat* o) {
    if (a.num == INT64_MIN) a = tn_rat_norm(a);
    if (a.num == INT64_MIN) return 0;
    o->num = -a.num; o->den = a.den;
    return 1;
}
static TN_INLINE int tn_rcmp(tn_rat a, tn_rat b) {
    tn_i128 l, r;
    int64_t x, y;
    if (a.den == b.den) return (a.num > b.num) - (a.num < b.num);
    if (TN_MUL64(a.num, b.den, &x) && TN_MUL64(b.num, a.den, &y)) return (x > y) - (x < y);
    l = (tn_i128)a.num * b.den; r = (tn_i128)b.num * a.den;
    return (l > r) - (l < r);
}
static inline tn_rat tn_rat_of(int64_t n, int64_t d) { tn_rat r; r.num = n; r.den = d; return r; }
/* a value kept as whole cents, as the exact fraction every other operation takes */
static inline tn_value tn_cv(int64_t cents) { tn_value v; v.r.num = cents; v.r.den = 100; return v; }
/* ... and in normal form: over the largest divisor of 100 that divides the cents (their gcd),
 * tried from the largest down; divisions by constants, which the compiler makes multiplications */
static inline tn_rat tn_cents_norm(int64_t c) {
    if (c % 100 == 0) return tn_rat_of(c / 100, 1);
    if (c % 50 == 0) return tn_rat_of(c / 50, 2);
    if (c % 25 == 0) return tn_rat_of(c / 25, 4);
    if (c % 20 == 0) return tn_rat_of(c / 20, 5);
    if (c % 10 == 0) return tn_rat_of(c / 10, 10);
    if (c % 5 == 0) return tn_rat_of(c / 5, 20);
    if (c % 4 == 0) return tn_rat_of(c / 4, 25);
    if (c % 2 == 0) return tn_rat_of(c / 2, 50);
    return tn_rat_of(c, 100);
}
enum { TN_DOWN, TN_UP, TN_HALF_UP, TN_HALF_EVEN };
static inline tn_i128 tn_round_div(tn_i128 num, tn_i128 den, int mode) {
    tn_i128 q, r, twice;
    int negative = num < 0;
    if (num >= INT64_MIN && num <= INT64_MAX && den <= INT64_MAX) {   /* 64-bit division where it fits */
        q = (int64_t)num / (int64_t)den; r = (int64_t)num % (int64_t)den;
    } else {
        q = num / den; r = num % den;
    }
    if (r == 0) return q;
    switch (mode) {
        case TN_DOWN: return negative ? q - 1 : q;
        case TN_UP: return negative ? q : q + 1;
        default:
            twice = (r < 0 ? -r : r) * 2;
            if (twice > den || (twice == den && (mode == TN_HALF_UP || (q % 2 != 0)))) return negative ? q - 1 : q + 1;
            return q;
    }
}
/* x rounded to whole cents by mode: round(x * 100) (util/rational.cpp); 0 when they do not fit
 * 64 bits. The 64-bit form where x * 100 fits, inline; the 128-bit one out of line. */
#if defined(__GNUC__)
__attribute__((noinline, cold))
#endif
static int tn_round_cents_wide(tn_rat x, int mode, int64_t* out) {
    tn_i128 q = tn_round_div((tn_i128)x.num * 100, x.den, mode);
    if (q > INT64_MAX || q < INT64_MIN) return 0;
    *out = (int64_t)q;
    return 1;
}
static TN_INLINE int tn_round_cents(tn_rat x, int mode, int64_t* out) {
    int64_t n, q, r, rest;
    if (!TN_MUL64(x.num, 100, &n)) return tn_round_cents_wide(x, mode, out);
    q = n / x.den; r = n % x.den;
    if (r != 0) {
        switch (mode) {
            case TN_DOWN: q -= n < 0; break;
            case TN_UP: q += n > 0; break;
            default:
                /* |r| against den - |r|: tn_round_div's 2|r| against den, without doubling */
                rest = r < 0 ? -r : r;
                if (rest > x.den - rest || (rest == x.den - rest && (mode == TN_HALF_UP || q % 2 != 0))) q += n < 0 ? -1 : 1;
                break;
        }
    }
    *out = q;
    return 1;
}
static inline int tn_round_places(tn_rat x, int places, int mode, tn_rat* out) {
    tn_i128 scale = 1;
    int i;
    if (places > 18 || places < -18) return 0;
    for (i = 0; i < (places < 0 ? -places : places); ++i) scale *= 10;
    if (places >= 0) {
        /* already a multiple of 10^-places: x itself (as util/rational.cpp), or the same value as
         * round_div's exact quotient over 10^places, which saves a division */
        if (x.den == 1 || x.den == scale) { *out = x; return 1; }
        return tn_fit(tn_round_div((tn_i128)x.num * scale, x.den, mode), scale, out);
    }
    return tn_fit(tn_round_div(x.num, (tn_i128)x.den * scale, mode) * scale, 1, out);
}

/* durations */
static inline int tn_dcmp(tn_dur a, tn_dur b, int* mixed) {
    if (a.months != b.months && a.count != 0 && b.count != 0) { *mixed = 1; return 0; }
    return (a.count > b.count) - (a.count < b.count);
}
static inline tn_dur tn_dur_of(int64_t count, int months) { tn_dur d; d.count = count; d.months = (unsigned char)months; return d; }

/* dates: days since 1970-01-01 (Howard Hinnant's algorithms, as util/date.cpp) */
static inline int64_t tn_days_from_civil(int64_t y, int64_t m, int64_t d) {
    int64_t era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}
static inline void tn_civil(int64_t z, int* y, int* m, int* d) {
    int64_t era, doe, yoe, doy, mp;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}
static inline int tn_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
static inline int tn_days_in_month(int64_t y, int64_t m) {
    static const int k[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && tn_leap(y) ? 29 : k[m - 1];
}
static inline int tn_make_date(int64_t y, int64_t m, int64_t d, int32_t* out) {
    if (y < 1800 || y > 2299 || m < 1 || m > 12 || d < 1) return 0;
    if (d > tn_days_in_month(y, m)) return 0;
    *out = (int32_t)tn_days_from_civil(y, m, d);
    return 1;
}
static inline int tn_add_days(int32_t d, int64_t days, int32_t* out) {
    int64_t r;
    if (d == TN_FOREVER) { *out = d; return 1; }
    if (days > 1000000 || days < -1000000) return 0;
    r = (int64_t)d + days;
    if (r < TN_MIN_DATE || r > TN_MAX_DATE) return 0;
    *out = (int32_t)r;
    return 1;
}
static inline int tn_add_months(int32_t d, int64_t months, int32_t* out) {
    int y, m, day, last;
    int64_t index, ny, nm, nd;
    if (d == TN_FOREVER) { *out = d; return 1; }
    if (months > 100000 || months < -100000) return 0;
    tn_civil(d, &y, &m, &day);
    index = (int64_t)y * 12 + (m - 1) + months;
    ny = index >= 0 ? index / 12 : (index - 11) / 12;
    nm = index - ny * 12 + 1;
    if (ny < 1800 || ny > 2299) return 0;
    nd = day;
    last = tn_days_in_month(ny, nm);
    if (nd > last) nd = last;
    *out = (int32_t)tn_days_from_civil(ny, nm, nd);
    return 1;
}
static inline int64_t tn_months_between(int32_t a, int32_t b) {
    int ya, ma, da, yb, mb, db;
    int64_t n;
    int32_t probe;
    tn_civil(a, &ya, &ma, &da);
    tn_civil(b, &yb, &mb, &db);
    n = ((int64_t)yb - ya) * 12 + (mb - ma);
    if (b >= a) {
        while (n > 0 && (!tn_add_months(a, n, &probe) || probe > b)) --n;
        while (tn_add_months(a, n + 1, &probe) && probe <= b) ++n;
    } else {
        while (n < 0 && (!tn_add_months(a, n, &probe) || probe < b)) ++n;
        while (tn_add_months(a, n - 1, &probe) && probe >= b) --n;
    }
    return n;
}
/* date +/- duration: the fault, or TN_F_NONE */
static inline int tn_shift(int32_t d, tn_dur dur, int subtract, int32_t* out) {
    int64_t count = dur.count;
    if (subtract) { if (count == INT64_MIN) return TN_F_OVERFLOW; count = -count; }
    if (d == TN_FOREVER) { *out = d; return TN_F_NONE; }
    if (dur.months) return tn_add_months(d, count, out) ? TN_F_NONE : TN_F_DATE_OUT_OF_RANGE;
    return tn_add_days(d, count, out) ? TN_F_NONE : TN_F_DATE_OUT_OF_RANGE;
}
/* 0 year, 1 month, 2 day, 3 federal fiscal year, 4 state fiscal year */
static inline int tn_date_part(int32_t d, int part) {
    int y, m, day;
    tn_civil(d, &y, &m, &day);
    switch (part) {
        case 0: return y;
        case 1: return m;
        case 2: return day;
        case 3: return m >= 10 ? y + 1 : y;
        default: return m >= 7 ? y + 1 : y;
    }
}
static inline int32_t tn_first_of_month(int32_t d) { int y, m, day; tn_civil(d, &y, &m, &day); return (int32_t)tn_days_from_civil(y, m, 1); }
static inline int32_t tn_last_of_month(int32_t d) { int y, m, day; tn_civil(d, &y, &m, &day); return (int32_t)tn_days_from_civil(y, m, tn_days_in_month(y, m)); }
/* The sanction ladder's walk (src/eval/ladder.hpp, LANGUAGE.md §8) over at most a few thousand
 * episodes (longer lists go to the interpreter): the span the level on as_of comes from. */
typedef struct { tn_dur length, at_most; int has_length, has_at_most, until_cured; } tn_level;
typedef struct { uint32_t episode; int level; int32_t first, last; } tn_span;
typedef struct { int32_t start; uint32_t index; } tn_episode_start;
static inline int tn_by_start(const void* x, const void* y) {
    const tn_episode_start *a = (const tn_episode_start*)x, *b = (const tn_episode_start*)y;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}
static inline void* tn_scratch(tenet_ctx* ctx, size_t bytes) { return tn_cells(ctx, bytes / sizeof(tn_cell) + 1); }
/* the last day of a level from `first` lasting `len` (first - 1 without one); 0 past the calendar */
static inline int tn_level_last(int32_t first, int has, tn_dur len, int32_t* last) {
    int32_t end = 0;
    int ok;
    if (!has) { *last = first - 1; return 1; }
    ok = len.months ? tn_add_months(first, len.count, &end) : tn_add_days(first, len.count, &end);
    *last = end - 1;
    return ok;
}
static inline int tn_ladder(tenet_ctx* ctx, tn_list list, uint32_t start_field, uint32_t cure_field, int32_t as_of,
                            const tn_level* levels, int top, int carry_highest, const tn_span** current) {
    tn_episode_start* order = (tn_episode_start*)tn_scratch(ctx, (list.size + 1) * sizeof(tn_episode_start));
    tn_span* spans = (tn_span*)tn_scratch(ctx, ((size_t)list.size * (size_t)top + 1) * sizeof(tn_span));
    size_t n = 0, count = 0, k, e;
    uint32_t i;
    if (ctx->out_of_memory) return TN_F_NONE;
    for (i = 0; i < list.size; ++i) {
        int32_t start = list.items[i].v.rec[start_field].v.d;
        if (start <= as_of) { order[n].start = start; order[n].index = i; ++n; }
    }
    qsort(order, n, sizeof *order, tn_by_start);
    for (e = 0; e < n; ++e) {
        const tn_cell* rec = list.items[order[e].index].v.rec;
        int32_t start = order[e].start, first = start, cure;
        int cured = rec[cure_field].s == TN_OK, level = 1;
        size_t before = count;
        cure = cured ? rec[cure_field].v.d : TN_FOREVER;
        if (carry_highest) {
            int highest = 0;
            for (k = 0; k < before; ++k) if (spans[k].first < start && spans[k].level > highest) highest = spans[k].level;
            level = highest + 1 < top ? highest + 1 : top;
        }
        for (;;) {
            const tn_level* spec = &levels[level - 1];
            int32_t last;
            if (!tn_level_last(first, spec->has_length, spec->length, &last)) return TN_F_DATE_OUT_OF_RANGE;
            if (spec->until_cured) {
                int32_t longest = TN_FOREVER, until;
                if (spec->has_at_most && !tn_level_last(first, 1, spec->at_most, &longest)) return TN_F_DATE_OUT_OF_RANGE;
                until = cured ? (last > cure - 1 ? last : cure - 1) : TN_FOREVER;
                last = longest < until ? longest : until;
                spans[count].episode = order[e].index; spans[count].level = level; spans[count].first = first; spans[count].last = last; ++count;
                if (longest == TN_FOREVER || level == top || (cured && cure <= longest)) break;
            } else {
                spans[count].episode = order[e].index; spans[count].level = level; spans[count].first = first; spans[count].last = last; ++count;
                if (level == top || (cured && cure <= last)) break;
            }
            first = last + 1;
            ++level;
        }
    }
    *current = 0;
    for (k = 0; k < count; ++k) {
        if (spans[k].first <= as_of && as_of <= spans[k].last && (!*current || spans[k].level >= (*current)->level)) *current = &spans[k];
    }
    return TN_F_NONE;
}

/* The state of a row of an output column (tenet::RowState): a parameter without a value leaves the
 * decision unresolved, as a missing fact does. */
static inline uint8_t tn_row_state(uint8_t s, uint8_t fault) {
    switch (s) {
        case TN_OK: return TN_ROW_OK;
        case TN_NONE: return TN_ROW_ABSENT;
        case TN_MISSING: return TN_ROW_UNRESOLVED;
        default: return fault == TN_F_UNDEFINED_PARAMETER ? TN_ROW_UNRESOLVED : TN_ROW_ERROR;
    }
}
/* money as whole cents; 0 when it is not a whole number of cents or more cents than an int64 holds
   (src/api/columns.cpp: an error) */
static inline int tn_cents(tn_rat x, int64_t* out) {
    tn_i128 hundred;
    /* the divisors of 100 without a division */
    switch (x.den) {
        case 100: *out = x.num; return 1;
        case 1: return tn_imul(x.num, 100, out);
        case 2: return tn_imul(x.num, 50, out);
        case 4: return tn_imul(x.num, 25, out);
        case 5: return tn_imul(x.num, 20, out);
        case 10: return tn_imul(x.num, 10, out);
        case 20: return tn_imul(x.num, 5, out);
        case 25: return tn_imul(x.num, 4, out);
        case 50: return tn_imul(x.num, 2, out);
        default: break;
    }
    if (x.den <= 0) return 0;
    hundred = (tn_i128)x.num * 100;
    if (hundred % x.den != 0 || hundred / x.den > INT64_MAX || hundred / x.den < INT64_MIN) return 0;
    *out = (int64_t)(hundred / x.den);
    return 1;
}

/* a column's integer over 10^scale as whole cents; 0 when it is not or they do not fit */
static inline int tn_scaled_cents(int64_t v, int32_t scale, int64_t* out) {
    int64_t d = 1;
    if (scale <= 2) return tn_imul(v, scale == 2 ? 1 : scale == 1 ? 10 : 100, out);
    while (scale-- > 2) d *= 10;  /* scale <= 18: the batch checked it */
    if (v % d != 0) return 0;
    *out = v / d;
    return 1;
}

/* x (a percent: in points) as a count of 10^-scale, exactly; 0 where it is not whole there, does
 * not fit an int64 or the scale is not 0 to 18 (tenet_output's scaled, as tenet.h's columns) */
static inline int tn_scaled_out(tn_rat x, int32_t scale, int points, int64_t* out) {
    tn_i128 n = x.num;
    int32_t k;
    if (scale < 0 || scale > 18 || x.den <= 0) return 0;
    for (k = 0; k < scale + (points ? 2 : 0); ++k) {
        if (__builtin_mul_overflow(n, (tn_i128)10, &n)) return 0;
    }
    if (n % x.den != 0) return 0;
    n /= x.den;
    if (n > INT64_MAX || n < INT64_MIN) return 0;
    *out = (int64_t)n;
    return 1;
}

/* Element i of a column of `width`-byte signed integers (0 is 8); its smallest value marks an
 * absent date. The batch checks the width once (tn_width_ok) and the branch is predicted. */
static inline int tn_width_ok(int32_t width) { return width == 0 || width == 1 || width == 2 || width == 4 || width == 8; }
static TN_INLINE int64_t tn_col(const void* values, int32_t width, size_t i) {
    switch (width) {
        case 1: return ((const int8_t*)values)[i];
        case 2: return ((const int16_t*)values)[i];
        case 4: return ((const int32_t*)values)[i];
        default: return ((const int64_t*)values)[i];
    }
}
/* Rows [first, first + n) of a column as int64s, for a block of the dense batch: one switch on the
 * width a block, then a plain loop, where tn_col branches on it for each value it reads; a column
 * of int64s is read where it is. */
#define TN_BLOCK 128
/* ... and 512 where a loop widens at most 32 columns (c_emitter.cpp): its buffers take no more of
 * the stack than 128-row blocks of a hundred columns do, and the stylised batch (12 columns) runs
 * about a tenth faster in blocks of 512 rows */
#define TN_WIDE_BLOCK 512
/* (a whole block's loop has a constant count, which gcc's -O2 vectorises) */
#define TN_WIDEN(T) do { const T* v = (const T*)values + first; \
    if (n == TN_BLOCK) { for (k = 0; k < TN_BLOCK; ++k) out[k] = v[k]; } \
    else if (n == TN_WIDE_BLOCK) { for (k = 0; k < TN_WIDE_BLOCK; ++k) out[k] = v[k]; } else { for (k = 0; k < n; ++k) out[k] = v[k]; } \
    return out; } while (0)
static TN_INLINE const int64_t* tn_widen(const void* values, int32_t width, size_t first, size_t n, int64_t* out) {
    size_t k;
    switch (width) {
        case 1: TN_WIDEN(int8_t);
        case 2: TN_WIDEN(int16_t);
        case 4: TN_WIDEN(int32_t);
        default: return (const int64_t*)values + first;
    }
}
/* The first row from j whose day (an as_of column of this width, every row given) is outside
 * [from, to], or rows: eight rows at a time, which the compiler makes a few vector compares, then
 * one at a time; tn_col's switch on the width would be made for every row. */
#define TN_RUN_END(T) do { const T* d_ = (const T*)values; \
    while (j + 8 <= rows) { int in_ = 1; size_t q_; \
        for (q_ = 0; q_ < 8; ++q_) in_ &= (d_[j + q_] >= from) & (d_[j + q_] <= to); \
        if (!in_) break; \
        j += 8; \
    } \
    while (j < rows && d_[j] >= from && d_[j] <= to) ++j; \
    return j; } while (0)
static inline size_t tn_run_end(const void* values, int32_t width, size_t j, size_t rows, int64_t from, int64_t to) {
    switch (width) {
        case 1: TN_RUN_END(int8_t);
        case 2: TN_RUN_END(int16_t);
        case 4: TN_RUN_END(int32_t);
        default: TN_RUN_END(int64_t);
    }
}
/* Whether any of n flags is set (the fast path's rows that go the slow way). */
static inline int tn_any(const uint8_t* flags, size_t n) {
    size_t k;
    uint8_t any = 0;
    for (k = 0; k < n; ++k) any |= flags[k];
    return any != 0;
}
static inline int64_t tn_col_none(int32_t width) {
    return width == 1 ? INT8_MIN : width == 2 ? INT16_MIN : width == 4 ? INT32_MIN : INT64_MIN;
}

/* The dense batch's fast path (c_fast_rows.cpp): a block of rows in int64s, every branch a select,
 * in a function gcc vectorises with its full cost model (at -O2 it vectorises only loops that need
 * no widening, and the block's facts are narrower than its int64s). Its helpers are macros: a
 * function compiled under other options would not be inlined into it. */
/* It is on wherever the file is compiled: computed in passes of selects it is faster than the row
 * loop's branches at every target measured, vectors or not (the stylised decision, 1,000,000 random
 * rows: gcc 25 ns a row against 32 for the x86-64 baseline, 19-25 against 31-41 with AVX2, 9-10
 * against 32-37 with AVX-512; clang 23, 13 and 7 against 35-46). A host sets TN_FAST_PATH to 0 to
 * leave it out. */
#if !defined(TN_FAST_PATH)
#define TN_FAST_PATH 1
#endif
#if defined(__GNUC__)
#define TN_RESTRICT __restrict__
#else
#define TN_RESTRICT
#endif
#if defined(__GNUC__) && !defined(__clang__)
#define TN_FAST_BEGIN _Pragma("GCC push_options") _Pragma("GCC optimize (\"vect-cost-model=dynamic\")")
#define TN_FAST_END _Pragma("GCC pop_options")
#else
#define TN_FAST_BEGIN
#define TN_FAST_END
#endif
/* c ? a : b for c 0 or 1 */
#define TN_PICK(c, a, b) ((int64_t)(b) ^ (((int64_t)(a) ^ (int64_t)(b)) & -(int64_t)(c)))
/* whether 5 divides x, and x / 5 where it does: by 5's inverse modulo 2^64, which the vector
 * unit multiplies where it cannot divide */
#define TN_DIVIDES5(x) \
    ((uint64_t)TN_PICK((x) < 0, (int64_t)((uint64_t)0 - (uint64_t)(x)), (x)) * UINT64_C(0xCCCCCCCCCCCCCCCD) <= \
     UINT64_C(0x3333333333333333))
#define TN_BY5(x) ((int64_t)((uint64_t)(x) * UINT64_C(0xCCCCCCCCCCCCCCCD)))
/* q = v / d (d > 0, truncated), v within 2^52 (the fast path's rows beyond it take the slow way):
 * where the vector unit converts int64s to doubles, through the double quotient, off by one at
 * most, then corrected; elsewhere the division, which the compiler makes a multiplication */
#if defined(__AVX512DQ__)
#define TN_FX_DIV(q, v, d) do { int64_t r_; (q) = (int64_t)((double)(v) / (double)(d)); r_ = (v) - (q) * (d); \
    (q) += (r_ >= (d)) - (r_ <= -(d)); r_ = (v) - (q) * (d); (q) += (((v) < 0) & (r_ > 0)) - (((v) > 0) & (r_ < 0)); } while (0)
#else
#define TN_FX_DIV(q, v, d) do { (q) = (v) / (d); } while (0)
#endif

/* floor/ceil of a number (points: times 100 first, for a percent read in points) */
static inline int tn_floor_ceil(tn_rat x, int points, int ceil, int64_t* out) {
    tn_i128 num = (tn_i128)x.num * (points ? 100 : 1), den = x.den, q = num / den;
    int inexact = num % den != 0;
    if (inexact && !ceil && num < 0) q -= 1;
    if (inexact && ceil && num > 0) q += 1;
    if (q > INT64_MAX || q < INT64_MIN) return 0;
    *out = (int64_t)q;
    return 1;
}
)C";
}

}  // namespace tenet::emit
