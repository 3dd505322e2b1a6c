// The checks of one scalar fact value, made alike whatever carries the value in: a case's JSON
// (eval/case_json.cpp), typed columns (api/columns.cpp) and the C API's columns (api/c_api.cpp).
//
// Exports: kMoneyLimit, number_fact_value, day_fact_value, text_fact_value, fact_value_in_range.
// Each returns false with a message that names the value as the input wrote it, so a value is
// rejected with the same words on every path; the caller adds where (a JSON path, a row).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "check/model.hpp"
#include "value/value.hpp"
#include "util/rational.hpp"

namespace tenet::eval {

// Money facts and list elements: ±$999,999,999,999.99 (LANGUAGE.md §12), so sums of a case's
// amounts stay far from the 64-bit limits of exact arithmetic.
inline const util::Rational kMoneyLimit{99999999999999, 100};

// A number for a fact of kind k (Int, Decimal, Money or Percent), read exactly and given in the
// fact's own unit (a percent in points: 25 for 25%). `places` is the number of decimals it was
// written with; `fault` is what reading its text found (util::DecimalFault::None for a number
// that was never text); `shown` is how messages quote it (`303.005`).
bool number_fact_value(check::TypeKind k, const util::Rational& r, int places, util::DecimalFault fault,
                       std::string_view shown, Value* out, std::string* message);

// A date fact given as a day number (days since 1970-01-01).
bool day_fact_value(int64_t day, Value* out, std::string* message);

// A Bool, Date or Enum fact given as text: `true`/`false`, YYYY-MM-DD, or one of the enum's
// values (`type` is the fact's type, optional or not). `shown` is how messages quote the text.
bool text_fact_value(const check::Model& m, check::TypeId type, std::string_view text, std::string_view shown,
                     Value* out, std::string* message);

// Whether `v`, a value of kind `k` for fact `f`, lies within the fact's declared bounds; if not,
// `message` says which bound it passes ("value is below the smallest allowed, 0").
bool fact_value_in_range(const check::FactInfo& f, check::TypeKind k, const Value& v, std::string* message);

}  // namespace tenet::eval
