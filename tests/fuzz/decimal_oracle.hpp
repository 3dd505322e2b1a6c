// An independent exact arithmetic for checking util::Rational: arbitrary-precision integers
// (little-endian 32-bit limbs, schoolbook algorithms, binary long division) and fractions of
// them. Written for obviousness, not speed; shares no code with src/util/rational.cpp, so a bug
// there cannot hide itself here.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tenet::fuzz {

// An integer of any size: a sign and a magnitude without leading zero limbs (zero is empty).
struct BigInt {
    bool negative = false;
    std::vector<uint32_t> limbs;

    static BigInt of(int64_t v) {
        BigInt b;
        b.negative = v < 0;
        uint64_t mag = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
        while (mag) {
            b.limbs.push_back(static_cast<uint32_t>(mag));
            mag >>= 32;
        }
        return b;
    }
    bool is_zero() const { return limbs.empty(); }
};

namespace detail {

inline void trim(std::vector<uint32_t>* v) {
    while (!v->empty() && v->back() == 0) v->pop_back();
}

inline int compare_magnitude(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    for (size_t i = a.size(); i-- > 0;) {
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    }
    return 0;
}

inline std::vector<uint32_t> add_magnitude(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
    std::vector<uint32_t> r(std::max(a.size(), b.size()) + 1, 0);
    uint64_t carry = 0;
    for (size_t i = 0; i < r.size(); ++i) {
        uint64_t s = carry + (i < a.size() ? a[i] : 0) + (i < b.size() ? b[i] : 0);
        r[i] = static_cast<uint32_t>(s);
        carry = s >> 32;
    }
    trim(&r);
    return r;
}

// a - b for |a| >= |b|.
inline std::vector<uint32_t> sub_magnitude(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
    std::vector<uint32_t> r(a.size(), 0);
    int64_t borrow = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        int64_t d = static_cast<int64_t>(a[i]) - (i < b.size() ? b[i] : 0) - borrow;
        borrow = d < 0;
        r[i] = static_cast<uint32_t>(d + (borrow ? (int64_t{1} << 32) : 0));
    }
    trim(&r);
    return r;
}

inline std::vector<uint32_t> mul_magnitude(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
    std::vector<uint32_t> r(a.size() + b.size(), 0);
    for (size_t i = 0; i < a.size(); ++i) {
        uint64_t carry = 0;
        for (size_t j = 0; j < b.size(); ++j) {
            uint64_t t = static_cast<uint64_t>(a[i]) * b[j] + r[i + j] + carry;
            r[i + j] = static_cast<uint32_t>(t);
            carry = t >> 32;
        }
        r[i + b.size()] = static_cast<uint32_t>(carry);
    }
    trim(&r);
    return r;
}

inline size_t bit_length(const std::vector<uint32_t>& a) {
    return a.empty() ? 0 : (a.size() - 1) * 32 + (32 - __builtin_clz(a.back()));
}

}  // namespace detail

inline BigInt operator-(BigInt a) {
    if (!a.is_zero()) a.negative = !a.negative;
    return a;
}

inline BigInt operator+(const BigInt& a, const BigInt& b) {
    BigInt r;
    if (a.negative == b.negative) {
        r.limbs = detail::add_magnitude(a.limbs, b.limbs);
        r.negative = a.negative;
    } else if (detail::compare_magnitude(a.limbs, b.limbs) >= 0) {
        r.limbs = detail::sub_magnitude(a.limbs, b.limbs);
        r.negative = a.negative;
    } else {
        r.limbs = detail::sub_magnitude(b.limbs, a.limbs);
        r.negative = b.negative;
    }
    if (r.is_zero()) r.negative = false;
    return r;
}

inline BigInt operator-(const BigInt& a, const BigInt& b) { return a + (-b); }

inline BigInt operator*(const BigInt& a, const BigInt& b) {
    BigInt r;
    r.limbs = detail::mul_magnitude(a.limbs, b.limbs);
    r.negative = !r.is_zero() && a.negative != b.negative;
    return r;
}

inline int compare(const BigInt& a, const BigInt& b) {
    if (a.negative != b.negative) return a.negative ? -1 : 1;
    int m = detail::compare_magnitude(a.limbs, b.limbs);
    return a.negative ? -m : m;
}
inline bool operator==(const BigInt& a, const BigInt& b) { return compare(a, b) == 0; }

