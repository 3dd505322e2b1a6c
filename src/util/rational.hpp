// Exact rational arithmetic for decimal, money and percent values.
//
// Exports: Rational (num/den, normalised, den > 0) with checked operations, decimal text parsing
// and formatting, and explicit rounding. Nothing here ever uses floating point. Every operation
// that can overflow int64 reports it instead of wrapping: callers turn that into an error that
// names the rule. Operations are inline because the evaluator calls them on its hot path.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tenet::util {

enum class Rounding {
    Down,      // toward negative infinity (floor)
    Up,        // toward positive infinity (ceiling)
    HalfUp,    // to nearest; halves away from zero
    HalfEven,  // to nearest; halves to the even neighbour
};

struct Rational {
    int64_t num = 0;
    int64_t den = 1;  // always > 0; gcd(|num|, den) == 1

    static Rational of(int64_t n) { return Rational{n, 1}; }
    // num/den normalised; false if den == 0 or the result does not fit.
    static bool make(int64_t num, int64_t den, Rational* out);

    bool is_integer() const { return den == 1; }
    // True when the value has a finite decimal expansion (den = 2^a * 5^b).
    bool is_finite_decimal() const;
    // True when the value is a whole number of hundredths (whole cents for money).
    bool is_whole_hundredths() const { return 100 % den == 0; }
};

// Checked arithmetic: false on overflow (or division by zero for div).
bool add(Rational a, Rational b, Rational* out);
bool sub(Rational a, Rational b, Rational* out);
bool mul(Rational a, Rational b, Rational* out);
bool div(Rational a, Rational b, Rational* out);
bool neg(Rational a, Rational* out);
// -1, 0 or 1; exact for all values (no overflow).
inline int compare(Rational a, Rational b) {
    if (a.den == b.den) return (a.num > b.num) - (a.num < b.num);
    __int128 l = static_cast<__int128>(a.num) * b.den;
    __int128 r = static_cast<__int128>(b.num) * a.den;
    return (l > r) - (l < r);
}
inline bool operator==(Rational a, Rational b) { return a.num == b.num && a.den == b.den; }
inline bool operator!=(Rational a, Rational b) { return !(a == b); }

// Rounds to a multiple of 10^-places (places may be negative: -2 rounds to hundreds).
bool round_to_places(Rational x, int places, Rounding mode, Rational* out);
// Rounds to an integer.
bool to_integer(Rational x, Rounding mode, int64_t* out);

// Parses a plain decimal: optional '-', digits, optional '.' and digits, optional exponent
// (e/E, sign, digits: JSON allows "1.5e2"). No spaces, no '+' prefix, no thousands separators.
// `fraction_digits` receives the number of digits after the point once the exponent is applied
// ("303.005" -> 3, "1.5e2" -> 0, "150" -> 0); it may be null. False on bad syntax or overflow.
// Limits of the text (tests/fuzz/money_fuzzer.cpp holds them): every value of at most 30 digits
// as written and at most 18 decimal places (trailing zeros aside) that fits is read exactly;
// longer texts may be refused even when their value fits (no case or ruleset writes them).
bool parse_decimal(std::string_view text, Rational* out, int* fraction_digits);

// Why parse_decimal refused a text: not a number, a value too large for 64 bits ("1e400"), or a
// value with more decimal places than 64 bits hold exactly ("1e-400", "0.1234567890123456789012").
enum class DecimalFault { None, Syntax, TooLarge, TooPrecise };
// parse_decimal that also says why it failed; `fraction_digits` is set whenever the syntax is
// valid, even when the value does not fit ("1e-400" -> 400).
bool parse_decimal(std::string_view text, Rational* out, int* fraction_digits, DecimalFault* fault);

// The exact decimal text when is_finite_decimal(): "-12.5", "3", "0.125". With min_places, pads
// to at least that many digits after the point ("1650.00" for money with min_places 2).
// For a value without a finite expansion, returns the exact fraction as "1/3" (callers decide
// whether that is acceptable; decisions never reach it, the checker requires rounding).
std::string to_decimal_string(Rational x, int min_places = 0);
// The same, appended to `out` (no temporary string: the JSON writer's hot path).
void append_decimal(Rational x, int min_places, std::string* out);

}  // namespace tenet::util
