// Random well-typed rulesets and cases.
#include "generator.hpp"

#include <algorithm>
#include <string>

namespace tenet::differential {

uint64_t Entropy::below(uint64_t bound) {
    if (bound <= 1) return 0;
    uint64_t x;
    if (from_bytes_) {
        // as many bytes as the bound needs, so short inputs still reach every choice
        x = 0;
        for (uint64_t b = bound - 1; b != 0; b >>= 8) x = (x << 8) | (pos_ < size_ ? data_[pos_++] : 0);
    } else {
        // splitmix64: small, fast and good enough for test data
        uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        x = z ^ (z >> 31);
    }
    return x % bound;
}

namespace {

const char* kColors[] = {"red", "green", "blue"};

std::string two_digits(int64_t n) { return (n < 10 ? "0" : "") + std::to_string(n); }

}  // namespace

std::string Generator::date_text() {
    switch (r_.below(20)) {
        case 0: return "1800-01-0" + std::to_string(r_.between(1, 9));
        case 1: return "2299-12-" + std::to_string(r_.between(20, 31));
        default: {
            int64_t y = r_.between(1995, 2012), m = r_.between(1, 12);
            int64_t d = r_.chance(20) ? r_.between(28, 31) : r_.between(1, 28);
            if (d > 28) {
                int64_t last = m == 2 ? ((y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28)
                               : (m == 4 || m == 6 || m == 9 || m == 11) ? 30
                                                                         : 31;
                if (d > last) d = last;
            }
            return std::to_string(y) + "-" + two_digits(m) + "-" + two_digits(d);
        }
    }
}

std::string Generator::literal(Ty t) {
    switch (t) {
        case Ty::Int:
            switch (r_.below(12)) {
                case 0: return "0";
                case 1: return "9223372036854775807";
                case 2: return "4611686018427387904";
                default: return std::to_string(r_.between(1, 40));
            }
        case Ty::Decimal: {
            static const char* k[] = {"0.5", "1.25",   "0.333",          "2.0",     "12.125", "0.0",
                                      "3.7", "100.01", "123456789012.5", "0.000001"};
            return k[r_.below(10)];
        }
        case Ty::Money: {
            static const char* k[] = {"$0",    "$1",      "$25",    "$100.50",         "$1,650.00",
                                      "$0.01", "$333.33", "$2,000", "$999,999,999.99", "$7.5"};
            return k[r_.below(10)];
        }
        case Ty::Percent: {
            static const char* k[] = {"25%", "12.5%", "0%", "100%", "150%", "33%", "1%", "0.5%"};
            return k[r_.below(8)];
        }
        case Ty::Date: return r_.chance(8) ? "forever" : date_text();
        case Ty::Duration: {
            static const char* units[] = {" days", " weeks", " months", " years"};
            int64_t n = r_.chance(10) ? 0 : r_.between(1, r_.chance(10) ? 100000 : 400);
            return std::to_string(n) + units[r_.below(4)];
        }
        case Ty::Bool: return r_.chance(50) ? "true" : "false";
        case Ty::Color: return kColors[r_.below(3)];
    }
    return "0";
}

std::string Generator::pick_rule(Ty t) {
    std::vector<const Rule*> fits;
    for (const auto& r : rules_) {
        if (r.type == t) fits.push_back(&r);
    }
    if (fits.empty()) return "";
    return fits[r_.below(fits.size())]->name;
}

std::string Generator::leaf(Ty t) {
    std::vector<std::string> options;
    for (const auto& l : locals_) {
        if (l.type == t && !l.optional) options.push_back(l.name);
    }
    if (!options.empty() && r_.chance(60)) return options[r_.below(options.size())];
    if (r_.chance(30)) {
        std::string rule = pick_rule(t);
        if (!rule.empty()) return rule;
    }
    if (r_.chance(30)) return literal(t);
    switch (t) {
        case Ty::Int: {
            static const char* k[] = {"f.i", "f.j", "pi", "length(f.items)", "lad.level", "(f.oi otherwise 7)"};
            return k[r_.below(narrowing_ ? 5 : 6)];
        }
        case Ty::Decimal: return r_.chance(70) ? "f.d" : "percent_points(f.p)";
        case Ty::Money: {
            static const char* k[] = {"f.m", "pm", "f.m", "(f.om otherwise $10)"};
            return k[r_.below(narrowing_ ? 3 : 4)];
        }
        case Ty::Percent: {
            static const char* k[] = {"f.p", "pp", "lad.percent"};
            return k[r_.below(3)];
        }
        case Ty::Date: {
            static const char* k[] = {"f.dt", "as_of", "pd", "(lad.level_started otherwise f.dt)",
                                      "(f.od otherwise as_of)"};
            return k[r_.below(narrowing_ ? 4 : 5)];
        }
        case Ty::Duration: {
            static const char* k[] = {"days(f.i)", "months(f.i)", "(f.dt - as_of)", "pdur"};
            return k[r_.below(4)];
        }
        case Ty::Bool: return r_.chance(50) ? "f.flag" : "(lad.level > 0)";
        case Ty::Color: return "f.color";
    }
    return literal(t);
}

bool Generator::test_once(const std::string& fact) {
    if (std::find(tested_.begin(), tested_.end(), fact) != tested_.end()) return false;
    tested_.push_back(fact);
    return true;
}

std::string Generator::condition(int depth) {
    if (depth <= 0) return leaf(Ty::Bool);
    switch (r_.below(16)) {
        case 0:
        case 1:
        case 2: {
            static const Ty ordered[] = {Ty::Int, Ty::Decimal, Ty::Money, Ty::Percent, Ty::Date, Ty::Duration};
            static const char* ops[] = {" < ", " <= ", " > ", " >= ", " == ", " != "};
            Ty t = ordered[r_.below(6)];
            return "(" + expr(t, depth - 1) + ops[r_.below(6)] + expr(t, depth - 1) + ")";
        }
        case 3: {
            // a chain: a <= b < c
            Ty t = r_.chance(50) ? Ty::Int : Ty::Money;
            return "(" + expr(t, depth - 1) + " <= " + expr(t, depth - 1) + " < " + expr(t, depth - 1) + ")";
        }
        case 4: return "(" + condition(depth - 1) + " and " + condition(depth - 1) + ")";
        case 5: return "(" + condition(depth - 1) + " or " + condition(depth - 1) + ")";
        case 6: return "(not " + condition(depth - 1) + ")";
        case 7: {
            static const char* k[] = {"(f.items is empty)", "(f.spells is not empty)", "(f.oi is present)",
                                      "(f.od is none)", "(f.om is not none)"};
            size_t pick = r_.below(narrowing_ ? 5 : 2);
            static const char* facts[] = {"", "", "oi", "od", "om"};
            if (pick >= 2 && !test_once(facts[pick])) return leaf(Ty::Bool);
            return k[pick];
        }
        case 8:
            return "(" + expr(Ty::Date, depth - 1) + " within " + literal(Ty::Duration) +
                   (r_.chance(50) ? " before " : " after ") + expr(Ty::Date, depth - 1) + ")";
        case 9:
            return "(" + expr(Ty::Color, depth - 1) + (r_.chance(70) ? " in [" : " not in [") + literal(Ty::Color) +
                   ", " + literal(Ty::Color) + "])";
        case 10:
            return "(" + expr(Ty::Int, depth - 1) + " in [" + literal(Ty::Int) + ", " + expr(Ty::Int, depth - 1) + "])";
        case 11: return aggregate(Ty::Bool, depth);
        case 12:
            if (!narrowing_ || !test_once("oi")) return leaf(Ty::Bool);
            return "(f.oi is present and f.oi > " + expr(Ty::Int, depth - 1) + ")";
        case 13:
            if (!narrowing_ || !test_once("od")) return leaf(Ty::Bool);
            return "(f.od is present and f.od <= " + expr(Ty::Date, depth - 1) + ")";
        case 14:
            return "(" + expr(Ty::Color, depth - 1) + (r_.chance(50) ? " == " : " != ") + expr(Ty::Color, depth - 1) +
                   ")";
        default: return leaf(Ty::Bool);
    }
}

std::string Generator::aggregate(Ty t, int depth) {
    std::string v = "it" + std::to_string(fresh_++);
    bool spells = t == Ty::Bool && r_.chance(30);
    size_t saved = locals_.size();
    if (spells) {
        locals_.push_back(Local{v + ".start", Ty::Date, false});
    } else {
        locals_.push_back(Local{v + ".amount", Ty::Money, false});
        locals_.push_back(Local{v + ".qty", Ty::Int, false});
        locals_.push_back(Local{v + ".dated", Ty::Date, false});
        locals_.push_back(Local{v + ".kind", Ty::Color, false});
    }
    std::string list = spells ? "f.spells" : "f.items";
    std::string filter;
    if (r_.chance(70)) {
        switch (r_.below(5)) {
            case 0:
                filter = spells ? "(" + v + ".cured is none)"
                                : "(" + v + ".paid is present and " + v + ".paid <= " + expr(Ty::Date, depth - 1) + ")";
                break;
            case 1:
                filter = "(" + (spells ? v + ".start" : v + ".dated") + " within " + literal(Ty::Duration) +
                         " before " + expr(Ty::Date, depth - 1) + ")";
                break;
            default: filter = condition(depth - 1); break;
        }
    }
    std::string where = filter.empty() ? "" : " where " + filter;
    std::string out;
    switch (t) {
        case Ty::Int:
            if (r_.chance(50)) out = "count(" + v + " in " + list + where + ")";
            else out = "sum(" + v + ".qty for " + v + " in " + list + where + ")";
            break;
        case Ty::Money:
            switch (r_.below(3)) {
                case 0: out = "sum(" + expr(Ty::Money, depth - 1) + " for " + v + " in " + list + where + ")"; break;
                case 1:
                    out = "(max(" + v + ".amount for " + v + " in " + list + where + ") otherwise " +
                          literal(Ty::Money) + ")";
                    break;
                default:
                    out =
                        "(min(" + expr(Ty::Money, depth - 1) + " for " + v + " in " + list + where + ") otherwise $0)";
                    break;
            }
            break;
        case Ty::Date:
            out = "(" + std::string(r_.chance(50) ? "max(" : "min(") + v + ".dated for " + v + " in " + list + where +
                  ") otherwise " + literal(Ty::Date) + ")";
            break;
        case Ty::Duration:
            out = "sum(" + expr(Ty::Duration, depth - 1) + " for " + v + " in " + list + where + ")";
            break;
        case Ty::Decimal:
            out = "sum(" + v + ".qty / " + expr(Ty::Int, depth - 1) + " for " + v + " in " + list + where + ")";
            break;
        default:
            switch (r_.below(4)) {
                case 0: out = "any(" + v + " in " + list + where + ")"; break;
                case 1: out = "all(" + v + " in " + list + where + ")"; break;
                case 2: out = "(first(" + v + " in " + list + where + ") is present)"; break;
                default: out = "(last(" + v + " in " + list + where + ") is none)"; break;
            }
            break;
    }
    locals_.resize(saved);
    return out;
}

std::string Generator::expr(Ty t, int depth) {
    if (depth <= 0 || r_.chance(25)) return leaf(t);
    auto e = [&](Ty u) { return expr(u, depth - 1); };
    auto paren = [](const std::string& s) { return "(" + s + ")"; };
    auto when = [&](Ty u) { return paren("if " + condition(depth - 1) + " then " + e(u) + " else " + e(u)); };
    auto minmax = [&](Ty u) {
        switch (r_.below(3)) {
            case 0: return "min(" + e(u) + ", " + e(u) + ")";
            case 1: return "max(" + e(u) + ", " + e(u) + ", " + e(u) + ")";
            default: return "clamp(" + e(u) + ", " + e(u) + ", " + e(u) + ")";
        }
    };
    auto limit = [&](Ty u) {
        std::string s = "limit " + e(u) + " { at most " + e(u);
        if (r_.chance(50)) s += " unless " + condition(depth - 1);
        s += " at least " + e(u) + " }";
        return paren(s);
    };
    switch (t) {
        case Ty::Int:
            switch (r_.below(16)) {
                case 0: return paren(e(Ty::Int) + " + " + e(Ty::Int));
                case 1: return paren(e(Ty::Int) + " - " + e(Ty::Int));
                case 2: return paren(e(Ty::Int) + " * " + e(Ty::Int));
                case 3: return "abs(" + e(Ty::Int) + ")";
                case 4: return minmax(Ty::Int);
                case 5: {
                    static const Ty from[] = {Ty::Decimal, Ty::Money, Ty::Percent};
                    return std::string(r_.chance(50) ? "floor(" : "ceil(") + e(from[r_.below(3)]) + ")";
                }
                case 6: {
                    static const char* f[] = {"year(", "month(", "day(", "federal_fiscal_year(", "state_fiscal_year("};
                    return f[r_.below(5)] + e(Ty::Date) + ")";
                }
                case 7:
                    return std::string(r_.chance(50) ? "days_between(" : "months_between(") + e(Ty::Date) + ", " +
                           e(Ty::Date) + ")";
                case 8: return aggregate(Ty::Int, depth);
                case 9: return when(Ty::Int);
                case 10: return "tu(" + e(Ty::Int) + ").n";
                case 11: return paren("- " + e(Ty::Int));
                case 12: return limit(Ty::Int);
                case 13: return "length(tc(" + e(Ty::Date) + ", " + condition(depth - 1) + "))";
                case 14: return narrowing_ ? leaf(t) : paren("f.oi otherwise " + e(Ty::Int));
                default: return leaf(t);
            }
        case Ty::Decimal:
            switch (r_.below(12)) {
                case 0: return paren(e(Ty::Decimal) + (r_.chance(50) ? " + " : " - ") + e(Ty::Decimal));
                case 1: return paren(e(Ty::Decimal) + " * " + e(Ty::Decimal));
                case 2: return paren(e(Ty::Int) + " / " + e(Ty::Int));
                case 3: return paren(e(Ty::Money) + " / " + e(Ty::Money));
                case 4: return paren(e(Ty::Percent) + " / " + e(Ty::Percent));
                case 5: return "percent_points(" + e(Ty::Percent) + ")";
                case 6: {
                    static const char* f[] = {"round_down(", "round_up(", "round_half_up(", "round_half_even("};
                    return f[r_.below(4)] + e(Ty::Decimal) + ", " + std::to_string(r_.between(0, 4)) + ")";
                }
                case 7: return minmax(Ty::Decimal);
                case 8: return when(Ty::Decimal);
                case 9: return paren(e(Ty::Decimal) + " / " + e(Ty::Decimal));
                case 10: return aggregate(Ty::Decimal, depth);
                default: return "abs(" + e(Ty::Decimal) + ")";
            }
        case Ty::Money:
            switch (r_.below(18)) {
                case 0: return paren(e(Ty::Money) + " + " + e(Ty::Money));
                case 1: return paren(e(Ty::Money) + " - " + e(Ty::Money));
                case 2: return paren(e(Ty::Money) + " + " + e(Ty::Int));
                case 3: return paren(e(Ty::Money) + " * " + e(Ty::Int));
                case 4: return paren(e(Ty::Money) + " * " + e(Ty::Percent));
                case 5: return paren(e(Ty::Money) + " * " + e(Ty::Decimal));
                case 6: return paren(e(Ty::Money) + " / " + e(Ty::Int));
                case 7: return paren(e(Ty::Money) + " / " + e(Ty::Percent));
                case 8: {
                    static const char* f[] = {"round_down(", "round_up(", "round_half_up(", "round_half_even("};
                    return f[r_.below(4)] + e(Ty::Money) + (r_.chance(70) ? ", cent)" : ", dollar)");
                }
                case 9: return minmax(Ty::Money);
                case 10: return when(Ty::Money);
                case 11: return "fee(" + e(Ty::Money) + ", " + e(Ty::Int) + ")";
                case 12: return "tf(" + e(Ty::Int) + ", " + e(Ty::Color) + ")";
                case 13: return aggregate(Ty::Money, depth);
                case 14: return limit(Ty::Money);
                case 15: return "abs(" + e(Ty::Money) + ")";
                case 16: return narrowing_ ? leaf(t) : paren("f.om otherwise " + e(Ty::Money));
                default: return paren(e(Ty::Money) + " / " + e(Ty::Decimal));
            }
        case Ty::Percent:
            switch (r_.below(11)) {
                case 0: return paren(e(Ty::Percent) + (r_.chance(50) ? " + " : " - ") + e(Ty::Percent));
                case 1: return paren(e(Ty::Percent) + " * " + e(Ty::Int));
                case 2: return paren(e(Ty::Percent) + " * " + e(Ty::Decimal));
                case 3: return paren(e(Ty::Percent) + " * " + e(Ty::Percent));
                case 4: return paren(e(Ty::Percent) + " / " + e(Ty::Int));
                case 5: return "round_half_even(" + e(Ty::Percent) + ", " + std::to_string(r_.between(0, 2)) + ")";
                case 6: return minmax(Ty::Percent);
                case 7: return when(Ty::Percent);
                case 8: return "tu(" + e(Ty::Int) + ").q";
                case 9: return paren(e(Ty::Int) + " * 1%");
                default: return leaf(t);
            }
        case Ty::Date:
            switch (r_.below(12)) {
                case 0: return paren(e(Ty::Date) + " + " + e(Ty::Duration));
                case 1: return paren(e(Ty::Date) + " - " + e(Ty::Duration));
                case 2: return std::string(r_.chance(50) ? "first_of_month(" : "last_of_month(") + e(Ty::Date) + ")";
                case 3:
                    return "date(year(" + e(Ty::Date) + "), " + std::to_string(r_.between(1, 13)) + ", " +
                           std::to_string(r_.between(1, 31)) + ")";
                case 4: return minmax(Ty::Date);
                case 5: return when(Ty::Date);
                case 6:
                    return narrowing_ && test_once("od") ? "(if f.od is present then f.od else " + e(Ty::Date) + ")"
                                                         : leaf(t);
                case 7: return aggregate(Ty::Date, depth);
                case 8: return "(lad.level_ends otherwise " + e(Ty::Date) + ")";
                case 9: return limit(Ty::Date);
                case 10: return paren(e(Ty::Duration) + " + " + e(Ty::Date));
                default: return leaf(t);
            }
        case Ty::Duration:
            switch (r_.below(11)) {
                case 0: return paren(e(Ty::Duration) + " + " + e(Ty::Duration));
                case 1: return paren(e(Ty::Duration) + " - " + e(Ty::Duration));
                case 2: return paren(e(Ty::Duration) + " * " + e(Ty::Int));
                case 3: {
                    static const char* f[] = {"days(", "weeks(", "months(", "years("};
                    return f[r_.below(4)] + e(Ty::Int) + ")";
                }
                case 4: return paren(e(Ty::Date) + " - " + e(Ty::Date));
                case 5: return minmax(Ty::Duration);
                case 6: return when(Ty::Duration);
                case 7: return aggregate(Ty::Duration, depth);
                case 8: return "abs(" + e(Ty::Duration) + ")";
                case 9: return paren(e(Ty::Int) + " * " + e(Ty::Duration));
                default: return leaf(t);
            }
        case Ty::Bool: return condition(depth);
        case Ty::Color:
            switch (r_.below(3)) {
                case 0: return when(Ty::Color);
                default: return leaf(t);
            }
    }
    return leaf(t);
}

std::string Generator::ruleset(int count) {
    rules_.clear();
    locals_.clear();
    fresh_ = 0;
    std::string s;
    s += "ruleset generated.random \"a generated ruleset\"\n\n";
    s += "enum Color { red, green, blue }\n";
    s += "record Item { amount: money, dated: date, kind: Color, qty: int, paid: date? }\n";
    s += "record Spell { start: date, cured: date? }\n\n";
    s += "facts f {\n  i: int in -1000..1000\n  j: int\n  d: decimal\n  m: money\n  p: percent\n  dt: date\n"
         "  flag: bool\n  color: Color\n  oi: int?\n  om: money?\n  od: date?\n  items: list<Item>\n  spells: "
         "list<Spell>\n}\n\n";

    // parameters in force on some days and not others
    std::string d1 = "19" + std::to_string(r_.between(96, 99)) + "-" + two_digits(r_.between(1, 12)) + "-01";
    std::string d2 = "200" + std::to_string(r_.between(0, 4)) + "-" + two_digits(r_.between(1, 12)) + "-" +
                     two_digits(r_.between(1, 28));
    std::string d3 = "20" + two_digits(r_.between(5, 10)) + "-01-01";
    s += "parameter pm: money {\n  before " + d1 + " = " + literal(Ty::Money) + "\n  from " + d1 + " to " + d2 + " = " +
         literal(Ty::Money) + "\n  from " + d3 + " = " + literal(Ty::Money) + "\n}\n";
    s += "parameter pp: percent = " + literal(Ty::Percent) + "\n";
    s += "parameter pi: int {\n  before " + d3 + " = " + std::to_string(r_.between(0, 12)) + "\n  from " + d3 +
         " = pi_base * 2\n}\n";
    s += "parameter pi_base: int = " + std::to_string(r_.between(1, 9)) + "\n";
    s += "parameter pd: date {\n  before " + d2 + " = " + date_text() + "\n  from " + d2 + " = " +
         (r_.chance(20) ? "forever" : date_text()) + "\n}\n";
    s += "parameter pdur: duration = " + literal(Ty::Duration) + "\n\n";

    // a sanction ladder over f.spells
    int levels = static_cast<int>(r_.between(1, 3));
    s += "ladder lad\n  episodes f.spells from start until cured\n  carry " +
         std::string(r_.chance(60) ? "highest" : "none") + "\n{\n";
    static const char* pcts[] = {"25%", "50%", "100%"};
    for (int l = 1; l <= levels; ++l) {
        auto length = [&]() { return std::to_string(r_.between(1, 90)) + (r_.chance(30) ? " months" : " days"); };
        bool open = l == levels && r_.chance(60);
        // what a cure does (LANGUAGE.md §8): nothing but stop the escalation (`for D`), end the
        // level no sooner than a minimum, no later than a longest length, or at once
        std::string form;
        switch (r_.below(open ? 3 : 4)) {
            case 0: form = open ? " for at least " + length() + " until cured" : " for " + length(); break;
            case 1: form = open ? " until cured" : " for at most " + length() + " until cured"; break;
            case 2: form = open ? " for at least " + length() + " until cured" : " for " + length(); break;
            default: form = " for at least " + length() + " at most " + length() + " until cured"; break;
        }
        s += "  level " + std::to_string(l) + ": " + pcts[l - 1] + form + "\n";
    }
    s += "}\n\n";

    // hit first over an int and an enum
    auto int_cell = [&]() -> std::string {
        int64_t a = r_.between(-5, 20), b = a + r_.between(0, 10);
        switch (r_.below(9)) {
            case 0: return "any";
            case 1: return "< " + std::to_string(b);
            case 2: return "<= " + std::to_string(b);
            case 3: return "> " + std::to_string(a);
            case 4: return ">= " + std::to_string(a);
            case 5: return "!= " + std::to_string(a);
            case 6: return std::to_string(a) + ".." + std::to_string(b);
            case 7: return std::to_string(a) + ", " + std::to_string(b);
            default: return std::to_string(a);
        }
    };
    auto color_cell = [&]() -> std::string {
        switch (r_.below(4)) {
            case 0: return "any";
            case 1: return std::string("!= ") + kColors[r_.below(3)];
            case 2: return std::string(kColors[r_.below(3)]) + ", " + kColors[r_.below(3)];
            default: return kColors[r_.below(3)];
        }
    };
    auto money_output = [&]() -> std::string {
        switch (r_.below(5)) {
            case 0: return "a * " + literal(Ty::Money);
            case 1: return literal(Ty::Money) + " / a";
            case 2: return "(if c == red then $1 else $2)";
            default: return literal(Ty::Money);
        }
    };
    s += "table tf(a: int, c: Color) -> money\n  hit first\n{\n";
    for (int64_t k = r_.between(1, 5); k > 0; --k)
        s += "  " + int_cell() + " | " + color_cell() + " => " + money_output() + "\n";
    if (r_.chance(70)) s += "  any | any => " + money_output() + "\n";
    s += "}\n\n";

    // hit unique over disjoint ranges, perhaps with a gap at the top
    int64_t cut1 = r_.between(-3, 5), cut2 = cut1 + r_.between(1, 10);
    s += "table tu(x: int) -> (n: int, q: percent)\n  hit unique\n{\n";
    s += "  .." + std::to_string(cut1) + " => 1 | " + literal(Ty::Percent) + "\n";
    s += "  " + std::to_string(cut1 + 1) + ".." + std::to_string(cut2) + " => x * 2 | " + literal(Ty::Percent) + "\n";
    if (r_.chance(70)) s += "  " + std::to_string(cut2 + 1) + ".. => x | " + literal(Ty::Percent) + "\n";
    s += "}\n\n";

    s += "table tc(day_of: date, b: bool) -> int\n  hit collect\n{\n";
    s += "  < " + date_text() + " | true => 1\n  any | false => 2\n  >= " + date_text() + " | any => 3\n  " +
         date_text() + ".." + date_text() + " | any => 4\n}\n\n";

    static const char* fees[] = {"x * n + $1", "(if n > 0 then x / n else x)", "x - $5", "min(x, $100) * n"};
    s += std::string("function fee(x: money, n: int) -> money = ") + fees[r_.below(4)] + "\n\n";

    static const Ty types[] = {Ty::Int,  Ty::Decimal,  Ty::Money, Ty::Percent,
                               Ty::Date, Ty::Duration, Ty::Bool,  Ty::Color};
    static const char* names[] = {"int", "decimal", "money", "percent", "date", "duration", "bool", "Color"};
    std::vector<std::string> decisions;
    for (int k = 0; k < count; ++k) {
        size_t ti = r_.below(8);
        Ty t = types[ti];
        std::string name = "r" + std::to_string(k);
        int depth = static_cast<int>(r_.between(1, 4));
        narrowing_ = r_.chance(40);
        tested_.clear();
        if (r_.chance(15)) {
            // a block with a local
            std::string v = "v" + std::to_string(fresh_++);
            Ty lt = types[r_.below(6)];
            std::string value = expr(lt, depth);
            locals_.push_back(Local{v, lt, false});
            // a body starting with `(` would read as a call of the let's value
            std::string body = "if " + condition(depth) + " then " + expr(t, depth) + " else " + expr(t, depth);
            locals_.pop_back();
            s += "rule " + name + ": " + names[ti] + " {\n  let " + v + " = " + value + "\n  " + body + "\n}\n";
        } else if (r_.chance(10)) {
            // an optional rule, read through `otherwise`
            std::string opt = "o" + std::to_string(k);
            s += "rule " + opt + ": " + names[ti] + "? = if " + condition(depth) + " then " + expr(t, depth) +
                 " else none\n";
            s += "rule " + name + ": " + names[ti] + " = " + opt + " otherwise " + literal(t) + "\n";
        } else if (r_.chance(8) && t == Ty::Color) {
            s += "rule l" + std::to_string(k) + ": list<Color> = collect {\n  red when " + condition(depth) + "\n  " +
                 literal(Ty::Color) + " when " + condition(depth) + "\n}\n";
            s += "rule " + name + ": Color = if length(l" + std::to_string(k) + ") > 1 then blue else " +
                 literal(Ty::Color) + "\n";
        } else {
            s += "rule " + name + ": " + names[ti] + " = " + expr(t, depth) + "\n";
        }
        rules_.push_back(Rule{name, t});
        if (t == Ty::Bool || t == Ty::Int || t == Ty::Date || t == Ty::Color) decisions.push_back(name);
    }
    for (size_t k = 0; k < decisions.size() && k < 4; ++k) {
        const std::string& r = decisions[k];
        std::string type;
        for (const auto& rule : rules_) {
            if (rule.name == r) type = names[static_cast<size_t>(rule.type)];
        }
        s += "decision d_" + r + ": " + type + " = " + r + "\n";
    }
    return s;
}

std::string Generator::case_json() {
    auto date = [&]() { return "\"" + date_text() + "\""; };
    auto money = [&]() {
        int64_t cents = r_.chance(10) ? r_.between(-100000000, 100000000) : r_.between(-2000, 500000);
        std::string sign = cents < 0 ? "-" : "";
        if (cents < 0) cents = -cents;
        return "\"" + sign + std::to_string(cents / 100) + "." + two_digits(cents % 100) + "\"";
    };
    std::vector<std::string> fields;
    auto put = [&](const char* name, const std::string& value, bool optional) {
        // a required fact is sometimes missing; an optional one absent or null
        if (r_.chance(6)) return;
        if (optional && r_.chance(30)) {
            fields.push_back(std::string("\"") + name + "\": null");
            return;
        }
        fields.push_back(std::string("\"") + name + "\": " + value);
    };
    put("i", std::to_string(r_.between(-1000, 1000)), false);
    put("j",
        r_.chance(15) ? std::to_string(r_.chance(50) ? INT64_MAX - r_.between(0, 5) : INT64_MIN + r_.between(0, 5))
                      : std::to_string(r_.between(-30, 30)),
        false);
    static const char* decimals[] = {"0", "1.5", "-2.25", "\"0.1\"", "3", "1000000.001", "\"-0.75\"", "12345678.9"};
    put("d", decimals[r_.below(8)], false);
    put("m", money(), false);
    static const char* points[] = {"0", "25", "12.5", "100", "150", "-10", "33.333"};
    put("p", points[r_.below(7)], false);
    put("dt", date(), false);
    put("flag", r_.chance(50) ? "true" : "false", false);
    put("color", std::string("\"") + kColors[r_.below(3)] + "\"", false);
    put("oi", std::to_string(r_.between(-5, 50)), true);
    put("om", money(), true);
    put("od", date(), true);
    std::string items = "[";
    for (int64_t k = r_.between(0, 4); k > 0; --k) {
        items += std::string(items.size() > 1 ? ", " : "") + "{\"amount\": " + money() + ", \"dated\": " + date() +
                 ", \"kind\": \"" + kColors[r_.below(3)] + "\", \"qty\": " + std::to_string(r_.between(-2, 12)) +
                 ", \"paid\": " + (r_.chance(50) ? std::string("null") : date()) + "}";
    }
    put("items", items + "]", false);
    std::string spells = "[";
    for (int64_t k = r_.between(0, 3); k > 0; --k) {
        spells += std::string(spells.size() > 1 ? ", " : "") + "{\"start\": " + date() +
                  ", \"cured\": " + (r_.chance(40) ? std::string("null") : date()) + "}";
    }
    put("spells", spells + "]", false);
    std::string f = "{";
    for (size_t k = 0; k < fields.size(); ++k) f += (k ? ", " : "") + fields[k];
    return "{\"as_of\": " + date() + ", \"f\": " + f + "}}";
}

}  // namespace tenet::differential
