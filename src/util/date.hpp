// Civil (proleptic Gregorian) dates as day numbers, and durations.
//
// Exports: Days (days since 1970-01-01), the supported range, `forever`, conversion to and from
// year/month/day and ISO text, month arithmetic with clamping, fiscal years.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace tenet::util {

using Days = int32_t;

// After every date: "lifetime", "until cured" with no cure. Arithmetic keeps it forever.
constexpr Days kForever = std::numeric_limits<int32_t>::max();

// The supported range (docs/LANGUAGE.md §12): wide enough for birth dates and long periods,
// narrow enough that a typo like 0999 or 9999 is caught as an error rather than computed with.
constexpr int kMinYear = 1800;
constexpr int kMaxYear = 2299;
Days min_date();  // 1800-01-01
Days max_date();  // 2299-12-31

// Days from civil; false if the date does not exist (1999-02-30) or is out of range.
bool civil_to_days(int64_t year, int64_t month, int64_t day, Days* out);
void days_to_civil(Days d, int* year, int* month, int* day);  // d must not be kForever

// Strict "YYYY-MM-DD" (exactly 10 characters); false on bad syntax, impossible date or range.
bool parse_iso_date(std::string_view text, Days* out);
std::string format_iso_date(Days d);  // "forever" for kForever
void append_iso_date(Days d, std::string* out);

// d + months, keeping the day of the month clamped to the last day of the target month.
// false when the result leaves the supported range. kForever stays kForever.
bool add_months(Days d, int64_t months, Days* out);
// d + days; false when the result leaves the supported range. kForever stays kForever.
bool add_days(Days d, int64_t days, Days* out);

// Whole calendar months from a to b: the largest n with add_months(a, n) <= b (negative when
// b < a: the smallest n with add_months(a, n) >= b).
int64_t months_between(Days a, Days b);

int year_of(Days d);
int month_of(Days d);
int day_of(Days d);
int federal_fiscal_year(Days d);  // FY N: N-1-10-01 .. N-09-30
int state_fiscal_year(Days d);    // Colorado SFY N: N-1-07-01 .. N-06-30
Days first_of_month(Days d);
Days last_of_month(Days d);

}  // namespace tenet::util
