// Exact rational arithmetic: checked operations through 128-bit intermediates, decimal text.
#include "util/rational.hpp"

#include <cstdlib>
#include <utility>

namespace tenet::util {

namespace {

using i128 = __int128;
using u128 = unsigned __int128;

constexpr i128 kMax = INT64_MAX;
constexpr i128 kMin = INT64_MIN;

u128 gcd128(u128 a, u128 b) {
    while (b != 0) {
        u128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

u128 abs128(i128 v) { return v < 0 ? static_cast<u128>(-(v + 1)) + 1 : static_cast<u128>(v); }

uint64_t gcd64(uint64_t a, uint64_t b) {
    // binary GCD: no division, which is what makes 128-bit normalisation slow
    if (a == 0) return b;
    if (b == 0) return a;
    int shift = __builtin_ctzll(a | b);
    a >>= __builtin_ctzll(a);
    do {
        b >>= __builtin_ctzll(b);
        if (a > b) std::swap(a, b);
        b -= a;
    } while (b != 0);
    return a << shift;
}

// num/den with den != 0, normalised into *out; false if it does not fit in 64 bits.
bool normalise(i128 num, i128 den, Rational* out) {
    if (den == 0) return false;
    if (den < 0) {
        num = -num;
        den = -den;
    }
    if (den == 1) {
        if (num > kMax || num < kMin) return false;
        out->num = static_cast<int64_t>(num);
        out->den = 1;
        return true;
    }
    u128 mag = abs128(num);
    u128 g;
    if (mag <= UINT64_MAX && static_cast<u128>(den) <= UINT64_MAX) {
        g = gcd64(static_cast<uint64_t>(mag), static_cast<uint64_t>(den));
    } else {
        g = gcd128(mag, static_cast<u128>(den));
    }
    if (g > 1) {
        if (g <= UINT64_MAX && mag <= UINT64_MAX && static_cast<u128>(den) <= UINT64_MAX) {
            uint64_t g64 = static_cast<uint64_t>(g);
            uint64_t m64 = static_cast<uint64_t>(mag) / g64;
            den = static_cast<i128>(static_cast<uint64_t>(den) / g64);
            num = num < 0 ? -static_cast<i128>(m64) : static_cast<i128>(m64);
        } else {
            num /= static_cast<i128>(g);
            den /= static_cast<i128>(g);
        }
    }
    if (num > kMax || num < kMin || den > kMax) return false;
    out->num = static_cast<int64_t>(num);
    out->den = static_cast<int64_t>(den);
    return true;
}

}  // namespace

bool Rational::make(int64_t num, int64_t den, Rational* out) { return normalise(num, den, out); }

bool Rational::is_finite_decimal() const {
    int64_t d = den;
    while (d % 2 == 0) d /= 2;
    while (d % 5 == 0) d /= 5;
    return d == 1;
}

bool add(Rational a, Rational b, Rational* out) {
    if (a.den == b.den) return normalise(static_cast<i128>(a.num) + b.num, a.den, out);
    return normalise(static_cast<i128>(a.num) * b.den + static_cast<i128>(b.num) * a.den,
                     static_cast<i128>(a.den) * b.den, out);
}

bool sub(Rational a, Rational b, Rational* out) {
    if (a.den == b.den) return normalise(static_cast<i128>(a.num) - b.num, a.den, out);
    return normalise(static_cast<i128>(a.num) * b.den - static_cast<i128>(b.num) * a.den,
                     static_cast<i128>(a.den) * b.den, out);
}

bool mul(Rational a, Rational b, Rational* out) {
    return normalise(static_cast<i128>(a.num) * b.num, static_cast<i128>(a.den) * b.den, out);
}

bool div(Rational a, Rational b, Rational* out) {
    if (b.num == 0) return false;
    return normalise(static_cast<i128>(a.num) * b.den, static_cast<i128>(a.den) * b.num, out);
}

bool neg(Rational a, Rational* out) {
    if (a.num == INT64_MIN) return false;
    out->num = -a.num;
    out->den = a.den;
    return true;
}

// Rounds num/den (den > 0) to an integer in 128 bits.
static i128 round_div(i128 num, i128 den, Rounding mode) {
    i128 q = num / den;
    i128 r = num % den;
    if (r == 0) return q;
    // q truncates toward zero; fix up per mode
    bool negative = num < 0;
    switch (mode) {
        case Rounding::Down: return negative ? q - 1 : q;
        case Rounding::Up: return negative ? q : q + 1;
        case Rounding::HalfUp:
        case Rounding::HalfEven: {
            i128 twice = (r < 0 ? -r : r) * 2;
            if (twice > den || (twice == den && (mode == Rounding::HalfUp || (q % 2 != 0)))) {
                return negative ? q - 1 : q + 1;
            }
            return q;
        }
    }
    return q;
}

bool to_integer(Rational x, Rounding mode, int64_t* out) {
    i128 v = round_div(x.num, x.den, mode);
    if (v > kMax || v < kMin) return false;
    *out = static_cast<int64_t>(v);
    return true;
}

bool round_to_places(Rational x, int places, Rounding mode, Rational* out) {
    if (places > 18 || places < -18) return false;
    i128 scale = 1;
    for (int i = 0; i < (places < 0 ? -places : places); ++i) scale *= 10;
    if (places >= 0) {
        // already a multiple of 10^-p (whole cents, for money): nothing to round
        if (static_cast<int64_t>(scale) % x.den == 0) {  // 10^p fits 64 bits for p <= 18
            *out = x;
            return true;
        }
        // round(x * 10^p) / 10^p
        i128 scaled = round_div(static_cast<i128>(x.num) * scale, x.den, mode);
        return normalise(scaled, scale, out);
    }
    i128 scaled = round_div(x.num, static_cast<i128>(x.den) * scale, mode);
    return normalise(scaled * scale, 1, out);
}

bool parse_decimal(std::string_view text, Rational* out, int* fraction_digits) {
    DecimalFault fault;
    return parse_decimal(text, out, fraction_digits, &fault);
}

bool parse_decimal(std::string_view text, Rational* out, int* fraction_digits, DecimalFault* fault) {
    *fault = DecimalFault::Syntax;
    size_t i = 0, n = text.size();
    bool negative = false;
    if (i < n && text[i] == '-') {
        negative = true;
        ++i;
    }
    size_t int_start = i;
    while (i < n && text[i] >= '0' && text[i] <= '9') ++i;
    size_t int_len = i - int_start;
    if (int_len == 0) return false;
    if (int_len > 1 && text[int_start] == '0') return false;  // JSON: no leading zeros
    size_t frac_start = i, frac_len = 0;
    if (i < n && text[i] == '.') {
        ++i;
        frac_start = i;
        while (i < n && text[i] >= '0' && text[i] <= '9') ++i;
        frac_len = i - frac_start;
        if (frac_len == 0) return false;
    }
    long exponent = 0;
    if (i < n && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        bool exp_negative = false;
        if (i < n && (text[i] == '+' || text[i] == '-')) exp_negative = text[i++] == '-';
        size_t exp_start = i;
        while (i < n && text[i] >= '0' && text[i] <= '9') {
            if (exponent < 100000) exponent = exponent * 10 + (text[i] - '0');
            ++i;
        }
        if (i == exp_start) return false;
        if (exp_negative) exponent = -exponent;
    }
    if (i != n) return false;
    if (fraction_digits) {
        // the decimals as written: "303.00" has two (money allows it), "303.005" three
        long written = static_cast<long>(frac_len) - exponent;
        *fraction_digits = static_cast<int>(written > 0 ? written : 0);
    }
    // A value that does not fit is too large when its whole part has more digits than 64 bits
    // hold (19 or more), and too precise otherwise: then only its decimals can be at fault.
    auto does_not_fit = [&] {
        size_t lead = 0;  // leading zeros of the digits as written ("0.005" has three)
        while (lead < int_len + frac_len &&
               text[lead < int_len ? int_start + lead : frac_start + lead - int_len] == '0')
            ++lead;
        long whole_digits = static_cast<long>(int_len) - static_cast<long>(lead) + exponent;
        *fault = whole_digits > 18 ? DecimalFault::TooLarge : DecimalFault::TooPrecise;
        return false;
    };

    // digits without the point; value = digits * 10^(exponent - frac_len)
    i128 digits = 0;
    auto push = [&](char c) {
        if (digits > (static_cast<i128>(1) << 100)) return false;
        digits = digits * 10 + (c - '0');
        return true;
    };
    for (size_t k = int_start; k < int_start + int_len; ++k) {
        if (!push(text[k])) return does_not_fit();
    }
    for (size_t k = frac_start; k < frac_start + frac_len; ++k) {
        if (!push(text[k])) return does_not_fit();
    }
    long power = exponent - static_cast<long>(frac_len);
    i128 num = negative ? -digits : digits;
    i128 den = 1;
    if (power > 0) {
        for (long k = 0; k < power; ++k) {
            if (num > kMax || num < kMin) return does_not_fit();
            num *= 10;
        }
    } else {
        for (long k = 0; k < -power; ++k) {
            if (den > kMax) {
                // more precision than 64 bits can hold: only fine if the extra digits are zeros
                if (num % 10 != 0) return does_not_fit();
                num /= 10;
                continue;
            }
            den *= 10;
        }
    }
    if (!normalise(num, den, out)) return does_not_fit();
    *fault = DecimalFault::None;
    return true;
}

std::string to_decimal_string(Rational x, int min_places) {
    std::string s;
    append_decimal(x, min_places, &s);
    return s;
}

void append_decimal(Rational x, int min_places, std::string* out) {
    if (!x.is_finite_decimal()) {
        *out += std::to_string(x.num);
        *out += '/';
        *out += std::to_string(x.den);
        return;
    }
    // Long division, digit by digit: the expansion of a finite decimal ends within 63 places
    // (den = 2^a 5^b < 2^63), and no intermediate exceeds 10 * den. (Scaling the numerator to
    // a power-of-ten denominator instead would overflow even 128 bits for den = 2^62.)
    if (x.num < 0) out->push_back('-');
    uint64_t mag = x.num < 0 ? 0 - static_cast<uint64_t>(x.num) : static_cast<uint64_t>(x.num);
    uint64_t den = static_cast<uint64_t>(x.den);
    uint64_t whole = mag / den;
    u128 rest = mag % den;
    char digits[24];
    int len = 0;
    do {
        digits[len++] = static_cast<char>('0' + static_cast<int>(whole % 10));
        whole /= 10;
    } while (whole > 0);
    while (len > 0) out->push_back(digits[--len]);
    if (rest == 0 && min_places <= 0) return;
    out->push_back('.');
    int places = 0;
    while (rest != 0) {
        rest *= 10;
        out->push_back(static_cast<char>('0' + static_cast<int>(rest / den)));
        rest %= den;
        ++places;
    }
    for (; places < min_places; ++places) out->push_back('0');
}

}  // namespace tenet::util
