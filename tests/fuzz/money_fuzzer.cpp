// Fuzz target (7): util::Rational -- decimal parsing, formatting, checked arithmetic, rounding --
// against the independent big-integer fractions of decimal_oracle.hpp. Every operation must give
// the exact result when that fits in 64 bits and report overflow (never wrap) when it does not.
//
// Input: byte 0 chooses the encoding, byte 1 the rounding places and padding. Text encoding
// (byte 0 even): two decimal texts separated by a newline. Binary encoding: four int64s,
// numerator and denominator of two values made with Rational::make.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "decimal_oracle.hpp"
#include "util/rational.hpp"

namespace {

using tenet::fuzz::BigInt;
using tenet::fuzz::Fraction;
using tenet::util::Rational;
using tenet::util::Rounding;

[[noreturn]] void mismatch(const std::string& what) {
    std::fprintf(stderr, "MISMATCH: %s\n", what.c_str());
    std::abort();
}

std::string show(Rational r) { return std::to_string(r.num) + "/" + std::to_string(r.den); }
std::string show(const Fraction& f) { return tenet::fuzz::to_string(f.num) + "/" + tenet::fuzz::to_string(f.den); }

Fraction exact(Rational r) { return Fraction::make(BigInt::of(r.num), BigInt::of(r.den)); }

// Tenet said `ok` and `got`; the exact answer is `want`. Fits: must agree; does not: must refuse.
// `what` describes the operation; it is called only to report a mismatch.
template <typename Describe>
void expect_result(const Describe& what_of, bool ok, Rational got, const Fraction& want) {
    if (want.fits() && ok && BigInt::of(got.num) == want.num && BigInt::of(got.den) == want.den) return;
    if (!want.fits() && !ok) return;
    std::string what = what_of();
    if (want.fits()) {
        if (!ok) mismatch(what + ": refused, exact result " + show(want) + " fits");
        if (!(BigInt::of(got.num) == want.num) || !(BigInt::of(got.den) == want.den)) {
            mismatch(what + ": got " + show(got) + ", exact " + show(want));
        }
    } else if (ok) {
        mismatch(what + ": got " + show(got) + " but the exact " + show(want) + " does not fit");
    }
}

// ---- decimal text ----------------------------------------------------------------------------

struct OracleDecimal {
    bool syntax_ok = false;
    bool fits = false;                // when syntax_ok: the value fits a Rational
    bool within_text_limits = false;  // when it fits: util::parse_decimal must accept it
    Fraction value;
    long fraction_digits = 0;
    bool small_exponent = true;  // fraction_digits is only compared then
};

// parse_decimal's documented limits on the text: at most 30 digits as written and at most 18
// decimal places once trailing zeros are dropped; past them it may refuse a value that fits.
constexpr size_t kMaxTextDigits = 30;
constexpr long kMaxTextPlaces = 18;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The grammar of util::parse_decimal: -?D+(.D+)?([eE][+-]?D+)?, and as in JSON no leading zero.
OracleDecimal oracle_parse(std::string_view t) {
    OracleDecimal out;
    size_t i = 0;
    bool negative = i < t.size() && t[i] == '-';
    if (negative) ++i;
    size_t int_begin = i;
    while (i < t.size() && is_digit(t[i])) ++i;
    std::string digits(t.substr(int_begin, i - int_begin));
    if (digits.empty() || (digits.size() > 1 && digits[0] == '0')) return out;
    long fraction = 0;
    if (i < t.size() && t[i] == '.') {
        size_t frac_begin = ++i;
        while (i < t.size() && is_digit(t[i])) ++i;
        if (i == frac_begin) return out;
        digits += t.substr(frac_begin, i - frac_begin);
        fraction = static_cast<long>(i - frac_begin);
    }
    long exponent = 0;
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        bool exp_negative = false;
        if (i < t.size() && (t[i] == '+' || t[i] == '-')) exp_negative = t[i++] == '-';
        size_t exp_begin = i;
        while (i < t.size() && is_digit(t[i])) {
            exponent = std::min(exponent * 10 + (t[i] - '0'), 1000000L);  // saturates: far past any fit
            ++i;
        }
        if (i == exp_begin) return out;
        if (exp_negative) exponent = -exponent;
    }
    if (i != t.size()) return out;
    out.syntax_ok = true;
    out.fraction_digits = std::max(0L, fraction - exponent);
    out.small_exponent = exponent > -1000 && exponent < 1000;
    size_t written_digits = digits.size();