// Truncating division of magnitudes: quotient and remainder of |a| / |b|, b != 0. One limb
// at a time for a one-limb divisor, else bit by bit.
inline void divide_magnitude(const BigInt& a, const BigInt& b, BigInt* quotient, BigInt* remainder) {
    BigInt q, r;
    if (b.limbs.size() == 1) {
        uint64_t d = b.limbs[0], rest = 0;
        q.limbs.resize(a.limbs.size());
        for (size_t i = a.limbs.size(); i-- > 0;) {
            uint64_t cur = (rest << 32) | a.limbs[i];
            q.limbs[i] = static_cast<uint32_t>(cur / d);
            rest = cur % d;
        }
        detail::trim(&q.limbs);
        if (rest) r.limbs.push_back(static_cast<uint32_t>(rest));
        *quotient = std::move(q);
        *remainder = std::move(r);
        return;
    }
    for (size_t bit = detail::bit_length(a.limbs); bit-- > 0;) {
        // r = 2r + next bit of a
        uint32_t carry = (a.limbs[bit / 32] >> (bit % 32)) & 1;
        for (uint32_t& limb : r.limbs) {
            uint32_t next = limb >> 31;
            limb = (limb << 1) | carry;
            carry = next;
        }
        if (carry) r.limbs.push_back(carry);
        if (detail::compare_magnitude(r.limbs, b.limbs) >= 0) {
            r.limbs = detail::sub_magnitude(r.limbs, b.limbs);
            if (q.limbs.size() <= bit / 32) q.limbs.resize(bit / 32 + 1, 0);
            q.limbs[bit / 32] |= uint32_t{1} << (bit % 32);
        }
    }
    detail::trim(&q.limbs);
    *quotient = std::move(q);
    *remainder = std::move(r);
}

// Floor division for b > 0: a = q*b + r with 0 <= r < b.
inline void floor_divide(const BigInt& a, const BigInt& b, BigInt* q, BigInt* r) {
    BigInt mq, mr;
    divide_magnitude(a, b, &mq, &mr);
    if (!a.negative) {
        *q = mq;
        *r = mr;
    } else if (mr.is_zero()) {
        *q = -mq;
        *r = mr;
    } else {
        *q = -mq - BigInt::of(1);
        *r = b - mr;
    }
}

// Binary GCD: shifts and subtractions only.
inline BigInt gcd(BigInt a, BigInt b) {
    a.negative = b.negative = false;
    if (a.is_zero()) return b;
    if (b.is_zero()) return a;
    auto shift_right = [](BigInt* x) {
        for (size_t i = 0; i < x->limbs.size(); ++i) {
            x->limbs[i] = (x->limbs[i] >> 1) | (i + 1 < x->limbs.size() ? x->limbs[i + 1] << 31 : 0);
        }
        detail::trim(&x->limbs);
    };
    auto even = [](const BigInt& x) { return (x.limbs[0] & 1) == 0; };
    size_t twos = 0;
    while (even(a) && even(b)) shift_right(&a), shift_right(&b), ++twos;
    while (even(a)) shift_right(&a);
    while (!b.is_zero()) {
        while (even(b)) shift_right(&b);
        if (detail::compare_magnitude(a.limbs, b.limbs) > 0) std::swap(a, b);
        b.limbs = detail::sub_magnitude(b.limbs, a.limbs);
    }
    for (size_t i = 0; i < twos; ++i) a = a + a;
    return a;
}

inline BigInt pow10(int n) {
    BigInt r = BigInt::of(1);
    for (int i = 0; i < n; ++i) r = r * BigInt::of(10);
    return r;
}

inline bool fits_int64(const BigInt& v) {
    return compare(v, BigInt::of(INT64_MIN)) >= 0 && compare(v, BigInt::of(INT64_MAX)) <= 0;
}

inline std::string to_string(const BigInt& v) {
    if (v.is_zero()) return "0";
    std::string digits;
    BigInt rest = v;
    rest.negative = false;
    while (!rest.is_zero()) {
        BigInt q, r;
        divide_magnitude(rest, BigInt::of(10), &q, &r);
        digits.push_back(static_cast<char>('0' + (r.is_zero() ? 0 : r.limbs[0])));
        rest = q;
    }
    if (v.negative) digits.push_back('-');
    std::reverse(digits.begin(), digits.end());
    return digits;
}

// A fraction in lowest terms with a positive denominator.
struct Fraction {
    BigInt num = BigInt::of(0);
    BigInt den = BigInt::of(1);

    static Fraction make(BigInt n, BigInt d) {  // d != 0
        if (n.is_zero()) return Fraction{};
        bool negative = n.negative != d.negative;
        BigInt g = gcd(n, d), unused;
        divide_magnitude(n, g, &n, &unused);
        divide_magnitude(d, g, &d, &unused);
        n.negative = negative;
        return Fraction{n, d};
    }
    bool fits() const { return fits_int64(num) && fits_int64(den); }
};

}  // namespace tenet::fuzz
