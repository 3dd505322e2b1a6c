// Civil dates as day numbers (Howard Hinnant's days_from_civil / civil_from_days).
#include "util/date.hpp"

namespace tenet::util {

namespace {

int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civil_from_days(int64_t z, int* y, int* m, int* d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    *y = static_cast<int>(yoe + era * 400 + (*m <= 2));
}

bool leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int64_t y, int64_t m) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

}  // namespace

Days min_date() { return static_cast<Days>(days_from_civil(kMinYear, 1, 1)); }
Days max_date() { return static_cast<Days>(days_from_civil(kMaxYear, 12, 31)); }

bool civil_to_days(int64_t year, int64_t month, int64_t day, Days* out) {
    if (year < kMinYear || year > kMaxYear || month < 1 || month > 12 || day < 1) return false;
    if (day > days_in_month(year, month)) return false;
    *out = static_cast<Days>(days_from_civil(year, month, day));
    return true;
}

void days_to_civil(Days d, int* year, int* month, int* day) { civil_from_days(d, year, month, day); }

bool parse_iso_date(std::string_view text, Days* out) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    int64_t parts[3] = {0, 0, 0};
    const size_t starts[3] = {0, 5, 8}, lens[3] = {4, 2, 2};
    for (int p = 0; p < 3; ++p) {
        for (size_t k = 0; k < lens[p]; ++k) {
            char c = text[starts[p] + k];
            if (c < '0' || c > '9') return false;
            parts[p] = parts[p] * 10 + (c - '0');
        }
    }
    return civil_to_days(parts[0], parts[1], parts[2], out);
}

std::string format_iso_date(Days d) {
    if (d == kForever) return "forever";
    int y, m, day;
    civil_from_days(d, &y, &m, &day);
    char buf[16];
    buf[0] = static_cast<char>('0' + y / 1000 % 10);
    buf[1] = static_cast<char>('0' + y / 100 % 10);
    buf[2] = static_cast<char>('0' + y / 10 % 10);
    buf[3] = static_cast<char>('0' + y % 10);
    buf[4] = '-';
    buf[5] = static_cast<char>('0' + m / 10);
    buf[6] = static_cast<char>('0' + m % 10);
    buf[7] = '-';
    buf[8] = static_cast<char>('0' + day / 10);
    buf[9] = static_cast<char>('0' + day % 10);
    return std::string(buf, 10);
}

void append_iso_date(Days d, std::string* out) {
    if (d == kForever) {
        *out += "forever";
        return;
    }
    int y, m, day;
    civil_from_days(d, &y, &m, &day);
    char buf[10] = {static_cast<char>('0' + y / 1000 % 10),
                    static_cast<char>('0' + y / 100 % 10),
                    static_cast<char>('0' + y / 10 % 10),
                    static_cast<char>('0' + y % 10),
                    '-',
                    static_cast<char>('0' + m / 10),
                    static_cast<char>('0' + m % 10),
                    '-',
                    static_cast<char>('0' + day / 10),
                    static_cast<char>('0' + day % 10)};
    out->append(buf, 10);
}

bool add_days(Days d, int64_t days, Days* out) {
    if (d == kForever) {
        *out = d;
        return true;
    }
    if (days > 1000000 || days < -1000000) return false;
    int64_t r = static_cast<int64_t>(d) + days;
    if (r < min_date() || r > max_date()) return false;
    *out = static_cast<Days>(r);
    return true;
}

bool add_months(Days d, int64_t months, Days* out) {
    if (d == kForever) {
        *out = d;
        return true;
    }
    if (months > 100000 || months < -100000) return false;
    int y, m, day;
    civil_from_days(d, &y, &m, &day);
    int64_t index = static_cast<int64_t>(y) * 12 + (m - 1) + months;
    int64_t ny = index >= 0 ? index / 12 : (index - 11) / 12;
    int64_t nm = index - ny * 12 + 1;
    if (ny < kMinYear || ny > kMaxYear) return false;
    int64_t nd = day;
    int last = days_in_month(ny, nm);
    if (nd > last) nd = last;
    *out = static_cast<Days>(days_from_civil(ny, nm, nd));
    return true;
}

int64_t months_between(Days a, Days b) {
    int ya, ma, da, yb, mb, db;
    civil_from_days(a, &ya, &ma, &da);
    civil_from_days(b, &yb, &mb, &db);
    int64_t n = (static_cast<int64_t>(yb) - ya) * 12 + (mb - ma);
    Days probe;
    if (b >= a) {
        // the largest n with a + n months <= b
        while (n > 0 && (!add_months(a, n, &probe) || probe > b)) --n;
        while (add_months(a, n + 1, &probe) && probe <= b) ++n;
    } else {
        // the smallest n with a + n months >= b
        while (n < 0 && (!add_months(a, n, &probe) || probe < b)) ++n;
        while (add_months(a, n - 1, &probe) && probe >= b) --n;
    }
    return n;
}

int year_of(Days d) {
    int y, m, day;
    civil_from_days(d, &y, &m, &day);
    return y;
}

int month_of(Days d) {
    int y, m, day;
    civil_from_days(d, &y, &m, &day);
    return m;
}

int day_of(Days d) {
    int y, m, day;
    civil_from_days(d, &y, &m, &day);
    return day;
}

int federal_fiscal_year(Days d) {
    int y, m, day;
    civil_from_days(d, &y, &m, &day);
    return m >= 10 ? y + 1 : y;
}

int state_fiscal_year(Days d) {
    int y, m, day;
    civil_from_days(d, &y, &m, &day);
    return m >= 7 ? y + 1 : y;
}

Days first_of_month(Days d) {
    int y, m, day;
    civil_from_days(d, &y, &m, &day);
    return static_cast<Days>(days_from_civil(y, m, 1));
}

Days last_of_month(Days d) {
    int y, m, day;
    civil_from_days(d, &y, &m, &day);
    return static_cast<Days>(days_from_civil(y, m, days_in_month(y, m)));
}

}  // namespace tenet::util