    // value = digits * 10^-(fraction - exponent); strip zeros that change nothing
    long scale = fraction - exponent;
    size_t first = digits.find_first_not_of('0');
    if (first == std::string::npos) {
        out.fits = true;
        out.within_text_limits = written_digits <= kMaxTextDigits;
        return out;
    }
    digits.erase(0, first);
    while (digits.back() == '0') digits.pop_back(), --scale;
    // Without a trailing zero, a reduced denominator keeps at least 2^scale or 5^scale, and an
    // integer needs digits + |scale| decimal digits: past these bounds nothing fits.
    if (digits.size() > 90 || scale > 70 || scale < -25) return out;
    BigInt mantissa = BigInt::of(0);
    for (char c : digits) mantissa = mantissa * BigInt::of(10) + BigInt::of(c - '0');
    if (negative) mantissa = -mantissa;
    out.value = scale >= 0 ? Fraction::make(mantissa, tenet::fuzz::pow10(static_cast<int>(scale)))
                           : Fraction::make(mantissa * tenet::fuzz::pow10(static_cast<int>(-scale)), BigInt::of(1));
    out.fits = out.value.fits();
    out.within_text_limits = written_digits <= kMaxTextDigits && scale <= kMaxTextPlaces;
    return out;
}

// The exact decimal text of a finite decimal, padded to min_places; "num/den" otherwise.
std::string oracle_format(const Fraction& f, int min_places) {
    BigInt den = f.den, q, r;
    int twos = 0, fives = 0;
    for (;;) {
        tenet::fuzz::divide_magnitude(den, BigInt::of(2), &q, &r);
        if (!r.is_zero()) break;
        den = q, ++twos;
    }
    for (;;) {
        tenet::fuzz::divide_magnitude(den, BigInt::of(5), &q, &r);
        if (!r.is_zero()) break;
        den = q, ++fives;
    }
    if (!(den == BigInt::of(1))) return tenet::fuzz::to_string(f.num) + "/" + tenet::fuzz::to_string(f.den);
    int places = std::max(twos, fives);
    BigInt scaled;
    tenet::fuzz::divide_magnitude(f.num * tenet::fuzz::pow10(places), f.den, &scaled, &r);
    std::string digits = tenet::fuzz::to_string(scaled);  // magnitude
    if (static_cast<int>(digits.size()) <= places) digits.insert(0, places + 1 - digits.size(), '0');
    std::string text = digits.substr(0, digits.size() - places);
    std::string decimals = digits.substr(digits.size() - places);
    if (static_cast<int>(decimals.size()) < min_places) decimals.append(min_places - decimals.size(), '0');
    if (!decimals.empty()) text += "." + decimals;
    return (f.num.negative ? "-" : "") + text;
}

void check_parse(std::string_view text, bool* ok, Rational* value) {
    int fraction_digits = -1;
    *ok = tenet::util::parse_decimal(text, value, &fraction_digits);
    OracleDecimal want = oracle_parse(text);
    std::string what = "parse_decimal(\"" + std::string(text) + "\")";
    if (!want.syntax_ok) {
        if (*ok) mismatch(what + ": accepted bad syntax as " + show(*value));
        return;
    }
    if (want.fits && (want.within_text_limits || *ok)) {
        expect_result([&] { return what; }, *ok, *value, want.value);
        if (want.small_exponent && fraction_digits != want.fraction_digits) {
            mismatch(what + ": fraction digits " + std::to_string(fraction_digits) + ", want " +
                     std::to_string(want.fraction_digits));
        }
    } else if (!want.fits && *ok) {
        mismatch(what + ": accepted " + show(*value) + " but the value does not fit");
    }
}

// ---- one value ---------------------------------------------------------------------------------

constexpr Rounding kModes[] = {Rounding::Down, Rounding::Up, Rounding::HalfUp, Rounding::HalfEven};
const char* const kModeNames[] = {"Down", "Up", "HalfUp", "HalfEven"};

// x rounded to a multiple of 1/scale (scale a positive integer), exactly, in the given mode.
BigInt oracle_round_units(const Fraction& x, const BigInt& numerator_scale, const BigInt& denominator_scale,
                          Rounding mode) {
    // units = x * numerator_scale / denominator_scale, as floor q plus remainder rem/div
    BigInt n = x.num * numerator_scale, d = x.den * denominator_scale, q, rem;
    tenet::fuzz::floor_divide(n, d, &q, &rem);
    if (rem.is_zero()) return q;
    BigInt up = q + BigInt::of(1);
    int half = tenet::fuzz::compare(rem + rem, d);  // the remainder against one half
    switch (mode) {
        case Rounding::Down: return q;
        case Rounding::Up: return up;
        case Rounding::HalfUp: return half > 0 || (half == 0 && !x.num.negative) ? up : q;
        case Rounding::HalfEven: {
            if (half != 0) return half > 0 ? up : q;
            BigInt unused, parity;
            tenet::fuzz::divide_magnitude(q, BigInt::of(2), &unused, &parity);
            return parity.is_zero() ? q : up;
        }
    }
    return q;
}

