// The literals of §1, scanned by hand (see literals.hpp).
#include "syntax/grammar/literals.hpp"

#include <string>
#include <utility>

#include "util/date.hpp"

namespace tenet::syntax::grammar {
namespace {

bool all_digits(It p, int n) {
    for (int i = 0; i < n; ++i) {
        if (!is_digit(p[i])) return false;
    }
    return true;
}

bool fits_int64(std::string_view digits) {
    while (digits.size() > 1 && digits[0] == '0') digits.remove_prefix(1);
    static constexpr std::string_view kMax = "9223372036854775807";
    return digits.size() < kMax.size() || (digits.size() == kMax.size() && digits <= kMax);
}

ExprPtr scan_money(State& s, It& pos, It last) {
    static const char kGroups[] = "commas in a money literal separate groups of exactly three digits";
    It b = pos;
    It p = b + 1;
    if (p == last || !is_digit(*p)) fail(b, "expected digits after '$'");
    std::string text;
    It group = p;
    while (p != last && is_digit(*p)) text += *p++;
    if (p != last && *p == ',' && p + 1 != last && is_digit(p[1])) {
        if (p - group > 3) fail(p, kGroups);
        while (p != last && *p == ',' && p + 1 != last && is_digit(p[1])) {
            It comma = p++;
            int n = 0;
            while (p != last && is_digit(*p)) {
                text += *p++;
                ++n;
            }
            if (n != 3) fail(comma, kGroups);
        }
    }
    if (p != last && *p == '.' && p + 1 != last && is_digit(p[1])) {
        text += *p++;
        int n = 0;
        while (p != last && is_digit(*p)) {
            text += *p++;
            ++n;
        }
        if (n > 2) fail(b, "money literal has more than 2 decimals");
    }
    ExprPtr e = s.make(ExprKind::MoneyLit, s.span(b, p));
    e->text = std::move(text);
    pos = p;
    return e;
}

ExprPtr scan_date(State& s, It& pos, It last) {
    It p = pos;
    std::string text(p, 10);
    int y = std::stoi(text.substr(0, 4));
    int m = std::stoi(text.substr(5, 2));
    int d = std::stoi(text.substr(8, 2));
    util::Days days = 0;
    if (y < util::kMinYear || y > util::kMaxYear) {
        fail(p, "date " + text + " is outside the supported range " + "1800-01-01..2299-12-31");
    }
    if (!util::civil_to_days(y, m, d, &days)) fail(p, "there is no date " + text);
    ExprPtr e = s.make(ExprKind::DateLit, s.span(p, p + 10));
    e->text = std::move(text);
    pos = p + 10;
    return e;
}

}  // namespace

ExprPtr scan_number(State& s, It& pos, It last) {
    It b = pos;
    if (b == last) return nullptr;
    if (*b == '$') return scan_money(s, pos, last);
    if (!is_digit(*b)) return nullptr;
    if (last - b >= 10 && all_digits(b, 4) && b[4] == '-' && all_digits(b + 5, 2) && b[7] == '-' &&
        all_digits(b + 8, 2) && (b + 10 == last || (!is_digit(b[10]) && word_ends(b + 10, last)))) {
        return scan_date(s, pos, last);
    }
    It p = b;
    while (p != last && is_digit(*p)) ++p;
    // digits-digits-digits written without spaces is meant as a date; say how to write one
    {
        It q = p;
        int dashes = 0;
        while (dashes < 2 && q != last && *q == '-' && q + 1 != last && is_digit(q[1])) {
            ++q;
            while (q != last && is_digit(*q)) ++q;
            ++dashes;
        }
        if (dashes == 2) {
            fail(b,
                 "malformed date `" + std::string(b, q) + "`: write dates as YYYY-MM-DD (put spaces around a minus)");
        }
    }
    bool fraction = false;
    if (p != last && *p == '.' && p + 1 != last && is_digit(p[1])) {
        fraction = true;
        p += 2;
        while (p != last && is_digit(*p)) ++p;
    }
    std::string text(b, p);
    if (p != last && *p == '%') {
        ExprPtr e = s.make(ExprKind::PercentLit, s.span(b, p + 1));
        e->text = std::move(text);
        pos = p + 1;
        return e;
    }
    // A duration unit, on the same line, directly after the integer (§1; units are contextual:
    // `day(d)` elsewhere is a call).
    It u = p;
    while (u != last && (*u == ' ' || *u == '\t')) ++u;
    static const std::pair<std::string_view, DurationUnit> kUnits[] = {
        {"days", DurationUnit::Days},   {"day", DurationUnit::Days},      {"weeks", DurationUnit::Weeks},
        {"week", DurationUnit::Weeks},  {"months", DurationUnit::Months}, {"month", DurationUnit::Months},
        {"years", DurationUnit::Years}, {"year", DurationUnit::Years}};
    const std::pair<std::string_view, DurationUnit>* unit = nullptr;
    for (const auto& candidate : kUnits) {
        if (word_at(u, last, candidate.first)) unit = &candidate;
    }
    if (fraction && unit != nullptr) {
        fail(b, "a duration is a whole number of days, weeks, months or years");
    }
    if (fraction) {
        ExprPtr e = s.make(ExprKind::DecimalLit, s.span(b, p));
        e->text = std::move(text);
        pos = p;
        return e;
    }
    if (!fits_int64(text)) {
        fail(b, "integer literal is too large (the largest is 9223372036854775807)");
    }
    if (unit != nullptr) {
        ExprPtr e = s.make(ExprKind::DurationLit, s.span(b, u + unit->first.size()));
        e->text = std::move(text);
        e->unit = unit->second;
        pos = u + unit->first.size();
        return e;
    }
    ExprPtr e = s.make(ExprKind::IntLit, s.span(b, p));
    e->text = std::move(text);
    pos = p;
    return e;
}

ExprPtr scan_word_literal(State& s, It& pos, It last) {
    struct Word {
        std::string_view text;
        ExprKind kind;
    };
    static const Word kWords[] = {{"true", ExprKind::BoolLit},
                                  {"false", ExprKind::BoolLit},
                                  {"none", ExprKind::NoneLit},
                                  {"forever", ExprKind::DateLit}};
    for (const Word& w : kWords) {
        if (word_at(pos, last, w.text)) {
            ExprPtr e = s.make(w.kind, s.span(pos, pos + w.text.size()));
            if (w.kind != ExprKind::NoneLit) e->text = std::string(w.text);
            pos += w.text.size();
            return e;
        }
    }
    return nullptr;
}

}  // namespace tenet::syntax::grammar
