// util::Rational: normalisation, checked arithmetic against 128-bit arithmetic, every rounding
// mode on the halves and negatives, decimal parsing and formatting.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>

#include "util/rational.hpp"

namespace tenet::util {
namespace {

Rational R(int64_t n, int64_t d = 1) {
    Rational r;
    EXPECT_TRUE(Rational::make(n, d, &r)) << n << "/" << d;
    return r;
}

Rational parse(const char* text, int* places = nullptr) {
    Rational r;
    EXPECT_TRUE(parse_decimal(text, &r, places)) << text;
    return r;
}

TEST(Rational, MakeNormalisesSignAndCommonFactors) {
    Rational r;
    ASSERT_TRUE(Rational::make(6, -4, &r));
    EXPECT_EQ(r.num, -3);
    EXPECT_EQ(r.den, 2);
    ASSERT_TRUE(Rational::make(0, -7, &r));
    EXPECT_EQ(r.num, 0);
    EXPECT_EQ(r.den, 1);
    EXPECT_FALSE(Rational::make(1, 0, &r));
    // -INT64_MIN does not fit: the sign cannot move to the numerator
    EXPECT_FALSE(Rational::make(1, std::numeric_limits<int64_t>::min(), &r));
}

TEST(Rational, FiniteDecimalsAndWholeCents) {
    EXPECT_TRUE(R(1, 8).is_finite_decimal());
    EXPECT_TRUE(R(3, 20).is_finite_decimal());
    EXPECT_FALSE(R(1, 3).is_finite_decimal());
    EXPECT_TRUE(R(30325, 100).is_whole_hundredths());
    EXPECT_FALSE(R(303005, 1000).is_whole_hundredths());
    EXPECT_TRUE(R(5).is_whole_hundredths());
}

// The exact result in 128 bits, normalised, or false when it does not fit int64.
bool oracle(__int128 n, __int128 d, Rational* out) {
    if (d == 0) return false;
    if (d < 0) {
        n = -n;
        d = -d;
    }
    __int128 a = n < 0 ? -n : n, b = d;
    while (b) {
        __int128 t = a % b;
        a = b;
        b = t;
    }
    if (a > 1) {
        n /= a;
        d /= a;
    }
    if (n > INT64_MAX || n < INT64_MIN || d > INT64_MAX) return false;
    out->num = static_cast<int64_t>(n);
    out->den = static_cast<int64_t>(d);
    return true;
}

TEST(Rational, ArithmeticAgreesWith128BitArithmeticIncludingOverflow) {
    std::mt19937_64 rng(20261130);
    auto pick = [&](int bits) {
        int64_t m = bits >= 63 ? INT64_MAX : (int64_t{1} << bits) - 1;
        std::uniform_int_distribution<int64_t> dist(-m, m);
        return dist(rng);
    };
    int overflows = 0;
    for (int i = 0; i < 200000; ++i) {
        int bits = 4 + static_cast<int>(rng() % 60);
        Rational a, b;
        int64_t ad = pick(bits % 20 + 1), bd = pick(bits % 31 + 1);
        if (ad == 0) ad = 1;
        if (bd == 0) bd = 7;
        if (!Rational::make(pick(bits), ad, &a) || !Rational::make(pick(bits), bd, &b)) continue;
        Rational got, want;
        bool ok = oracle(static_cast<__int128>(a.num) * b.den + static_cast<__int128>(b.num) * a.den,
                         static_cast<__int128>(a.den) * b.den, &want);
        // an intermediate product may overflow 128 bits only for huge denominators; keep inside
        ASSERT_EQ(add(a, b, &got), ok) << a.num << "/" << a.den << " + " << b.num << "/" << b.den;
        if (ok) ASSERT_EQ(got, want);
        overflows += !ok;
        ok = oracle(static_cast<__int128>(a.num) * b.den - static_cast<__int128>(b.num) * a.den,
                    static_cast<__int128>(a.den) * b.den, &want);
        ASSERT_EQ(sub(a, b, &got), ok);
        if (ok) ASSERT_EQ(got, want);
        ok = oracle(static_cast<__int128>(a.num) * b.num, static_cast<__int128>(a.den) * b.den, &want);
        ASSERT_EQ(mul(a, b, &got), ok) << a.num << "/" << a.den << " * " << b.num << "/" << b.den;
        if (ok) ASSERT_EQ(got, want);
        ok = oracle(static_cast<__int128>(a.num) * b.den, static_cast<__int128>(a.den) * b.num, &want);
        ASSERT_EQ(div(a, b, &got), ok);
        if (ok) ASSERT_EQ(got, want);
        int cmp = compare(a, b);
        __int128 l = static_cast<__int128>(a.num) * b.den, r = static_cast<__int128>(b.num) * a.den;
        ASSERT_EQ(cmp, (l > r) - (l < r));
    }
    EXPECT_GT(overflows, 100);  // the draw reaches the edges
}

TEST(Rational, DivisionByZeroAndNegationOfTheMinimum) {
    Rational out;
    EXPECT_FALSE(div(R(1), R(0), &out));
    EXPECT_FALSE(neg(Rational{std::numeric_limits<int64_t>::min(), 1}, &out));
    ASSERT_TRUE(neg(R(-5, 2), &out));
    EXPECT_EQ(out, R(5, 2));
    EXPECT_FALSE(add(R(INT64_MAX), R(1), &out));
    EXPECT_FALSE(mul(R(INT64_MAX / 2 + 1), R(2), &out));
}

struct RoundCase {
    const char* value;
    int places;
    Rounding mode;
    const char* want;
};

TEST(Rational, RoundingModesOnHalvesNegativesAndPlaces) {
    const RoundCase cases[] = {
        {"2.345", 2, Rounding::HalfUp, "2.35"},     {"2.345", 2, Rounding::HalfEven, "2.34"},
        {"2.355", 2, Rounding::HalfEven, "2.36"},   {"-2.345", 2, Rounding::HalfUp, "-2.35"},
        {"-2.345", 2, Rounding::HalfEven, "-2.34"}, {"2.349", 2, Rounding::Down, "2.34"},
        {"-2.341", 2, Rounding::Down, "-2.35"},     {"2.341", 2, Rounding::Up, "2.35"},
        {"-2.349", 2, Rounding::Up, "-2.34"},       {"227.25", 2, Rounding::Down, "227.25"},
        {"1792.6", 0, Rounding::HalfUp, "1793"},    {"1792.5", 0, Rounding::HalfEven, "1792"},
        {"1250", -2, Rounding::HalfUp, "1300"},     {"1249.99", -2, Rounding::HalfUp, "1200"},
        {"-1250", -2, Rounding::HalfUp, "-1300"},   {"0.005", 2, Rounding::HalfUp, "0.01"},
        {"-0.005", 2, Rounding::Up, "0"},
    };
    for (const auto& c : cases) {
        Rational out;
        ASSERT_TRUE(round_to_places(parse(c.value), c.places, c.mode, &out)) << c.value;
        EXPECT_EQ(to_decimal_string(out), c.want) << c.value << " at " << c.places;
    }
    // thirds: 1/3 of $303.00 to the cent
    Rational third;
    ASSERT_TRUE(div(parse("303.01"), R(3), &third));
    Rational cents;
    ASSERT_TRUE(round_to_places(third, 2, Rounding::Down, &cents));
    EXPECT_EQ(to_decimal_string(cents, 2), "101.00");
    ASSERT_TRUE(round_to_places(third, 2, Rounding::Up, &cents));
    EXPECT_EQ(to_decimal_string(cents, 2), "101.01");
}

TEST(Rational, ToIntegerRoundsAsAsked) {
    int64_t n = 0;
    ASSERT_TRUE(to_integer(R(7, 2), Rounding::Down, &n));
    EXPECT_EQ(n, 3);
    ASSERT_TRUE(to_integer(R(7, 2), Rounding::Up, &n));
    EXPECT_EQ(n, 4);
    ASSERT_TRUE(to_integer(R(-7, 2), Rounding::Down, &n));
    EXPECT_EQ(n, -4);
    ASSERT_TRUE(to_integer(R(-7, 2), Rounding::HalfUp, &n));
    EXPECT_EQ(n, -4);
    ASSERT_TRUE(to_integer(R(5, 2), Rounding::HalfEven, &n));
    EXPECT_EQ(n, 2);
    // FLSA hours: floor(537 / 5.15)
    Rational hours;
    ASSERT_TRUE(div(parse("537.00"), parse("5.15"), &hours));
    ASSERT_TRUE(to_integer(hours, Rounding::Down, &n));
    EXPECT_EQ(n, 104);
}

TEST(Rational, ParsesDecimalTextExactly) {
    int places = -1;
    EXPECT_EQ(parse("303.005", &places), R(303005, 1000));
    EXPECT_EQ(places, 3);
    EXPECT_EQ(parse("1.5e2", &places), R(150));
    EXPECT_EQ(places, 0);
    EXPECT_EQ(parse("-0.10", &places), R(-1, 10));
    EXPECT_EQ(places, 2);
    EXPECT_EQ(parse("25E-2", &places), R(1, 4));
    EXPECT_EQ(places, 2);
    EXPECT_EQ(parse("0.1"), R(1, 10));  // not 0.1000000000000000055511151231257827
    EXPECT_EQ(parse("92233720368547758.07"), R(9223372036854775807, 100));
    // past INT64_MAX hundredths, yet exact once reduced: 2^63 / 100 = 2^61 / 25
    EXPECT_EQ(parse("92233720368547758.08"), R(2305843009213693952, 25));
    Rational r;
    for (const char* bad : {"", "-", ".", "1.", ".5", "+1", "1,000", " 1", "1 ", "1e", "1e+", "0x10", "1.2.3", "--1",
                            "1e999", "92233720368547758.09", "99999999999999999999"}) {
        EXPECT_FALSE(parse_decimal(bad, &r, nullptr)) << '"' << bad << '"';
    }
}

// Why a text is refused, so that the case reader says "too large" only of a large number.
TEST(Rational, SaysWhyADecimalDoesNotFit) {
    auto fault = [](const char* text, int* places = nullptr) {
        Rational r;
        DecimalFault f = DecimalFault::None;
        int p = -1;
        bool ok = parse_decimal(text, &r, &p, &f);
        EXPECT_EQ(ok, f == DecimalFault::None) << text;
        if (places) *places = p;
        return f;
    };
    EXPECT_EQ(fault("12.5"), DecimalFault::None);
    for (const char* syntax : {"", "1.", "+1", "1e", "0x10", "01"})
        EXPECT_EQ(fault(syntax), DecimalFault::Syntax) << syntax;
    for (const char* large : {"1e400", "-1.5e+9999", "99999999999999999999", "9300000000000000000", "1e19",
                              "123456789012345678901234567890123"}) {
        EXPECT_EQ(fault(large), DecimalFault::TooLarge) << large;
    }
    for (const char* precise : {"1e-400", "-0.0000000000000000000000001", "123456789012.123456789012345",
                                "0.1234567890123456789012345678901234"}) {
        EXPECT_EQ(fault(precise), DecimalFault::TooPrecise) << precise;
    }
    int places = 0;
    EXPECT_EQ(fault("1e-400", &places), DecimalFault::TooPrecise);
    EXPECT_EQ(places, 400);  // the decimals are known even when the value does not fit
    EXPECT_EQ(fault("0e-400", &places), DecimalFault::None);
}

TEST(Rational, FormatsExactDecimalsAndFractions) {
    EXPECT_EQ(to_decimal_string(R(1650), 2), "1650.00");
    EXPECT_EQ(to_decimal_string(R(-1, 8)), "-0.125");
    EXPECT_EQ(to_decimal_string(R(-1, 8), 2), "-0.125");
    EXPECT_EQ(to_decimal_string(R(1, 3)), "1/3");
    EXPECT_EQ(to_decimal_string(R(std::numeric_limits<int64_t>::min() + 1, 100), 2), "-92233720368547758.07");
    std::string out = "x=";
    append_decimal(R(30325, 100), 2, &out);
    EXPECT_EQ(out, "x=303.25");
}

TEST(Rational, FormatThenParseRoundTrips) {
    std::mt19937_64 rng(7);
    for (int i = 0; i < 100000; ++i) {
        int64_t cents = static_cast<int64_t>(rng()) >> (rng() % 60);
        Rational r = R(cents, 100);
        Rational back;
        ASSERT_TRUE(parse_decimal(to_decimal_string(r, 2), &back, nullptr)) << cents;
        ASSERT_EQ(back, r);
    }
}

}  // namespace
}  // namespace tenet::util