void check_one(Rational x, int min_places, int places) {
    Fraction fx = exact(x);
    std::string name = show(x);
    if (x.is_finite_decimal() != (oracle_format(fx, 0).find('/') == std::string::npos)) {
        mismatch("is_finite_decimal(" + name + ")");
    }
    std::string text = tenet::util::to_decimal_string(x, min_places);
    std::string want = oracle_format(fx, min_places);
    if (x.is_finite_decimal()) {
        if (text != want)
            mismatch("to_decimal_string(" + name + ", " + std::to_string(min_places) + ") = " + text + ", want " +
                     want);
        std::string appended = "prefix";
        tenet::util::append_decimal(x, min_places, &appended);
        if (appended != "prefix" + want) mismatch("append_decimal(" + name + ") = " + appended);
        // back from the text, when the text is within parse_decimal's limits
        Rational back;
        bool parsed = tenet::util::parse_decimal(text, &back, nullptr);
        if ((parsed && back != x) || (!parsed && oracle_parse(text).within_text_limits)) {
            mismatch("parse(format(" + name + ")) of " + text);
        }
    } else if (text != want) {
        mismatch("to_decimal_string(" + name + ") of a non-terminating value = " + text + ", want " + want);
    }

    Rational r;
    expect_result([&] { return std::string("neg(" + name + ")"); }, tenet::util::neg(x, &r), r,
                  Fraction{-fx.num, fx.den});

    for (size_t m = 0; m < 4; ++m) {
        BigInt scale = tenet::fuzz::pow10(std::abs(places));
        BigInt units = places >= 0 ? oracle_round_units(fx, scale, BigInt::of(1), kModes[m])
                                   : oracle_round_units(fx, BigInt::of(1), scale, kModes[m]);
        Fraction rounded = places >= 0 ? Fraction::make(units, scale) : Fraction::make(units * scale, BigInt::of(1));
        bool ok = tenet::util::round_to_places(x, places, kModes[m], &r);
        expect_result(
            [&] {
                return std::string("round_to_places(" + name + ", " + std::to_string(places) + ", " + kModeNames[m] +
                                   ")");
            },
            ok, r, rounded);

        int64_t integer = 0;
        BigInt whole = oracle_round_units(fx, BigInt::of(1), BigInt::of(1), kModes[m]);
        ok = tenet::util::to_integer(x, kModes[m], &integer);
        expect_result([&] { return std::string("to_integer(" + name + ", " + kModeNames[m] + ")"); }, ok,
                      Rational::of(integer), Fraction::make(whole, BigInt::of(1)));
    }
}

// ---- two values --------------------------------------------------------------------------------

void check_two(Rational a, Rational b) {
    Fraction fa = exact(a), fb = exact(b);
    std::string names = show(a) + ", " + show(b);
    Rational r;
    expect_result([&] { return std::string("add(" + names + ")"); }, tenet::util::add(a, b, &r), r,
                  Fraction::make(fa.num * fb.den + fb.num * fa.den, fa.den * fb.den));
    expect_result([&] { return std::string("sub(" + names + ")"); }, tenet::util::sub(a, b, &r), r,
                  Fraction::make(fa.num * fb.den - fb.num * fa.den, fa.den * fb.den));
    expect_result([&] { return std::string("mul(" + names + ")"); }, tenet::util::mul(a, b, &r), r,
                  Fraction::make(fa.num * fb.num, fa.den * fb.den));
    bool ok = tenet::util::div(a, b, &r);
    if (fb.num.is_zero()) {
        if (ok) mismatch("div(" + names + ") by zero gave " + show(r));
    } else {
        expect_result([&] { return std::string("div(" + names + ")"); }, ok, r,
                      Fraction::make(fa.num * fb.den, fa.den * fb.num));
    }
    int want = tenet::fuzz::compare(fa.num * fb.den, fb.num * fa.den);
    if (tenet::util::compare(a, b) != want) mismatch("compare(" + names + ")");
    if ((a == b) != (want == 0)) mismatch("operator==(" + names + ")");
}

int64_t read_int64(const uint8_t* p) {
    int64_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 2) return 0;
    bool binary = data[0] & 1;
    int min_places = data[1] & 3;
    int places = static_cast<int>((data[1] >> 2) % 13) - 4;  // -4 .. 8
    data += 2;
    size -= 2;

    Rational values[2];
    bool ok[2] = {false, false};
    if (binary) {
        if (size < 32) return 0;
        for (int i = 0; i < 2; ++i) {
            int64_t n = read_int64(data + 16 * i), d = read_int64(data + 16 * i + 8);
            ok[i] = Rational::make(n, d, &values[i]);
            std::string what = "make(" + std::to_string(n) + ", " + std::to_string(d) + ")";
            if (d == 0) {
                if (ok[i]) mismatch(what + " with a zero denominator");
            } else {
                expect_result([&] { return std::string(what); }, ok[i], values[i],
                              Fraction::make(BigInt::of(n), BigInt::of(d)));
            }
        }
    } else {
        std::string_view text(reinterpret_cast<const char*>(data), size);
        size_t newline = text.find('\n');
        check_parse(text.substr(0, newline), &ok[0], &values[0]);
        if (newline != std::string_view::npos) check_parse(text.substr(newline + 1), &ok[1], &values[1]);
    }
    for (int i = 0; i < 2; ++i) {
        if (ok[i]) check_one(values[i], min_places, places);
    }
    if (ok[0] && ok[1]) check_two(values[0], values[1]);
    return 0;
}
