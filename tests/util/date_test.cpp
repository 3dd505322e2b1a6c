// util dates: every day of the supported range against a day-by-day calendar walk, ISO text,
// month arithmetic with clamping, months between, fiscal years at their edges.
#include <gtest/gtest.h>

#include "util/date.hpp"

namespace tenet::util {
namespace {

Days D(const char* iso) {
    Days d = 0;
    EXPECT_TRUE(parse_iso_date(iso, &d)) << iso;
    return d;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int month_length(int y, int m) {
    static const int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : len[m - 1];
}

TEST(Date, EveryDayOfTheRangeAgreesWithACalendarWalk) {
    int y = kMinYear, m = 1, d = 1;
    Days expected = min_date();
    Days epoch = 0;
    ASSERT_TRUE(civil_to_days(1970, 1, 1, &epoch));
    EXPECT_EQ(epoch, 0);
    for (;;) {
        Days got = 0;
        ASSERT_TRUE(civil_to_days(y, m, d, &got)) << y << "-" << m << "-" << d;
        ASSERT_EQ(got, expected);
        int gy, gm, gd;
        days_to_civil(got, &gy, &gm, &gd);
        ASSERT_EQ(gy * 10000 + gm * 100 + gd, y * 10000 + m * 100 + d);
        ASSERT_EQ(year_of(got), y);
        ASSERT_EQ(month_of(got), m);
        ASSERT_EQ(day_of(got), d);
        if (y == kMaxYear && m == 12 && d == 31) break;
        ++expected;
        if (++d > month_length(y, m)) {
            d = 1;
            if (++m > 12) {
                m = 1;
                ++y;
            }
        }
    }
    EXPECT_EQ(expected, max_date());
}

TEST(Date, RejectsImpossibleAndOutOfRangeDates) {
    Days d;
    EXPECT_FALSE(civil_to_days(1999, 2, 29, &d));
    EXPECT_TRUE(civil_to_days(2000, 2, 29, &d));
    EXPECT_FALSE(civil_to_days(1900, 2, 29, &d));
    EXPECT_FALSE(civil_to_days(1999, 13, 1, &d));
    EXPECT_FALSE(civil_to_days(1999, 4, 31, &d));
    EXPECT_FALSE(civil_to_days(1799, 12, 31, &d));
    EXPECT_FALSE(civil_to_days(2300, 1, 1, &d));
    for (const char* bad : {"1999-02-30", "1999-2-01", "19990201", "1999-02-01T00:00", " 1999-02-01", "0999-01-01",
                            "9999-12-31", "1999-00-10", "1999-01-00", "abcd-ef-gh", ""}) {
        EXPECT_FALSE(parse_iso_date(bad, &d)) << bad;
    }
}

TEST(Date, FormatsIsoAndForever) {
    EXPECT_EQ(format_iso_date(D("1998-12-01")), "1998-12-01");
    EXPECT_EQ(format_iso_date(min_date()), "1800-01-01");
    EXPECT_EQ(format_iso_date(kForever), "forever");
    std::string out = "on ";
    append_iso_date(D("2000-02-29"), &out);
    EXPECT_EQ(out, "on 2000-02-29");
}

TEST(Date, AddMonthsClampsToTheEndOfTheMonth) {
    Days out;
    ASSERT_TRUE(add_months(D("1999-01-31"), 1, &out));
    EXPECT_EQ(format_iso_date(out), "1999-02-28");
    ASSERT_TRUE(add_months(D("2000-01-31"), 1, &out));
    EXPECT_EQ(format_iso_date(out), "2000-02-29");
    ASSERT_TRUE(add_months(D("1999-03-31"), -1, &out));
    EXPECT_EQ(format_iso_date(out), "1999-02-28");
    ASSERT_TRUE(add_months(D("1998-08-22"), 12, &out));
    EXPECT_EQ(format_iso_date(out), "1999-08-22");
    ASSERT_TRUE(add_months(D("1999-06-15"), -120, &out));
    EXPECT_EQ(format_iso_date(out), "1989-06-15");
    ASSERT_TRUE(add_months(kForever, -5, &out));
    EXPECT_EQ(out, kForever);
    EXPECT_FALSE(add_months(D("2299-12-01"), 1, &out));
    EXPECT_FALSE(add_months(D("1999-01-01"), INT64_MAX, &out));
    ASSERT_TRUE(add_days(D("1999-02-28"), 1, &out));
    EXPECT_EQ(format_iso_date(out), "1999-03-01");
    EXPECT_FALSE(add_days(max_date(), 1, &out));
    EXPECT_FALSE(add_days(min_date(), INT64_MIN, &out));
}

TEST(Date, MonthsBetweenIsTheLargestWholeMonthCount) {
    EXPECT_EQ(months_between(D("1999-01-31"), D("1999-02-28")), 1);
    EXPECT_EQ(months_between(D("1999-01-15"), D("1999-02-14")), 0);
    EXPECT_EQ(months_between(D("1999-01-15"), D("1999-02-15")), 1);
    EXPECT_EQ(months_between(D("1998-06-01"), D("1999-05-31")), 11);
    EXPECT_EQ(months_between(D("1998-06-01"), D("1999-06-01")), 12);
    EXPECT_EQ(months_between(D("1999-06-01"), D("1999-06-01")), 0);
    // the defining property, over a sweep of pairs
    for (Days a = D("1999-01-01"); a < D("2001-01-01"); a += 7) {
        for (Days b = a; b < a + 800; b += 13) {
            int64_t n = months_between(a, b);
            Days at, next;
            ASSERT_TRUE(add_months(a, n, &at));
            ASSERT_TRUE(add_months(a, n + 1, &next));
            ASSERT_LE(at, b);
            ASSERT_GT(next, b) << format_iso_date(a) << " " << format_iso_date(b);
        }
    }
}

TEST(Date, FiscalYearsTurnOnOctoberAndJulyFirst) {
    EXPECT_EQ(federal_fiscal_year(D("1998-09-30")), 1998);
    EXPECT_EQ(federal_fiscal_year(D("1998-10-01")), 1999);
    EXPECT_EQ(federal_fiscal_year(D("1999-09-30")), 1999);
    EXPECT_EQ(federal_fiscal_year(D("1999-12-31")), 2000);
    EXPECT_EQ(state_fiscal_year(D("1999-06-30")), 1999);
    EXPECT_EQ(state_fiscal_year(D("1999-07-01")), 2000);
    EXPECT_EQ(format_iso_date(first_of_month(D("2000-02-17"))), "2000-02-01");
    EXPECT_EQ(format_iso_date(last_of_month(D("2000-02-17"))), "2000-02-29");
    EXPECT_EQ(format_iso_date(last_of_month(D("1900-02-01"))), "1900-02-28");
}

}  // namespace
}  // namespace tenet::util
