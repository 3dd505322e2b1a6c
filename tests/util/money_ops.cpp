// Prints N random money operations computed with util::Rational, one per line, for
// money_vs_decimal.py to recompute with Python's decimal module. Deterministic: a fixed seed and
// the raw output of mt19937_64 (the standard fixes its sequence; distributions are not fixed,
// so none is used).
//
// Operands are written as integer cents (or plain integers), never with Tenet's own formatting;
// results are Tenet's text (to_decimal_string with two places) or "overflow" / "divzero".
//   add A B R   sub A B R   cmp A B R        A, B cents; R a sum, a difference, -1/0/1
//   mulint A K R  mulpct A P R               K an integer, P hundredths of a percentage point
//   divint A K MODE R  divpct A P MODE R  divmoney A B MODE R
//                                            the exact quotient rounded to cents (money / money:
//                                            to 4 places) with MODE down|up|half_up|half_even
//   text T R                                  a decimal text, parsed and written back
//
// Usage: tenet_money_ops [COUNT] [SEED]
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "util/rational.hpp"

namespace {

using tenet::util::Rational;
using tenet::util::Rounding;

std::mt19937_64 rng;

uint64_t below(uint64_t n) { return rng() % n; }  // the tiny modulo bias does not matter here

// Cents: mostly everyday amounts, some large, a few near the int64 limit (to reach overflow).
int64_t random_cents() {
    uint64_t kind = below(100);
    int64_t magnitude;
    if (kind < 70) {
        magnitude = static_cast<int64_t>(below(10000000));  // < $100,000
    } else if (kind < 95) {
        magnitude = static_cast<int64_t>(below(100000000000000ULL));  // < $1,000,000,000,000
    } else {
        magnitude = INT64_MAX - static_cast<int64_t>(below(1000000));
    }
    return below(4) == 0 ? -magnitude : magnitude;
}

int64_t random_int() {
    int64_t k = static_cast<int64_t>(below(below(10) == 0 ? 4000000000000ULL : 1000));
    return below(4) == 0 ? -k : k;
}

// Hundredths of a percentage point: 12.5% is 1250.
int64_t random_percent() {
    int64_t p = static_cast<int64_t>(below(below(5) == 0 ? 100000 : 10000));
    return below(8) == 0 ? -p : p;
}

const Rounding kModes[] = {Rounding::Down, Rounding::Up, Rounding::HalfUp, Rounding::HalfEven};
const char* const kModeNames[] = {"down", "up", "half_up", "half_even"};

Rational cents(int64_t c) {
    Rational r;
    Rational::make(c, 100, &r);
    return r;
}

std::string result(bool ok, Rational r, int places = 2) {
    return ok ? tenet::util::to_decimal_string(r, places) : "overflow";
}

// The quotient rounded to `places`, or why there is none.
std::string rounded_quotient(Rational a, Rational b, Rounding mode, int places) {
    if (b.num == 0) return "divzero";
    Rational q, r;
    if (!tenet::util::div(a, b, &q) || !tenet::util::round_to_places(q, places, mode, &r)) return "overflow";
    return tenet::util::to_decimal_string(r, places);
}

std::string random_text() {
    std::string t = below(3) == 0 ? "-" : "";
    size_t whole = 1 + below(13);
    for (size_t i = 0; i < whole; ++i) {
        // as in JSON, no leading zero
        t += static_cast<char>(i == 0 && whole > 1 ? '1' + below(9) : '0' + below(10));
    }
    if (below(3) != 0) {
        t += '.';
        size_t places = 1 + below(6);
        for (size_t i = 0; i < places; ++i) t += static_cast<char>('0' + below(10));
    }
    return t;
}

}  // namespace

int main(int argc, char** argv) {
    long count = argc > 1 ? std::atol(argv[1]) : 1000000;
    rng.seed(argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 20261130);
    std::string line;
    for (long i = 0; i < count; ++i) {
        Rational r;
        int64_t a = random_cents();
        uint64_t mode = below(4);
        switch (below(9)) {
            case 0: {
                int64_t b = random_cents();
                std::printf("add %" PRId64 " %" PRId64 " %s\n", a, b,
                            result(tenet::util::add(cents(a), cents(b), &r), r).c_str());
                break;
            }
            case 1: {
                int64_t b = random_cents();
                std::printf("sub %" PRId64 " %" PRId64 " %s\n", a, b,
                            result(tenet::util::sub(cents(a), cents(b), &r), r).c_str());
                break;
            }
            case 2: {
                int64_t b = below(8) == 0 ? a : random_cents();
                std::printf("cmp %" PRId64 " %" PRId64 " %d\n", a, b, tenet::util::compare(cents(a), cents(b)));
                break;
            }
            case 3: {
                int64_t k = random_int();
                std::printf("mulint %" PRId64 " %" PRId64 " %s\n", a, k,
                            result(tenet::util::mul(cents(a), Rational::of(k), &r), r).c_str());
                break;
            }
            case 4: {
                int64_t p = random_percent();
                Rational pct;
                Rational::make(p, 10000, &pct);
                std::printf("mulpct %" PRId64 " %" PRId64 " %s\n", a, p,
                            result(tenet::util::mul(cents(a), pct, &r), r).c_str());
                break;
            }
            case 5: {
                int64_t k = below(50) == 0 ? 0 : random_int();
                std::printf("divint %" PRId64 " %" PRId64 " %s %s\n", a, k, kModeNames[mode],
                            rounded_quotient(cents(a), Rational::of(k), kModes[mode], 2).c_str());
                break;
            }
            case 6: {
                int64_t p = random_percent();
                Rational pct;
                Rational::make(p, 10000, &pct);
                std::printf("divpct %" PRId64 " %" PRId64 " %s %s\n", a, p, kModeNames[mode],
                            rounded_quotient(cents(a), pct, kModes[mode], 2).c_str());
                break;
            }
            case 7: {
                int64_t b = below(50) == 0 ? 0 : random_cents();
                std::printf("divmoney %" PRId64 " %" PRId64 " %s %s\n", a, b, kModeNames[mode],
                            rounded_quotient(cents(a), cents(b), kModes[mode], 4).c_str());
                break;
            }
            default: {
                std::string t = random_text();
                bool ok = tenet::util::parse_decimal(t, &r, nullptr);
                std::printf("text %s %s\n", t.c_str(), ok ? tenet::util::to_decimal_string(r, 2).c_str() : "overflow");
                break;
            }
        }
    }
    return 0;
}
