// The Tenet parser: a Boost.Spirit X3 grammar that turns the text of one .tenet file into a
// syntax::Module (docs/LANGUAGE.md is the reference; section numbers below point into it).
//
// This is the only translation unit that includes Spirit: X3 is header-only and slow to compile,
// so it stays out of every header.
//
// How it is put together:
//  - No lexer. Keywords are matched as whole words (`iffy` is a name, not `if` + `fy`), reserved
//    words are refused as identifiers, identifiers are Unicode (util::is_identifier_*) and are
//    NFC-normalised. The skipper eats whitespace and `#` comments everywhere except inside a
//    table body, whose rows are parsed one line at a time (§6).
//  - Every tree node is a shared_ptr built in semantic actions; the parser state (file id, base
//    pointer for byte offsets, nesting depth, the declaration being parsed for messages) is
//    reached through x3::with<state_tag>.
//  - Errors are exceptions (SyntaxError) thrown by `expect(what)[p]`, which names what was
//    expected in words an analyst understands. The driver at the bottom catches them per
//    declaration, reports one error and skips to the next line that starts a declaration.
//  - Binary operators are parsed by one operator-precedence parser (chain_parser) instead of one
//    rule per precedence level: the precedence table of §7 lives in one place (scan_binary), and
//    each level of parentheses costs a few stack frames instead of fifteen, which keeps the
//    parser inside small thread stacks (see nest_directive).
//  - Nothing recurses without a guard: expressions, types and groups of facts pass through
//    `nest`, which counts the depth before recursing; the tree height is checked as nodes are
//    built (a 100,000-term sum is as deep, for later passes, as 100,000 parentheses).
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#if defined(__linux__)
#include <pthread.h>
#endif

#include <boost/fusion/include/at_c.hpp>
#include <boost/spirit/home/x3.hpp>

#include "syntax/operators.hpp"
#include "syntax/parser.hpp"
#include "util/date.hpp"
#include "util/stack.hpp"
#include "util/utf8.hpp"

namespace tenet::syntax {
namespace {

namespace x3 = boost::spirit::x3;
using boost::fusion::at_c;
using It = const char*;

// ============================================================================================
// Characters, whitespace and comments (§1)
// ============================================================================================

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Whitespace and `#` comments (doc comments `##` included: they are read back from the text).
It skip_ws(It p, It last) {
    while (p != last) {
        if (is_space(*p)) {
            ++p;
        } else if (*p == '#') {
            while (p != last && *p != '\n') ++p;
        } else {
            break;
        }
    }
    return p;
}

// The same without crossing a line break: table rows end at the end of their line.
It skip_blank(It p, It last) {
    while (p != last) {
        if (is_blank(*p)) {
            ++p;
        } else if (*p == '#') {
            while (p != last && *p != '\n') ++p;
        } else {
            break;
        }
    }
    return p;
}

size_t ident_start_len(It p, It last) {
    if (p == last) return 0;
    unsigned char c = static_cast<unsigned char>(*p);
    if (c < 0x80) return (c == '_' || static_cast<unsigned>((c | 0x20) - 'a') < 26u) ? 1 : 0;
    size_t len = 0;
    return util::is_identifier_start(std::string_view(p, last - p), 0, &len) ? len : 0;
}

size_t ident_continue_len(It p, It last) {
    if (p == last) return 0;
    unsigned char c = static_cast<unsigned char>(*p);
    if (c < 0x80) return (c == '_' || static_cast<unsigned>((c | 0x20) - 'a') < 26u || is_digit(*p)) ? 1 : 0;
    size_t len = 0;
    return util::is_identifier_continue(std::string_view(p, last - p), 0, &len) ? len : 0;
}

// The end of the identifier starting at p, or p when none starts there.
It scan_ident(It p, It last) {
    size_t n = ident_start_len(p, last);
    if (n == 0) return p;
    p += n;
    while ((n = ident_continue_len(p, last)) != 0) p += n;
    return p;
}

bool word_ends(It p, It last) { return ident_continue_len(p, last) == 0; }

// True when the word w is at p as a whole word.
bool word_at(It p, It last, std::string_view w) {
    return static_cast<size_t>(last - p) >= w.size() && std::memcmp(p, w.data(), w.size()) == 0 &&
           word_ends(p + w.size(), last);
}

// §13: reserved words are never names. (Contextual keywords such as `first`, `level` or the
// duration units are matched only where the grammar expects them.)
bool is_reserved(std::string_view w) {
    static const std::unordered_set<std::string_view> kReserved = {
        "ruleset", "library", "extends", "import", "enum", "record", "fact", "facts",
        "parameter", "table", "rule", "decision", "function", "ladder", "case", "test",
        "given", "expect", "override", "cite", "reading", "let", "if", "then", "else", "and",
        "or", "not", "is", "in", "within", "before", "after", "otherwise", "none", "true",
        "false", "forever", "for", "where", "collect", "when", "limit", "unless", "from",
        "until", "to", "any"};
    return kReserved.count(w) != 0;
}

// The words that start a declaration: error recovery resumes at a line that begins with one.
bool starts_declaration(It p, It last) {
    static const std::string_view kStarters[] = {
        "enum", "record", "fact", "facts", "parameter", "table", "rule", "decision",
        "function", "ladder", "case", "test", "override"};
    for (std::string_view w : kStarters) {
        if (word_at(p, last, w)) return true;
    }
    return false;
}

// ============================================================================================
// Parser state and errors
// ============================================================================================

struct SyntaxError {
    It where;
    std::string message;
};

// Errors are thrown from out-of-line cold functions: the parsers on the recursion path then keep
// no message strings in their stack frames (see nest_directive on why frames must stay small).
[[noreturn]] [[gnu::noinline]] [[gnu::cold]] void fail(It where, const char* message) {
    throw SyntaxError{where, message};
}
[[noreturn]] [[gnu::noinline]] [[gnu::cold]] void fail(It where, std::string message) {
    throw SyntaxError{where, std::move(message)};
}

static_assert(kMaxNestingDepth == 256, "update the nesting messages");
const char kExprTooDeep[] = "expression nested too deeply (more than 256 levels)";

struct State {
    It base = nullptr;
    uint32_t file = 0;
    int depth = 0;                // open nesting levels (see nest_directive)
    uintptr_t stack_floor = 0;    // the parser stops before the stack pointer goes below; 0: unknown
    // Height of every expression node built for the current declaration (leaves 0), so that the
    // height limit is checked as the tree grows, without a recursive walk.
    std::unordered_map<const Expr*, int> heights;
    std::string decl_word;        // "decision", for messages such as "... body of decision `x`"
    std::string decl_name;
    Module* module = nullptr;

    uint32_t off(It p) const { return static_cast<uint32_t>(p - base); }
    Span span(It b, It e) const { return Span{file, off(b), off(e)}; }

    ExprPtr make(ExprKind k, Span sp) {
        auto e = std::make_shared<Expr>();
        e->kind = k;
        e->span = sp;
        heights[e.get()] = 0;   // also forgets a freed node that had the same address
        return e;
    }
    int height(const ExprPtr& e) const {
        if (!e) return -1;
        auto it = heights.find(e.get());
        return it == heights.end() ? 0 : it->second;
    }
    [[gnu::noinline]] void check_height(Expr& e, int h, It at) {
        heights[&e] = h;
        if (h > kMaxNestingDepth) fail(at, kExprTooDeep);
    }
    // Recomputes the height of e from its children (called once the node is complete).
    [[gnu::noinline]] void seal(Expr& e, It at) {
        int h = -1;
        for (const ExprPtr& a : e.args) h = std::max(h, height(a));
        for (const CollectEntry& c : e.entries) {
            h = std::max({h, height(c.value), height(c.condition)});
        }
        for (const LimitStep& s : e.steps) h = std::max({h, height(s.bound), height(s.unless)});
        check_height(e, h + 1, at);
    }
    // e gained one more child (a comparison chain growing): no need to look at the others.
    void raise(Expr& e, const ExprPtr& child, It at) {
        check_height(e, std::max(height_of(e), height(child) + 1), at);
    }
    int height_of(const Expr& e) const {
        auto it = heights.find(&e);
        return it == heights.end() ? 0 : it->second;
    }
};

struct state_tag;

template <typename Context>
State& state_of(Context const& ctx) {
    return x3::get<state_tag>(ctx).get();
}

// Replaces {decl} with "decision `x`" and {kw} with "decision" in an error message.
std::string expand(std::string_view what, const State& s) {
    std::string out;
    for (size_t i = 0; i < what.size();) {
        if (what.compare(i, 6, "{decl}") == 0) {
            out += s.decl_word;
            if (!s.decl_name.empty()) out += " `" + s.decl_name + "`";
            i += 6;
        } else if (what.compare(i, 4, "{kw}") == 0) {
            out += s.decl_word;
            i += 4;
        } else {
            out += what[i++];
        }
    }
    return out;
}

// Stores a parsed value into an X3 attribute that may be `unused`.
template <typename T>
void put(T&&, x3::unused_type const&) {}
template <typename T, typename A>
void put(T&& v, A& a) {
    a = std::forward<T>(v);
}

// ============================================================================================
// Primitive parsers: keywords, identifiers, strings, literals
// ============================================================================================

// A keyword: the word, not followed by an identifier character.
struct kw_parser : x3::parser<kw_parser> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    std::string_view word;
    constexpr explicit kw_parser(std::string_view w) : word(w) {}

    template <typename Iter, typename Ctx, typename RCtx, typename Attr>
    bool parse(Iter& first, Iter const& last, Ctx const&, RCtx&, Attr&) const {
        It p = skip_ws(first, last);
        if (!word_at(p, last, word)) return false;
        first = p + word.size();
        return true;
    }
};
constexpr kw_parser kw(std::string_view w) { return kw_parser(w); }

// One of several plain words (used for `count(x in ...)` and friends); attribute: the word.
struct word_choice_parser : x3::parser<word_choice_parser> {
    using attribute_type = std::string;
    static bool const has_attribute = true;
    const std::string_view* words;
    size_t count;
    constexpr word_choice_parser(const std::string_view* w, size_t n) : words(w), count(n) {}

    template <typename Iter, typename Ctx, typename RCtx, typename Attr>
    bool parse(Iter& first, Iter const& last, Ctx const&, RCtx&, Attr& attr) const {
        It p = skip_ws(first, last);
        for (size_t i = 0; i < count; ++i) {
            std::string_view w = words[i];
            if (word_at(p, last, w)) {
                put(std::string(w), attr);
                first = p + w.size();
                return true;
            }
        }
        return false;
    }
};

// The current position (after whitespace); consumes nothing. For error positions in actions.
struct here_parser : x3::parser<here_parser> {
    using attribute_type = It;
    static bool const has_attribute = true;
    template <typename Iter, typename Ctx, typename RCtx, typename Attr>
    bool parse(Iter& first, Iter const& last, Ctx const&, RCtx&, Attr& attr) const {
        put(skip_ws(first, last), attr);
        return true;
    }
};
constexpr here_parser here{};

struct Ident {
    std::string text;   // NFC
    Span span;
};

// Reads an identifier at p (already past whitespace); returns its end, or p if none.
It read_ident(It p, It last, std::string* text) {
    It e = scan_ident(p, last);
    if (e != p) *text = util::to_nfc(std::string_view(p, e - p));
    return e;
}

// An identifier that is not a reserved word; fails softly.
struct ident_parser : x3::parser<ident_parser> {
    using attribute_type = Ident;
    static bool const has_attribute = true;
    template <typename Iter, typename Ctx, typename RCtx, typename Attr>
    bool parse(Iter& first, Iter const& last, Ctx const& ctx, RCtx&, Attr& attr) const {
        It p = skip_ws(first, last);
        std::string text;
        It e = read_ident(p, last, &text);
        if (e == p || is_reserved(text)) return false;
        put(Ident{std::move(text), state_of(ctx).span(p, e)}, attr);
        first = e;
        return true;
    }
};
constexpr ident_parser ident{};

// A name that must be there: fails with "expected <what>", or with a clear message when the
// word there is reserved (`rule if: ...`).
struct name_parser : x3::parser<name_parser> {
    using attribute_type = Ident;
    static bool const has_attribute = true;
    const char* what;
    constexpr explicit name_parser(const char* w) : what(w) {}
    template <typename Iter, typename Ctx, typename RCtx, typename Attr>
    bool parse(Iter& first, Iter const& last, Ctx const& ctx, RCtx&, Attr& attr) const {
        State& s = state_of(ctx);
        It p = skip_ws(first, last);
        std::string text;
        It e = read_ident(p, last, &text);
        if (e == p) fail(p, "expected " + expand(what, s));
        if (is_reserved(text)) {
            fail(p, "`" + text + "` is a reserved word and cannot be used as a name");
        }
        put(Ident{std::move(text), s.span(p, e)}, attr);
        first = e;
        return true;
    }
};
constexpr name_parser name_p(const char* what) { return name_parser(what); }

struct Str {
    std::string text;   // unescaped
    Span span;
};

// "..." with \" and \\ escapes, on one line.
struct string_parser : x3::parser<string_parser> {
    using attribute_type = Str;
    static bool const has_attribute = true;
    template <typename Iter, typename Ctx, typename RCtx, typename Attr>
    bool parse(Iter& first, Iter const& last, Ctx const& ctx, RCtx&, Attr& attr) const {
        It p = skip_ws(first, last);
        if (p == last || *p != '"') return false;
        std::string text;
        It q = p + 1;
        for (;;) {
            if (q == last || *q == '\n') fail(p, "unterminated string");
            if (*q == '"') break;
            if (*q == '\\') {
                if (q + 1 != last && (q[1] == '"' || q[1] == '\\')) {
                    text += q[1];
                    q += 2;
                    continue;
                }
                if (q + 1 == last || q[1] == '\n') fail(p, "unterminated string");
                fail(q, "unknown escape in a string: only \\\" and \\\\ are allowed");
            }
            text += *q++;
        }
        ++q;
        put(Str{std::move(text), state_of(ctx).span(p, q)}, attr);
        first = q;
        return true;
    }
};
constexpr string_parser str{};

// ---- numeric literals (§1): int, decimal, money, percent, date, duration -------------------

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
        fail(p, "date " + text + " is outside the supported range " +
                                 "1800-01-01..2299-12-31");
    }
    if (!util::civil_to_days(y, m, d, &days)) fail(p, "there is no date " + text);
    ExprPtr e = s.make(ExprKind::DateLit, s.span(p, p + 10));
    e->text = std::move(text);
    pos = p + 10;
    return e;
}

// A literal that starts with a digit or '$' at pos (already past whitespace); null if none
// starts there; throws on a malformed one. Dates are tried first: `1998-12-01` is a date, and
// `1998 - 12` (with spaces) a subtraction.
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
            fail(b, "malformed date `" + std::string(b, q) +
                                     "`: write dates as YYYY-MM-DD (put spaces around a minus)");
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
        {"days", DurationUnit::Days},     {"day", DurationUnit::Days},
        {"weeks", DurationUnit::Weeks},   {"week", DurationUnit::Weeks},
        {"months", DurationUnit::Months}, {"month", DurationUnit::Months},
        {"years", DurationUnit::Years},   {"year", DurationUnit::Years}};
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

// `true`, `false`, `none`, `forever` at pos; null if none of them.
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

bool is_number_kind(ExprKind k) {
    return k == ExprKind::IntLit || k == ExprKind::DecimalLit || k == ExprKind::MoneyLit ||
           k == ExprKind::PercentLit;
}

struct number_parser : x3::parser<number_parser> {
    using attribute_type = ExprPtr;
    static bool const has_attribute = true;
    template <typename Iter, typename Ctx, typename RCtx, typename Attr>
    bool parse(Iter& first, Iter const& last, Ctx const& ctx, RCtx&, Attr& attr) const {
        It p = skip_ws(first, last);
        ExprPtr e = scan_number(state_of(ctx), p, last);
        if (!e) return false;
        put(std::move(e), attr);
        first = p;
        return true;
    }
};

struct word_literal_parser : x3::parser<word_literal_parser> {
    using attribute_type = ExprPtr;
    static bool const has_attribute = true;
    template <typename Iter, typename Ctx, typename RCtx, typename Attr>
    bool parse(Iter& first, Iter const& last, Ctx const& ctx, RCtx&, Attr& attr) const {
        It p = skip_ws(first, last);
        ExprPtr e = scan_word_literal(state_of(ctx), p, last);
        if (!e) return false;
        put(std::move(e), attr);
        first = p;
        return true;
    }
};

// A date literal (`1998-12-01` or `forever`), for parameter periods.
struct date_parser : x3::parser<date_parser> {
    using attribute_type = ExprPtr;
    static bool const has_attribute = true;
    template <typename Iter, typename Ctx, typename RCtx, typename Attr>
    bool parse(Iter& first, Iter const& last, Ctx const& ctx, RCtx&, Attr& attr) const {
        State& s = state_of(ctx);
        It p = skip_ws(first, last);
        ExprPtr e = scan_number(s, p, last);
        if (!e) e = scan_word_literal(s, p, last);
        if (!e || e->kind != ExprKind::DateLit) return false;
        put(std::move(e), attr);
        first = p;
        return true;
    }
};

// A literal in a table cell or a fact range: numbers may be negative (`-3`, `-$5`), and in cells
// an enum value may be written bare or qualified (`single_parent`, `FamilyType.single_parent`).
struct cell_literal_parser : x3::parser<cell_literal_parser> {
    using attribute_type = ExprPtr;
    static bool const has_attribute = true;
    bool names;   // false in fact ranges: a name there is the next fact, not a bound
    constexpr explicit cell_literal_parser(bool n) : names(n) {}
    template <typename Iter, typename Ctx, typename RCtx, typename Attr>
    bool parse(Iter& first, Iter const& last, Ctx const& ctx, RCtx&, Attr& attr) const {
        State& s = state_of(ctx);
        It b = skip_ws(first, last);
        It p = b;
        if (p != last && *p == '-') {
            p = skip_ws(p + 1, last);
            ExprPtr e = scan_number(s, p, last);
            if (!e || !is_number_kind(e->kind)) fail(p, "expected a number after '-'");
            e->text.insert(0, "-");
            e->span.begin = s.off(b);
            put(std::move(e), attr);
            first = p;
            return true;
        }
        ExprPtr e = scan_number(s, p, last);
        if (!e) e = scan_word_literal(s, p, last);
        if (!e && names) {
            std::string text;
            It q = read_ident(p, last, &text);
            if (q == p || is_reserved(text)) return false;
            e = s.make(ExprKind::Name, s.span(p, q));
            e->text = std::move(text);
            p = q;
            It d = skip_blank(p, last);
            if (d != last && *d == '.' && (d + 1 == last || d[1] != '.')) {
                It n = skip_blank(d + 1, last);
                It ne = read_ident(n, last, &text);
                if (ne == n || is_reserved(text)) fail(n, "expected a value name after '.'");
                ExprPtr f = s.make(ExprKind::Field, s.span(b, ne));
                f->text = std::move(text);
                f->args.push_back(std::move(e));
                s.seal(*f, d);
                e = std::move(f);
                p = ne;
            }
        }
        if (!e) return false;
        put(std::move(e), attr);
        first = p;
        return true;
    }
};

// ============================================================================================
// Directives: expectation with a message, spans, nesting guard
// ============================================================================================

[[noreturn]] [[gnu::noinline]] [[gnu::cold]] void fail_expected(It where, const char* what, const State& s) {
    throw SyntaxError{where, "expected " + expand(what, s)};
}

// expect("a type after ':'")[p]: p, or a SyntaxError "expected a type after ':'" at the first
// token that p could not take.
template <typename Subject>
struct expect_directive : x3::unary_parser<Subject, expect_directive<Subject>> {
    using base_type = x3::unary_parser<Subject, expect_directive<Subject>>;
    static bool const is_pass_through_unary = true;
    const char* what;
    constexpr expect_directive(Subject const& subject, const char* w) : base_type(subject), what(w) {}

    template <typename Iter, typename Ctx, typename RCtx, typename Attr>
    bool parse(Iter& first, Iter const& last, Ctx const& ctx, RCtx& rctx, Attr& attr) const {
        if (this->subject.parse(first, last, ctx, rctx, attr)) return true;
        fail_expected(skip_ws(first, last), what, state_of(ctx));
    }
};

struct expect_gen {
    const char* what;
    template <typename Subject>
    constexpr expect_directive<typename x3::extension::as_parser<Subject>::value_type> operator[](
        Subject const& subject) const {
        return {x3::as_parser(subject), what};
    }
};
constexpr expect_gen expect(const char* what) { return {what}; }

// Gives the rule's value the span of the text the subject matched; an expression node is also
// sealed (its height computed and checked) now that all its children are in place.
void set_span(State& s, ExprPtr& e, Span sp, It at) {
    if (!e) return;
    e->span = sp;
    s.seal(*e, at);
}
void set_span(State&, DeclPtr& d, Span sp, It) {
    if (d) d->span = sp;
}
void set_span(State&, TypeExprPtr& t, Span sp, It) {
    if (t) t->span = sp;
}
template <typename T>
auto set_span(State&, T& x, Span sp, It) -> decltype(x.span = sp, void()) {
    x.span = sp;
}

template <typename Subject>
struct spanned_directive : x3::unary_parser<Subject, spanned_directive<Subject>> {
    using base_type = x3::unary_parser<Subject, spanned_directive<Subject>>;
    static bool const is_pass_through_unary = true;
    constexpr explicit spanned_directive(Subject const& subject) : base_type(subject) {}

    // rctx is the enclosing rule's value (X3 passes it down as the rule context).
    template <typename Iter, typename Ctx, typename RCtx, typename Attr>
    bool parse(Iter& first, Iter const& last, Ctx const& ctx, RCtx& rctx, Attr& attr) const {
        It b = skip_ws(first, last);
        if (!this->subject.parse(first, last, ctx, rctx, attr)) return false;
        State& s = state_of(ctx);
        set_span(s, rctx, s.span(b, first), b);
        return true;
    }
};

struct spanned_gen {
    template <typename Subject>
    constexpr spanned_directive<typename x3::extension::as_parser<Subject>::value_type> operator[](
        Subject const& subject) const {
        return spanned_directive<typename x3::extension::as_parser<Subject>::value_type>(
            x3::as_parser(subject));
    }
};
constexpr spanned_gen spanned{};

// into(&Expr::entries)[p]: parses p straight into a new last element of a vector of the rule's
// node, instead of into a local that is then copied: the element being built does not sit in a
// stack frame while its (possibly deeply nested) expressions are parsed.
template <typename Subject, typename Vector>
struct into_directive : x3::unary_parser<Subject, into_directive<Subject, Vector>> {
    using base_type = x3::unary_parser<Subject, into_directive<Subject, Vector>>;
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    Vector Expr::*member;
    constexpr into_directive(Subject const& subject, Vector Expr::*m) : base_type(subject), member(m) {}

    template <typename Iter, typename Ctx, typename RCtx, typename Attr>
    bool parse(Iter& first, Iter const& last, Ctx const& ctx, RCtx& rctx, Attr&) const {
        Vector& items = (*rctx).*member;
        items.emplace_back();
        if (this->subject.parse(first, last, ctx, x3::unused, items.back())) return true;
        items.pop_back();
        return false;
    }
};

template <typename Vector>
struct into_gen {
    Vector Expr::*member;
    template <typename Subject>
    constexpr into_directive<typename x3::extension::as_parser<Subject>::value_type, Vector> operator[](
        Subject const& subject) const {
        return {x3::as_parser(subject), member};
    }
};
template <typename Vector>
constexpr into_gen<Vector> into(Vector Expr::*member) {
    return {member};
}

// nest(message)[p]: one more level of nesting. Fails with the message before recursing past
// kMaxNestingDepth levels. The frames on the recursion path are kept small (parse_out_of_line,
// the cold `fail` functions, into(...)): in an optimised build one level of any construct costs
// under 800 bytes, so the limit is reached well within a 256 KiB thread stack. As a safety net
// for smaller stacks or unoptimised builds, it also fails when the stack is nearly used up.
[[gnu::noinline]] void check_nesting(const State& s, It first, It last, const char* message) {
    if (s.depth > kMaxNestingDepth) fail(skip_ws(first, last), message);
    char probe = 0;
    if (s.stack_floor != 0 && reinterpret_cast<uintptr_t>(&probe) < s.stack_floor) {
        fail(skip_ws(first, last), std::string(message) + "; the parser ran out of stack space");
    }
}

template <typename Subject>
struct nest_directive : x3::unary_parser<Subject, nest_directive<Subject>> {
    using base_type = x3::unary_parser<Subject, nest_directive<Subject>>;
    static bool const is_pass_through_unary = true;
    const char* message;
    constexpr nest_directive(Subject const& subject, const char* m) : base_type(subject), message(m) {}

    template <typename Iter, typename Ctx, typename RCtx, typename Attr>
    bool parse(Iter& first, Iter const& last, Ctx const& ctx, RCtx& rctx, Attr& attr) const {
        State& s = state_of(ctx);
        check_nesting(s, first, last, message);
        struct Level {
            int& depth;
            explicit Level(int& d) : depth(d) { ++depth; }
            ~Level() { --depth; }
        } level(s.depth);
        return this->subject.parse(first, last, ctx, rctx, attr);
    }
};

struct nest_gen {
    const char* message;
    template <typename Subject>
    constexpr nest_directive<typename x3::extension::as_parser<Subject>::value_type> operator[](
        Subject const& subject) const {
        return {x3::as_parser(subject), message};
    }
};

constexpr nest_gen nest_expr{kExprTooDeep};
constexpr nest_gen nest_type{"type nested too deeply (more than 256 levels)"};
constexpr nest_gen nest_facts{"groups of facts nested too deeply (more than 256 levels)"};

// ============================================================================================
// Rule declarations (definitions follow, grouped by the language sections)
// ============================================================================================

// §7 expressions
x3::rule<class expr_class, ExprPtr> const expr = "an expression";
x3::rule<class if_expr_class, ExprPtr> const if_expr = "an if expression";
x3::rule<class paren_class, ExprPtr> const paren_expr = "a parenthesised expression";
x3::rule<class list_class, ExprPtr> const list_expr = "a list";
x3::rule<class record_lit_class, ExprPtr> const record_expr = "a record";
x3::rule<class any_class, ExprPtr> const any_expr = "any(...)";
x3::rule<class in_aggregate_class, ExprPtr> const in_aggregate = "an aggregate";
x3::rule<class name_or_call_class, ExprPtr> const name_or_call = "a name or a call";
x3::rule<class collect_class, ExprPtr> const collect_expr = "a collect block";
x3::rule<class collect_entry_class, CollectEntry> const collect_entry = "a collect entry";
x3::rule<class limit_class, ExprPtr> const limit_expr = "a limit block";
x3::rule<class limit_step_class, LimitStep> const limit_step = "a limit step";
x3::rule<class block_class, ExprPtr> const block = "a block";
// §3 types
x3::rule<class type_class, TypeExprPtr> const type = "a type";
x3::rule<class type_base_class, TypeExprPtr> const type_base = "a type";
// annotations and shared pieces
x3::rule<class notes_class, Annotations> const notes = "annotations";
x3::rule<class field_class, Field> const field = "a field";
x3::rule<class dotted_class, std::vector<Ident>> const dotted_name = "a dotted name";
// §2 header
x3::rule<class header_class> const header = "the header";
// §3-§9 declarations
x3::rule<class declaration_class, DeclPtr> const declaration = "a declaration";
x3::rule<class decl_kinds_class, DeclPtr> const decl_kinds = "a declaration";
x3::rule<class enum_decl_class, DeclPtr> const enum_decl = "an enum";
x3::rule<class record_decl_class, DeclPtr> const record_decl = "a record";
x3::rule<class fact_decl_class, DeclPtr> const fact_decl = "a fact";
x3::rule<class facts_decl_class, DeclPtr> const facts_decl = "a group of facts";
x3::rule<class fact_member_class, DeclPtr> const fact_member = "a fact";
x3::rule<class range_class, FactRange> const fact_range = "a range";
x3::rule<class parameter_decl_class, DeclPtr> const parameter_decl = "a parameter";
x3::rule<class period_class, ParamPeriod> const period = "a period";
x3::rule<class table_decl_class, DeclPtr> const table_decl = "a table";
x3::rule<class row_class, TableRow> const table_row = "a table row";
x3::rule<class cell_class, TableCell> const table_cell = "a table cell";
x3::rule<class cell_test_class, CellTest> const cell_test = "a cell test";
x3::rule<class rule_decl_class, DeclPtr> const rule_decl = "a rule";
x3::rule<class function_decl_class, DeclPtr> const function_decl = "a function";
x3::rule<class ladder_decl_class, DeclPtr> const ladder_decl = "a ladder";
x3::rule<class level_class, LadderLevel> const ladder_level = "a ladder level";
x3::rule<class case_decl_class, DeclPtr> const case_decl = "a case";
x3::rule<class test_decl_class, DeclPtr> const test_decl = "a test";
x3::rule<class assignment_class, Assignment> const assignment = "an assignment";
x3::rule<class expectation_class, Expectation> const expectation = "an expectation";

// ============================================================================================
// §7 Expressions: operands
// ============================================================================================

// Calls a parser in a function of its own. On the recursion path (expression -> operand ->
// bracket -> expression) this keeps each frame down to what its own parser needs: inlined into
// one function, the ten alternatives of an operand would put all their locals on the stack at
// every level of nesting.
template <typename Parser, typename Ctx, typename Attr>
[[gnu::noinline]] bool parse_out_of_line(Parser const& p, It& first, It last, Ctx const& ctx, Attr& attr) {
    return p.parse(first, last, ctx, x3::unused, attr);
}

constexpr number_parser number_literal{};
constexpr word_literal_parser word_literal{};

// An operand without prefix operators or `.field` suffixes, chosen by its first character.
struct primary_parser : x3::parser<primary_parser> {
    using attribute_type = ExprPtr;
    static bool const has_attribute = true;
    template <typename Iter, typename Ctx, typename RCtx, typename Attr>
    bool parse(Iter& first, Iter const& last, Ctx const& ctx, RCtx&, Attr& attr) const {
        It p = skip_ws(first, last);
        if (p == last) return false;
        ExprPtr e;
        bool ok = false;
        switch (*p) {
            case '(': ok = parse_out_of_line(paren_expr, first, last, ctx, e); break;
            case '[': ok = parse_out_of_line(list_expr, first, last, ctx, e); break;
            case '{': ok = parse_out_of_line(record_expr, first, last, ctx, e); break;
            case '$':
            case '0': case '1': case '2': case '3': case '4':
            case '5': case '6': case '7': case '8': case '9':
                ok = parse_out_of_line(number_literal, first, last, ctx, e);
                break;
            default:
                if (word_at(p, last, "collect")) {
                    ok = parse_out_of_line(collect_expr, first, last, ctx, e);
                } else if (word_at(p, last, "limit")) {
                    ok = parse_out_of_line(limit_expr, first, last, ctx, e);
                } else if (word_at(p, last, "any")) {
                    ok = parse_out_of_line(any_expr, first, last, ctx, e);
                } else {
                    ok = parse_out_of_line(word_literal, first, last, ctx, e) ||
                         parse_out_of_line(in_aggregate, first, last, ctx, e) ||
                         parse_out_of_line(name_or_call, first, last, ctx, e);
                }
                break;
        }
        if (ok) put(std::move(e), attr);
        return ok;
    }
};
constexpr primary_parser primary{};

// ============================================================================================
// §7 Expressions: operators by precedence
// ============================================================================================

// Binding power (Prec), spelling and node kind of each operator: syntax/operators.hpp.

struct OpTok {
    bool prefix = false;
    ExprKind kind = ExprKind::Binary;   // Unary, Binary, Compare, In, Otherwise, Within
    Op op = Op::None;                   // Within: None until `before` or `after` is seen
    bool negated = false;               // `not in`
    int prec = 0;
    It begin = nullptr;
    std::string_view text;              // for "expected an expression after `+`"
};

// A binary operator at p (already past whitespace); advances p past it.
[[gnu::noinline]] bool scan_binary(It& p, It last, OpTok* t) {
    if (p == last) return false;
    auto set_word = [&](ExprKind kind, Op op, int prec, size_t len) {
        t->prefix = false;
        t->kind = kind;
        t->op = op;
        t->prec = prec;
        t->begin = p;
        t->text = std::string_view(p, len);
        p += len;
        return true;
    };
    // an operator of the table: its node kind, binding power and length come from its row
    auto set = [&](Op op) {
        const OperatorInfo& row = operator_info(op);
        return set_word(row.kind, op, row.prec, std::char_traits<char>::length(row.spelling));
    };
    char c = *p;
    char d = p + 1 != last ? p[1] : '\0';
    switch (c) {
        case '+': return set(Op::Add);
        case '-': return d != '>' && set(Op::Sub);
        case '*': return set(Op::Mul);
        case '/': return set(Op::Div);
        case '<': return set(d == '=' ? Op::Le : Op::Lt);
        case '>': return set(d == '=' ? Op::Ge : Op::Gt);
        case '=': return d == '=' && set(Op::Eq);
        case '!': return d == '=' && set(Op::Ne);
        default: break;
    }
    if (word_at(p, last, operator_info(Op::Or).spelling)) return set(Op::Or);
    if (word_at(p, last, operator_info(Op::And).spelling)) return set(Op::And);
    if (word_at(p, last, "in")) return set_word(ExprKind::In, Op::None, kIn, 2);
    if (word_at(p, last, "otherwise")) return set_word(ExprKind::Otherwise, Op::None, kOtherwise, 9);
    if (word_at(p, last, "within")) return set_word(ExprKind::Within, Op::None, kWithin, 6);
    if (word_at(p, last, "not")) {
        It q = skip_ws(p + 3, last);
        if (!word_at(q, last, "in")) return false;
        It b = p;
        set_word(ExprKind::In, Op::None, kIn, static_cast<size_t>(q + 2 - p));
        t->begin = b;
        t->text = "not in";
        t->negated = true;
        return true;
    }
    return false;
}

// Operator-precedence (shunting-yard) assembly of one chain `a op b op c ...` with its prefix,
// postfix and mixfix operators. Iterative: a long chain costs no stack.
class ChainBuilder {
public:
    explicit ChainBuilder(State& s) : s_(s) {}

    [[gnu::noinline]] void prefix(const OpTok& t) {
        // `not` is looser than comparisons and arithmetic: `a == not b` needs parentheses
        if (t.op == Op::Not && !ops_.empty() && ops_.back().prec > kNot) {
            fail(t.begin, "`not` must be in parentheses here: write `(not ...)`");
        }
        ops_.push_back(t);
    }
    [[gnu::noinline]] void operand(ExprPtr e) { operands_.push_back({std::move(e), false}); }
    [[gnu::noinline]] void binary(const OpTok& t) {
        reduce_while(t.prec);
        if (t.kind == ExprKind::Within) ++open_within_;
        ops_.push_back(t);
    }
    // `before` or `after` may close a `within` still waiting for it.
    bool within_open() const { return open_within_ > 0; }
    [[gnu::noinline]] void close_within(Op op) {
        reduce_while(kWithin + 1);   // D is complete: everything tighter than `within`
        ops_.back().op = op;         // the innermost open `within` is now on top
        --open_within_;
    }
    // The operand a postfix operator of precedence prec applies to.
    [[gnu::noinline]] ExprPtr& postfix_target(int prec) {
        reduce_while(prec);
        operands_.back().open_compare = false;
        return operands_.back().e;
    }
    [[gnu::noinline]] ExprPtr finish() {
        while (!ops_.empty()) reduce();
        return operands_.back().e;
    }

private:
    struct Operand {
        ExprPtr e;
        bool open_compare;   // a comparison chain that a further comparison extends
    };

    void reduce_while(int prec) {
        while (!ops_.empty() && ops_.back().prec >= prec) reduce();
    }

    ExprPtr pop() {
        ExprPtr e = std::move(operands_.back().e);
        operands_.pop_back();
        return e;
    }

    [[gnu::noinline]] void reduce() {
        OpTok t = ops_.back();
        ops_.pop_back();
        if (t.prefix) {
            ExprPtr x = pop();
            ExprPtr e = s_.make(ExprKind::Unary, Span{s_.file, s_.off(t.begin), x->span.end});
            e->op = t.op;
            e->args.push_back(std::move(x));
            s_.seal(*e, t.begin);
            operands_.push_back({std::move(e), false});
            return;
        }
        if (t.kind == ExprKind::Within) {   // d within D before|after e
            if (t.op == Op::None) fail(t.begin, "expected `before` or `after` after `within` and a duration");
            ExprPtr edge = pop();
            ExprPtr length = pop();
            ExprPtr d = pop();
            ExprPtr e = s_.make(ExprKind::Within, Span{s_.file, d->span.begin, edge->span.end});
            e->op = t.op;
            e->args = {std::move(d), std::move(length), std::move(edge)};
            s_.seal(*e, t.begin);
            operands_.push_back({std::move(e), false});
            return;
        }
        ExprPtr r = pop();
        Operand& l = operands_.back();
        if (t.kind == ExprKind::Compare && l.open_compare) {   // a <= b < c: one chain
            l.e->ops.push_back(t.op);
            l.e->span.end = r->span.end;
            s_.raise(*l.e, r, t.begin);
            l.e->args.push_back(std::move(r));
            return;
        }
        ExprPtr e = s_.make(t.kind, Span{s_.file, l.e->span.begin, r->span.end});
        if (t.kind == ExprKind::Compare) {
            e->ops.push_back(t.op);
        } else {
            e->op = t.op;
        }
        e->negated = t.negated;
        e->args.push_back(std::move(l.e));
        e->args.push_back(std::move(r));
        s_.seal(*e, t.begin);
        l = {std::move(e), t.kind == ExprKind::Compare};
    }

    State& s_;
    std::vector<Operand> operands_;
    std::vector<OpTok> ops_;
    int open_within_ = 0;
};

// The pieces of chain_parser that are not on the recursion path live in functions of their own,
// so that chain_parser's frame, repeated at every level of nesting, stays small.

// Prefix operators at p: pushes them and returns where the operand starts. *run counts them,
// *text is the last one (for messages).
[[gnu::noinline]] It take_prefixes(It p, It last, State& s, ChainBuilder& chain, int* run,
                                  std::string_view* text) {
    It q = skip_ws(p, last);
    for (;;) {
        OpTok t;
        t.prefix = true;
        t.kind = ExprKind::Unary;
        t.begin = q;
        if (q != last && *q == '-') {
            t.op = Op::Neg;
        } else if (word_at(q, last, operator_info(Op::Not).spelling)) {
            t.op = Op::Not;
        } else {
            return q;
        }
        t.prec = operator_info(t.op).prec;
        t.text = operator_info(t.op).spelling;
        q = skip_ws(q + t.text.size(), last);
        // each prefix is one nesting level (the chain itself sits at level depth - 1)
        if (s.depth - 1 + ++*run > kMaxNestingDepth) fail(t.begin, kExprTooDeep);
        chain.prefix(t);
        *text = t.text;
    }
}

// No operand at q, where one is required after the operator `after`: say what is wrong.
[[noreturn]] [[gnu::noinline]] [[gnu::cold]] void fail_operand(It q, It last, std::string_view after) {
    if (word_at(q, last, "if")) {
        fail(q, "an `if ... then ... else ...` inside an expression must be in parentheses");
    }
    if (q != last && *q == '"') {
        fail(q, "a string is not a value: strings are only for citations, readings, titles and test names");
    }
    if (after == "within") fail(q, "expected a duration after `within`");
    if (after == "before" || after == "after") fail(q, "expected a date after `" + std::string(after) + "`");
    fail(q, "expected an expression after `" + std::string(after) + "`");
}

// `.field` suffixes after an operand (`..` is a range, not a field); returns the end.
[[gnu::noinline]] It take_fields(It r, It last, State& s, ExprPtr& e) {
    for (;;) {
        It d = skip_ws(r, last);
        if (d == last || *d != '.' || (d + 1 != last && d[1] == '.')) return r;
        It n = skip_ws(d + 1, last);
        std::string text;
        It ne = read_ident(n, last, &text);
        if (ne == n || is_reserved(text)) fail(n, "expected a field name after '.'");
        ExprPtr f = s.make(ExprKind::Field, Span{s.file, e->span.begin, s.off(ne)});
        f->text = std::move(text);
        f->args.push_back(std::move(e));
        s.seal(*f, d);
        e = std::move(f);
        r = ne;
    }
}

// What follows an operand at p: postfix `is [not] present|none|empty` (applied at once), then
// an operator that needs another operand (pushed; *text names it, and the position after it is
// returned), or nothing more of the chain (null is returned, *end is where the chain ends).
[[gnu::noinline]] It take_operator(It p, It last, State& s, ChainBuilder& chain, std::string_view* text,
                                  It* end) {
    for (;;) {
        It q = skip_ws(p, last);
        OpTok t;
        if (scan_binary(q, last, &t)) {
            chain.binary(t);
            *text = t.text;
            return q;
        }
        if (chain.within_open() && (word_at(q, last, "before") || word_at(q, last, "after"))) {
            bool before = *q == 'b';
            chain.close_within(before ? Op::Before : Op::After);
            *text = before ? "before" : "after";
            return q + (before ? 6 : 5);
        }
        if (!word_at(q, last, "is")) {
            *end = p;
            return nullptr;
        }
        It b = q;
        q = skip_ws(q + 2, last);
        bool negated = false;
        if (word_at(q, last, "not")) {
            negated = true;
            q = skip_ws(q + 3, last);
        }
        Op op = Op::None;
        for (Op o : {Op::IsPresent, Op::IsNone, Op::IsEmpty}) {
            if (word_at(q, last, operator_info(o).spelling)) op = o;
        }
        if (op == Op::None) fail(q, "expected `present`, `none` or `empty` after `is`");
        const OperatorInfo& row = operator_info(op);
        size_t len = std::char_traits<char>::length(row.spelling);
        ExprPtr& x = chain.postfix_target(row.prec);
        ExprPtr e = s.make(ExprKind::Is, Span{s.file, x->span.begin, s.off(q + len)});
        e->op = op;
        e->negated = negated;
        e->args.push_back(std::move(x));
        s.seal(*e, b);
        x = std::move(e);
        p = q + len;
    }
}

// An expression without `if`: operands (literals, names, calls, brackets, blocks of §7.3-7.4,
// with prefix operators and `.field` suffixes) joined by the operators of §7.
struct chain_parser : x3::parser<chain_parser> {
    using attribute_type = ExprPtr;
    static bool const has_attribute = true;

    template <typename Iter, typename Ctx, typename RCtx, typename Attr>
    bool parse(Iter& first, Iter const& last, Ctx const& ctx, RCtx&, Attr& attr) const {
        State& s = state_of(ctx);
        ChainBuilder chain(s);
        It p = first;
        std::string_view after;   // the operator before the next operand; empty at the start
        for (;;) {
            if (!operand(p, last, ctx, chain, after)) return false;   // (only at the start)
            It end = nullptr;
            It q = take_operator(p, last, s, chain, &after, &end);
            if (q == nullptr) {
                p = end;
                break;
            }
            p = q;
        }
        put(chain.finish(), attr);
        first = p;
        return true;
    }

    // Prefix operators, then a primary and its `.field` suffixes. Returns false when nothing
    // that starts an operand is at p and none is required; throws when one is required.
    template <typename Ctx>
    bool operand(It& p, It last, Ctx const& ctx, ChainBuilder& chain, std::string_view after) const {
        State& s = state_of(ctx);
        int run = 0;
        std::string_view prefix;
        It q = take_prefixes(p, last, s, chain, &run, &prefix);
        ExprPtr e;
        It r = q;
        if (!primary.parse(r, last, ctx, x3::unused, e)) {
            // nothing starts here; a string never does, so say so even where an expression is optional
            if (after.empty() && run == 0 && (q == last || *q != '"')) return false;
            fail_operand(q, last, run > 0 ? prefix : after);
        }
        p = take_fields(r, last, s, e);
        chain.operand(std::move(e));
        return true;
    }
};

constexpr chain_parser chain{};

// An expression: `if ... then ... else ...` or a chain of operands and operators.
struct expr_body_parser : x3::parser<expr_body_parser> {
    using attribute_type = ExprPtr;
    static bool const has_attribute = true;
    template <typename Iter, typename Ctx, typename RCtx, typename Attr>
    bool parse(Iter& first, Iter const& last, Ctx const& ctx, RCtx&, Attr& attr) const {
        if (word_at(skip_ws(first, last), last, "if")) return parse_out_of_line(if_expr, first, last, ctx, attr);
        return parse_out_of_line(chain, first, last, ctx, attr);
    }
};
constexpr expr_body_parser expr_body{};
constexpr date_parser date_literal{};
constexpr cell_literal_parser cell_literal(true);
constexpr cell_literal_parser range_literal(false);

// ---- actions shared by the expression rules ------------------------------------------------

auto const make_if = [](auto& ctx) {
    auto& a = x3::_attr(ctx);
    ExprPtr e = state_of(ctx).make(ExprKind::If, Span{});
    e->args = {at_c<0>(a), at_c<1>(a), at_c<2>(a)};
    x3::_val(ctx) = std::move(e);
};

auto const new_node = [](ExprKind k) {
    return [k](auto& ctx) { x3::_val(ctx) = state_of(ctx).make(k, Span{}); };
};

auto const add_arg = [](auto& ctx) { x3::_val(ctx)->args.push_back(std::move(x3::_attr(ctx))); };

// `name` then, when a `(` follows, a call.
auto const start_name = [](auto& ctx) {
    Ident& id = x3::_attr(ctx);
    ExprPtr e = state_of(ctx).make(ExprKind::Name, id.span);
    e->text = std::move(id.text);
    x3::_val(ctx) = std::move(e);
};
auto const to_call = [](auto& ctx) { x3::_val(ctx)->kind = ExprKind::Call; };

// `sum(e for x in xs where c)` and `[e for x in xs where c]`: the first argument or element
// turns out to be the element expression of a generator.
auto const to_generator = [](auto& ctx) {
    ExprPtr& e = x3::_val(ctx);
    if (e->kind == ExprKind::ListLit) {
        e->text = "list";
    } else if (e->text != "sum" && e->text != "max" && e->text != "min") {
        fail(x3::_attr(ctx), "`" + e->text + "(... for ...)` is not an aggregate: " +
                                              "the `for` form is for sum, max, min and lists; " +
                                              "count, all, first and last take `(x in xs where c)`");
    }
    ExprPtr element = e->args.front();
    e->kind = ExprKind::Aggregate;
    e->args = {nullptr, nullptr, std::move(element)};
};
auto const set_var = [](auto& ctx) {
    Ident& id = x3::_attr(ctx);
    x3::_val(ctx)->var = std::move(id.text);
    x3::_val(ctx)->var_span = id.span;
};
auto const set_agg_list = [](auto& ctx) { x3::_val(ctx)->args[0] = std::move(x3::_attr(ctx)); };
auto const set_agg_filter = [](auto& ctx) { x3::_val(ctx)->args[1] = std::move(x3::_attr(ctx)); };

auto const start_in_aggregate = [](auto& ctx) {   // count|all|first|last ( x in
    auto& a = x3::_attr(ctx);
    ExprPtr e = state_of(ctx).make(ExprKind::Aggregate, Span{});
    e->text = at_c<0>(a);
    e->var = at_c<1>(a).text;
    e->var_span = at_c<1>(a).span;
    e->args = {nullptr, nullptr, nullptr};
    x3::_val(ctx) = std::move(e);
};
auto const start_any = [](auto& ctx) {
    ExprPtr e = state_of(ctx).make(ExprKind::Aggregate, Span{});
    e->text = "any";
    e->args = {nullptr, nullptr, nullptr};
    x3::_val(ctx) = std::move(e);
};

auto const add_record_name = [](auto& ctx) {
    Ident& id = x3::_attr(ctx);
    x3::_val(ctx)->names.push_back(std::move(id.text));
    x3::_val(ctx)->name_spans.push_back(id.span);
};


auto const add_cite = [](auto& ctx) {
    Str& s = x3::_attr(ctx);
    x3::_val(ctx).cites.push_back(std::move(s.text));
    x3::_val(ctx).cite_spans.push_back(s.span);
};
auto const set_reading = [](auto& ctx) {
    auto& a = x3::_attr(ctx);
    Annotations& n = x3::_val(ctx);
    if (n.reading_span.end != 0) {
        fail(at_c<0>(a), "only one `reading` is allowed here");
    }
    n.reading = std::move(at_c<1>(a).text);
    n.reading_span = at_c<1>(a).span;
};
auto const set_notes = [](auto& ctx) { x3::_val(ctx).notes = std::move(x3::_attr(ctx)); };

// ---- expression rules ------------------------------------------------------------------------

// Every nested expression goes through `expr`, hence through the nesting guard.
auto const expr_def = nest_expr[expr_body];

auto const if_expr_def = spanned[(kw("if") >> expect("a condition after `if`")[expr] >>
                                  expect("`then` after the condition of `if`")[kw("then")] >>
                                  expect("an expression after `then`")[expr] >>
                                  expect("`else`: every `if` needs an `else`")[kw("else")] >>
                                  expect("an expression after `else`")[expr])[make_if]];

// The node keeps the span of the parentheses, so a caret points at the `(`.
auto const paren_expr_def =
    spanned[x3::lit('(') >> expect("an expression after '('")[expr] >> expect("')'")[')']];

// `for x in xs where c` after the first element or argument
auto const generator = kw("for") >>
                       expect("a name for each element after `for`")[ident][set_var] >>
                       expect("`in` after the name")[kw("in")] >>
                       expect("a list after `in`")[expr][set_agg_list] >>
                       -(kw("where") >> expect("a condition after `where`")[expr][set_agg_filter]);

// `[a, b]`, `[]`, `[e for x in xs where c]` (§7.3)
auto const list_expr_def =
    spanned[x3::lit('[')[new_node(ExprKind::ListLit)] >>
            -(expr[add_arg] >>
              ((here >> &kw("for"))[to_generator] >> generator |
               *(x3::lit(',') >> expr[add_arg]) >> -x3::lit(','))) >>
            expect("',' or ']'")[']']];

// `{start: 1999-03-01, cured: none}`
auto const record_field_init = ident[add_record_name] >> expect("':' after the field name")[':'] >>
                               expect("a value after ':'")[expr][add_arg];
auto const record_expr_def =
    spanned[x3::lit('{')[new_node(ExprKind::RecordLit)] >>
            -(record_field_init >> *(x3::lit(',') >> record_field_init)) >> -x3::lit(',') >>
            expect("',' or '}' in the record")['}']];

// `any(x in xs where c)`: `any` is reserved, so it is always this form.
auto const any_expr_def =
    spanned[kw("any")[start_any] >> expect("'(' after `any`")['('] >>
            expect("a name for each element, as in `any(x in xs where ...)`")[ident][set_var] >>
            expect("`in` after the name")[kw("in")] >>
            expect("a list after `in`")[expr][set_agg_list] >>
            -(kw("where") >> expect("a condition after `where`")[expr][set_agg_filter]) >>
            expect("')'")[')']];

// `count(x in xs where c)`, also all, first, last: recognised by `name ( name in`, otherwise
// the text is an ordinary call.
constexpr std::string_view kInAggregates[] = {"count", "all", "first", "last"};
constexpr word_choice_parser in_aggregate_name(kInAggregates, 4);
auto const in_aggregate_def =
    spanned[(in_aggregate_name >> x3::lit('(') >> ident >> kw("in"))[start_in_aggregate] >>
            expect("a list after `in`")[expr][set_agg_list] >>
            -(kw("where") >> expect("a condition after `where`")[expr][set_agg_filter]) >>
            expect("')'")[')']];

// `name`, `f(a, b)`, `sum(e for x in xs where c)`: one pass; the generator is recognised by
// the `for` after the first argument, never by backtracking over it.
auto const name_or_call_def =
    spanned[ident[start_name] >>
            -(x3::lit('(')[to_call] >>
              -(expr[add_arg] >>
                ((here >> &kw("for"))[to_generator] >> generator |
                 *(x3::lit(',') >> expect("an argument after ','")[expr][add_arg]))) >>
              expect("',' or ')'")[')'])];

// §7.4 collect { value when condition cite "..." ... }
auto const collect_entry_def =
    spanned[expr[([](auto& ctx) { x3::_val(ctx).value = std::move(x3::_attr(ctx)); })] >>
            expect("`when` and a condition after the value")[kw("when")] >>
            expect("a condition after `when`")[expr][([](auto& ctx) {
                x3::_val(ctx).condition = std::move(x3::_attr(ctx));
            })] >>
            notes[set_notes]];
auto const collect_expr_def =
    spanned[kw("collect")[new_node(ExprKind::Collect)] >> expect("'{' after `collect`")['{'] >>
            *into(&Expr::entries)[collect_entry] >> expect("'}' or another `value when condition`")['}']];

// §7.4 limit x { at most b unless c cite "..." ... at least b }
auto const limit_step_def =
    spanned[kw("at") >>
            expect("`most` or `least` after `at`")[kw("most")[([](auto& ctx) {
                                                        x3::_val(ctx).at_most = true;
                                                    })] |
                                                    kw("least")[([](auto& ctx) {
                                                        x3::_val(ctx).at_most = false;
                                                    })]] >>
            expect("a bound after `at most` or `at least`")[expr][([](auto& ctx) {
                x3::_val(ctx).bound = std::move(x3::_attr(ctx));
            })] >>
            -(kw("unless") >> expect("a condition after `unless`")[expr][([](auto& ctx) {
                  x3::_val(ctx).unless = std::move(x3::_attr(ctx));
              })]) >>
            notes[set_notes]];
auto const limit_expr_def =
    spanned[kw("limit")[new_node(ExprKind::Limit)] >>
            expect("the value to limit after `limit`")[expr][add_arg] >>
            expect("'{' and the steps of the limit")['{'] >> *into(&Expr::steps)[limit_step] >>
            expect("'}' or another `at most` / `at least` step")['}']];

// §5 a body block: { let x = e ... result }
auto const block_def =
    spanned[x3::lit('{')[new_node(ExprKind::Block)] >>
            *(kw("let") >> name_p("a name after `let`")[add_record_name] >>
              expect("'=' after the name")['='] >> expect("an expression after '='")[expr][add_arg]) >>
            expect("the result expression of the block")[expr][add_arg] >>
            expect("'}' to close the block")['}']];

// ============================================================================================
// §3 Types: money, FamilyType, list<T>, T?
// ============================================================================================

auto const type_def = spanned[type_base[([](auto& ctx) { x3::_val(ctx) = x3::_attr(ctx); })] >>
                              -x3::lit('?')[([](auto& ctx) {
                                  auto t = std::make_shared<TypeExpr>();
                                  t->kind = TypeExpr::Kind::Optional;
                                  t->element = x3::_val(ctx);
                                  x3::_val(ctx) = std::move(t);
                              })]];

auto const type_base_def =
    (kw("list") >> x3::lit('<') >> nest_type[expect("a type after `list<`")[type]] >>
     expect("'>' to close `list<`")['>'])[([](auto& ctx) {
        auto t = std::make_shared<TypeExpr>();
        t->kind = TypeExpr::Kind::List;
        t->element = x3::_attr(ctx);
        x3::_val(ctx) = std::move(t);
    })] |
    ident[([](auto& ctx) {
        auto t = std::make_shared<TypeExpr>();
        t->name = std::move(x3::_attr(ctx).text);
        t->span = x3::_attr(ctx).span;
        x3::_val(ctx) = std::move(t);
    })];

// ============================================================================================
// Annotations, fields, names
// ============================================================================================

auto const notes_def =
    *((kw("cite") >> expect("a quoted citation after `cite`")[str])[add_cite] |
      (here >> kw("reading") >> expect("a quoted reading after `reading`")[str])[set_reading]);

auto const field_def = spanned[name_p("a name")[([](auto& ctx) { x3::_val(ctx).name = std::move(x3::_attr(ctx).text); })] >>
                               expect("':' and a type after the name")[':'] >>
                               expect("a type after ':'")[type][([](auto& ctx) {
                                   x3::_val(ctx).type = std::move(x3::_attr(ctx));
                               })]];

auto const dotted_name_def = ident >> *(x3::lit('.') >> name_p("a name after '.'"));

// ============================================================================================
// §2 The header: ruleset|library NAME ["title"], then extends/import in any order
// ============================================================================================

auto header_kind(FileKind kind) {
    return [kind](auto& ctx) {
        State& s = state_of(ctx);
        s.module->kind = kind;
        s.decl_word = kind == FileKind::Ruleset ? "ruleset" : "library";
    };
}

auto const header_def =
    here[([](auto& ctx) {
        State& s = state_of(ctx);
        s.module->header_span = s.span(x3::_attr(ctx), x3::_attr(ctx));
    })] >>
    (kw("ruleset")[header_kind(FileKind::Ruleset)] | kw("library")[header_kind(FileKind::Library)]) >>
    expect("the name of the {kw}, such as `colorado.works`")[dotted_name][([](auto& ctx) {
        State& s = state_of(ctx);
        std::string name;
        for (const Ident& id : x3::_attr(ctx)) name += (name.empty() ? "" : ".") + id.text;
        s.module->name = std::move(name);
        s.module->header_span.end = x3::_attr(ctx).back().span.end;
    })] >>
    -str[([](auto& ctx) {
        State& s = state_of(ctx);
        s.module->title = std::move(x3::_attr(ctx).text);
        s.module->header_span.end = x3::_attr(ctx).span.end;
    })] >>
    *((here >> kw("extends") >> expect("a quoted path after `extends`")[str])[([](auto& ctx) {
          Module& m = *state_of(ctx).module;
          if (m.has_extends) {
              fail(at_c<0>(x3::_attr(ctx)), "a file extends at most one base ruleset");
          }
          m.has_extends = true;
          m.extends = ImportRef{std::move(at_c<1>(x3::_attr(ctx)).text), at_c<1>(x3::_attr(ctx)).span};
      })] |
      (kw("import") >> expect("a quoted path after `import`")[str])[([](auto& ctx) {
          Str& s = x3::_attr(ctx);
          state_of(ctx).module->imports.push_back(ImportRef{std::move(s.text), s.span});
      })] |
      // `valid from D [until E]`: the days the ruleset answers for (time gaps are checked inside)
      (here >> kw("valid") >> expect("`from` after `valid`")[kw("from")] >>
       expect("a date after `valid from`")[date_literal])[([](auto& ctx) {
          State& s = state_of(ctx);
          Module& m = *s.module;
          if (m.valid_from) fail(at_c<0>(x3::_attr(ctx)), "a file says `valid from` at most once");
          m.valid_from = std::move(at_c<1>(x3::_attr(ctx)));
          m.validity_span = s.span(at_c<0>(x3::_attr(ctx)), at_c<0>(x3::_attr(ctx)));
          m.validity_span.end = m.valid_from->span.end;
      })] >>
          -(kw("until") >> expect("a date after `until`")[date_literal])[([](auto& ctx) {
              Module& m = *state_of(ctx).module;
              m.valid_until = std::move(x3::_attr(ctx));
              m.validity_span.end = m.valid_until->span.end;
          })]);

// ============================================================================================
// Declarations (§3-§9): actions on the Decl being built
// ============================================================================================

auto begin_decl(DeclKind kind, const char* word) {
    return [kind, word](auto& ctx) {
        auto d = std::make_shared<Decl>();
        d->kind = kind;
        x3::_val(ctx) = std::move(d);
        State& s = state_of(ctx);
        s.decl_word = word;
        s.decl_name.clear();
    };
}

auto const set_name = [](auto& ctx) {
    Ident& id = x3::_attr(ctx);
    DeclPtr& d = x3::_val(ctx);
    state_of(ctx).decl_name = id.text;
    d->name = std::move(id.text);
    d->name_span = id.span;
};
auto const set_type = [](auto& ctx) { x3::_val(ctx)->type = std::move(x3::_attr(ctx)); };
auto const set_body = [](auto& ctx) { x3::_val(ctx)->body = std::move(x3::_attr(ctx)); };
auto const add_field = [](auto& ctx) { x3::_val(ctx)->fields.push_back(std::move(x3::_attr(ctx))); };

auto set_hit(HitPolicy hit) {
    return [hit](auto& ctx) { x3::_val(ctx)->hit = hit; };
}
auto set_carry(bool highest) {
    return [highest](auto& ctx) { x3::_val(ctx)->carry_highest = highest; };
}

// The annotations of a declaration (§5), in any order; `forever as` (decisions), `hit`
// (tables) and `carry` (ladders) are annotations of their declarations too.
auto const decl_note =
    (kw("cite") >> expect("a quoted citation after `cite`")[str])[([](auto& ctx) {
        Str& s = x3::_attr(ctx);
        x3::_val(ctx)->notes.cites.push_back(std::move(s.text));
        x3::_val(ctx)->notes.cite_spans.push_back(s.span);
    })] |
    (here >> kw("reading") >> expect("a quoted reading after `reading`")[str])[([](auto& ctx) {
        Annotations& n = x3::_val(ctx)->notes;
        if (n.reading_span.end != 0) {
            fail(at_c<0>(x3::_attr(ctx)), "a declaration has at most one `reading`");
        }
        n.reading = std::move(at_c<1>(x3::_attr(ctx)).text);
        n.reading_span = at_c<1>(x3::_attr(ctx)).span;
    })] |
    (here >> kw("gap") >> expect("a quoted note after `gap`")[str])[([](auto& ctx) {
        Annotations& n = x3::_val(ctx)->notes;
        if (x3::_val(ctx)->kind != DeclKind::Parameter) fail(at_c<0>(x3::_attr(ctx)), "`gap` is only for parameters");
        if (n.gap_span.end != 0) fail(at_c<0>(x3::_attr(ctx)), "a parameter has at most one `gap`");
        n.gap = std::move(at_c<1>(x3::_attr(ctx)).text);
        n.gap_span = at_c<1>(x3::_attr(ctx)).span;
    })] |
    (here >> kw("forever") >> expect("`as` after `forever`")[kw("as")] >>
     expect("a quoted text after `forever as`")[str])[([](auto& ctx) {
        DeclPtr& d = x3::_val(ctx);
        It at = at_c<0>(x3::_attr(ctx));
        if (d->kind != DeclKind::Decision) fail(at, "`forever as` is only for decisions");
        if (d->has_forever_as) fail(at, "a decision has at most one `forever as`");
        d->forever_as = std::move(at_c<1>(x3::_attr(ctx)).text);
        d->has_forever_as = true;
    })] |
    (here >> kw("hit"))[([](auto& ctx) {
        DeclPtr& d = x3::_val(ctx);
        if (d->kind != DeclKind::Table) fail(x3::_attr(ctx), "`hit` is only for tables");
        if (d->hit_written) fail(x3::_attr(ctx), "a table has at most one `hit` policy");
        d->hit_written = true;
    })] >>
        expect("`first`, `unique` or `collect` after `hit`")[kw("first")[set_hit(HitPolicy::First)] |
                                                             kw("unique")[set_hit(HitPolicy::Unique)] |
                                                             kw("collect")[set_hit(HitPolicy::Collect)]] |
    (here >> kw("carry"))[([](auto& ctx) {
        if (x3::_val(ctx)->kind != DeclKind::Ladder) {
            fail(x3::_attr(ctx), "`carry` is only for ladders");
        }
    })] >>
        expect("`highest` or `none` after `carry`")[kw("highest")[set_carry(true)] |
                                                     kw("none")[set_carry(false)]];
auto const decl_notes = *decl_note;

// `= expression [annotations]` or a block (§5)
auto const decl_body =
    expect("'=' or '{' to start the body of {decl}")[(x3::lit('=') >> expect("an expression after '='")[expr][set_body] >> decl_notes) |
                                                     block[set_body]];

// ---- §3 enum, record -------------------------------------------------------------------------

auto const enum_decl_def =
    spanned[kw("enum")[begin_decl(DeclKind::Enum, "enum")] >> name_p("a name after `enum`")[set_name] >>
            expect("'{' and the values of {decl}")['{'] >>
            *(!x3::lit('}') >> name_p("a value of {decl}, or '}'")[([](auto& ctx) {
                  x3::_val(ctx)->enum_values.push_back(std::move(x3::_attr(ctx).text));
                  x3::_val(ctx)->enum_value_spans.push_back(x3::_attr(ctx).span);
              })] >>
              -x3::lit(',')) >>
            '}'];

auto const record_decl_def =
    spanned[kw("record")[begin_decl(DeclKind::Record, "record")] >> name_p("a name after `record`")[set_name] >>
            expect("'{' and the fields of {decl}")['{'] >>
            *(!x3::lit('}') >> field[add_field] >> -x3::lit(',')) >> '}'];

// ---- §4 facts --------------------------------------------------------------------------------

auto const fact_range_def =
    spanned[-range_literal[([](auto& ctx) { x3::_val(ctx).low = std::move(x3::_attr(ctx)); })] >>
            expect("'..' in the range, as in `1..30`, `$0..` or `..100`")[x3::lit("..")] >>
            -range_literal[([](auto& ctx) { x3::_val(ctx).high = std::move(x3::_attr(ctx)); })]];

auto const set_range = [](auto& ctx) {
    x3::_val(ctx)->range = std::move(x3::_attr(ctx));
    x3::_val(ctx)->has_range = true;
};
auto const optional_range = -(kw("in") >> expect("a range after `in`, such as `1..30`")[fact_range][set_range]);

auto const fact_decl_def =
    spanned[kw("fact")[begin_decl(DeclKind::Fact, "fact")] >>
            name_p("the name of the fact after `fact`")[([](auto& ctx) {
                DeclPtr& d = x3::_val(ctx);
                d->name = x3::_attr(ctx).text;
                d->name_span = x3::_attr(ctx).span;
                d->path.push_back(std::move(x3::_attr(ctx).text));
            })] >>
            *(x3::lit('.') >> name_p("a name after '.'")[([](auto& ctx) {
                  DeclPtr& d = x3::_val(ctx);
                  d->name += "." + x3::_attr(ctx).text;
                  d->name_span.end = x3::_attr(ctx).span.end;
                  d->path.push_back(std::move(x3::_attr(ctx).text));
              })]) >>
            x3::eps[([](auto& ctx) { state_of(ctx).decl_name = x3::_val(ctx)->name; })] >>
            expect("':' and the type of {decl}")[':'] >> expect("a type after ':'")[type][set_type] >>
            optional_range];

auto const add_member = [](auto& ctx) { x3::_val(ctx)->members.push_back(std::move(x3::_attr(ctx))); };

// A member of a group: `name: type [in range]`, or a nested group `[facts] name { ... }`.
// Paths are made complete by complete_paths once the outermost group is parsed.
auto const fact_member_def =
    spanned[(-kw("facts") >> name_p("the name of a fact, or '}'"))[([](auto& ctx) {
                auto d = std::make_shared<Decl>();
                d->kind = DeclKind::Fact;
                d->name = x3::_attr(ctx).text;
                d->name_span = x3::_attr(ctx).span;
                d->path.push_back(std::move(x3::_attr(ctx).text));
                x3::_val(ctx) = std::move(d);
            })] >>
            expect("':' and a type, or '{' and a group of facts, after the name")[
                (x3::lit(':') >> expect("a type after ':'")[type][set_type] >> optional_range) |
                nest_facts[x3::lit('{')[([](auto& ctx) { x3::_val(ctx)->kind = DeclKind::FactGroup; })] >>
                           *(!x3::lit('}') >> fact_member[add_member]) >> '}']]];

void complete_paths(Decl& group) {
    for (DeclPtr& m : group.members) {
        std::vector<std::string> path = group.path;
        path.insert(path.end(), m->path.begin(), m->path.end());
        m->path = std::move(path);
        m->name.clear();
        for (const std::string& part : m->path) m->name += (m->name.empty() ? "" : ".") + part;
        if (m->kind == DeclKind::FactGroup) complete_paths(*m);
    }
}

auto const facts_decl_def =
    spanned[kw("facts")[begin_decl(DeclKind::FactGroup, "group")] >>
            name_p("the name of the group after `facts`")[([](auto& ctx) {
                DeclPtr& d = x3::_val(ctx);
                state_of(ctx).decl_name = x3::_attr(ctx).text;
                d->name = x3::_attr(ctx).text;
                d->name_span = x3::_attr(ctx).span;
                d->path.push_back(std::move(x3::_attr(ctx).text));
            })] >>
            expect("'{' and the facts of {decl}")['{'] >> *(!x3::lit('}') >> fact_member[add_member]) >>
            x3::lit('}')[([](auto& ctx) { complete_paths(*x3::_val(ctx)); })]];

// ---- §5 parameters -----------------------------------------------------------------------------

auto const period_def = spanned[(kw("before")[([](auto& ctx) { x3::_val(ctx).kind = ParamPeriod::Kind::Before; })] >>
                                 expect("a date after `before`")[date_literal][([](auto& ctx) {
                                     x3::_val(ctx).to = std::move(x3::_attr(ctx));
                                 })] |
                                 kw("from")[([](auto& ctx) { x3::_val(ctx).kind = ParamPeriod::Kind::From; })] >>
                                     expect("a date after `from`")[date_literal][([](auto& ctx) {
                                         x3::_val(ctx).from = std::move(x3::_attr(ctx));
                                     })] >>
                                     -(kw("to") >> expect("a date after `to`")[date_literal][([](auto& ctx) {
                                           x3::_val(ctx).kind = ParamPeriod::Kind::FromTo;
                                           x3::_val(ctx).to = std::move(x3::_attr(ctx));
                                       })])) >>
                                expect("'=' and the value for this period")['='] >>
                                expect("a value after '='")[expr][([](auto& ctx) {
                                    x3::_val(ctx).value = std::move(x3::_attr(ctx));
                                })] >>
                                notes[set_notes]];

auto const parameter_decl_def =
    spanned[kw("parameter")[begin_decl(DeclKind::Parameter, "parameter")] >>
            name_p("a name after `parameter`")[set_name] >> expect("':' and the type of {decl}")[':'] >>
            expect("a type after ':'")[type][set_type] >> decl_notes >>
            expect("'=' and a value, or '{' and dated values, for {decl}")[
                (x3::lit('=') >> expect("a value after '='")[expr][([](auto& ctx) {
                     x3::_val(ctx)->value = std::move(x3::_attr(ctx));
                 })] >>
                 decl_notes) |
                (x3::lit('{') >>
                 *period[([](auto& ctx) { x3::_val(ctx)->periods.push_back(std::move(x3::_attr(ctx))); })] >>
                 expect("'}' or another period (`before D = ...`, `from D = ...`, `from D to E = ...`)")['}'])]];

// ---- §6 tables ---------------------------------------------------------------------------------

x3::symbols<CellTest::Kind> const cell_comparison = [] {
    x3::symbols<CellTest::Kind> s;
    s.add("!=", CellTest::Kind::NotEqual)("<", CellTest::Kind::Less)("<=", CellTest::Kind::LessEq)(
        ">", CellTest::Kind::Greater)(">=", CellTest::Kind::GreaterEq);
    return s;
}();

auto const cell_test_def =
    spanned[(cell_comparison >> expect("a value after the comparison")[cell_literal])[([](auto& ctx) {
                x3::_val(ctx).kind = at_c<0>(x3::_attr(ctx));
                x3::_val(ctx).value = std::move(at_c<1>(x3::_attr(ctx)));
            })] |
            (x3::lit("..") >> expect("the upper end of the range after '..'")[cell_literal])[([](auto& ctx) {
                x3::_val(ctx).kind = CellTest::Kind::Range;
                x3::_val(ctx).high = std::move(x3::_attr(ctx));
            })] |
            cell_literal[([](auto& ctx) {
                x3::_val(ctx).kind = CellTest::Kind::Equal;
                x3::_val(ctx).value = std::move(x3::_attr(ctx));
            })] >>
                -(x3::lit("..")[([](auto& ctx) { x3::_val(ctx).kind = CellTest::Kind::Range; })] >>
                  -cell_literal[([](auto& ctx) { x3::_val(ctx).high = std::move(x3::_attr(ctx)); })])];

auto const add_cell_test = [](auto& ctx) { x3::_val(ctx).tests.push_back(std::move(x3::_attr(ctx))); };
auto const table_cell_def =
    spanned[kw("any") | cell_test[add_cell_test] >> *(x3::lit(',') >> expect("a value after ','")[cell_test][add_cell_test])];

auto const add_input = [](auto& ctx) { x3::_val(ctx).inputs.push_back(std::move(x3::_attr(ctx))); };
auto const add_output = [](auto& ctx) { x3::_val(ctx).outputs.push_back(std::move(x3::_attr(ctx))); };
auto const table_row_def =
    spanned[table_cell[add_input] >> *(x3::lit('|') >> expect("a condition after '|'")[table_cell][add_input]) >>
            expect("'=>' between the conditions and the results of the row")[x3::lit("=>")] >>
            expect("a result after '=>'")[expr][add_output] >>
            *(x3::lit('|') >> expect("a result after '|'")[expr][add_output]) >> notes[set_notes]];

// The rows of a table, one per line (§6), up to and including the closing '}'. Each row is
// parsed with the end of its line as the end of the input, so the ordinary skipper cannot run
// into the next row, and blank and comment lines in between are skipped here.
struct table_body_parser : x3::parser<table_body_parser> {
    using attribute_type = std::vector<TableRow>;
    static bool const has_attribute = true;
    template <typename Iter, typename Ctx, typename RCtx, typename Attr>
    bool parse(Iter& first, Iter const& last, Ctx const& ctx, RCtx&, Attr& attr) const {
        std::vector<TableRow> rows;
        It p = first;
        for (;;) {
            p = skip_blank(p, last);
            if (p == last) fail(p, "expected '}' to close the table");
            if (*p == '\n') {
                ++p;
                continue;
            }
            if (*p == '}') {
                first = p + 1;
                break;
            }
            It line_end = std::find(p, static_cast<It>(last), '\n');
            TableRow row;
            It q = p;
            if (!table_row.parse(q, line_end, ctx, x3::unused, row)) {
                fail(p, "expected a row (conditions, '=>', results) or '}' to close the table");
            }
            rows.push_back(std::move(row));
            q = skip_blank(q, line_end);
            if (q != line_end && *q == '}') {   // `... => 1 }` closes the table on the row's line
                first = q + 1;
                break;
            }
            if (q != line_end) {
                fail(q, "expected the end of the row: each row is one line, "
                                     "with annotations after the results");
            }
            p = line_end;
        }
        put(std::move(rows), attr);
        return true;
    }
};
constexpr table_body_parser table_body{};

auto const table_decl_def =
    spanned[kw("table")[begin_decl(DeclKind::Table, "table")] >> name_p("a name after `table`")[set_name] >>
            expect("'(' and the inputs of {decl}")['('] >>
            -(!x3::lit(')') >> (field[add_field] >> -(kw("in") >> expect("a range after `in`, such as `1..30`")[fact_range][([](auto& ctx) {
                                    Field& f = x3::_val(ctx)->fields.back();
                                    f.range = std::move(x3::_attr(ctx));
                                    f.has_range = true;
                                })])) % ',') >>
            expect("',' or ')' after the inputs")[')'] >>
            expect("'->' and the result type of {decl}")[x3::lit("->")] >>
            expect("a result type, or '(' and named results, after '->'")[
                (x3::lit('(') >>
                 field[([](auto& ctx) { x3::_val(ctx)->outputs.push_back(std::move(x3::_attr(ctx))); })] % ',' >>
                 expect("',' or ')' after the results")[')']) |
                type[set_type]] >>
            decl_notes >> expect("'{' and the rows of {decl}")['{'] >>
            table_body[([](auto& ctx) { x3::_val(ctx)->rows = std::move(x3::_attr(ctx)); })]];

// ---- §5 rules, decisions, functions ------------------------------------------------------------

auto const rule_decl_def =
    spanned[(kw("rule")[begin_decl(DeclKind::Rule, "rule")] |
             kw("decision")[begin_decl(DeclKind::Decision, "decision")]) >>
            name_p("a name after `{kw}`")[set_name] >> expect("':' and the type of {decl}")[':'] >>
            expect("a type after ':'")[type][set_type] >> decl_notes >> decl_body];

auto const function_decl_def =
    spanned[kw("function")[begin_decl(DeclKind::Function, "function")] >>
            name_p("a name after `function`")[set_name] >> expect("'(' and the parameters of {decl}")['('] >>
            -(!x3::lit(')') >> field[add_field] % ',') >> expect("',' or ')' after the parameters")[')'] >>
            expect("'->' and the result type of {decl}")[x3::lit("->")] >>
            expect("a type after '->'")[type][set_type] >> decl_notes >> decl_body];

// ---- §8 ladders ----------------------------------------------------------------------------------

// (X3 hands some of these an optional<ExprPtr>: `*` takes either)
template <typename T> ExprPtr expr_of(T&& attr) {
    if constexpr (std::is_same_v<std::decay_t<T>, ExprPtr>) return std::move(attr);
    else return attr ? std::move(*attr) : nullptr;
}
auto const set_level_length = [](auto& ctx) { x3::_val(ctx).length = expr_of(x3::_attr(ctx)); };
auto const set_level_at_most = [](auto& ctx) { x3::_val(ctx).at_most = expr_of(x3::_attr(ctx)); };
auto const set_until_cured = [](auto& ctx) { x3::_val(ctx).until_cured = true; };

auto const ladder_level_def =
    spanned[kw("level") >>
            expect("the level number after `level`")[x3::ulong_long][([](auto& ctx) {
                x3::_val(ctx).number = static_cast<int64_t>(x3::_attr(ctx));
            })] >>
            expect("':' after the level number")[':'] >>
            expect("the percent of the level after ':'")[expr][([](auto& ctx) {
                x3::_val(ctx).percent = std::move(x3::_attr(ctx));
            })] >>
            // LANGUAGE.md §8: what a cure does is in the level's length. `for D` runs D whatever
            // happens (a cure by its last day only stops the escalation: Weld's reading);
            // `until cured` ends the level the day before the cure, `at least D` no sooner,
            // `at most D` no later (and escalates when there is no cure by then).
            ((kw("until") >> expect("`cured` after `until`")[kw("cured")])[set_until_cured] |
             expect("`for` and the length of the level, or `until cured`")[kw("for")] >>
                 ((kw("at") >>
                   ((kw("least") >> expect("a length after `at least`")[expr][set_level_length] >>
                     -(kw("at") >> expect("`most` after `at`")[kw("most")] >>
                       expect("a length after `at most`")[expr][set_level_at_most])) |
                    (expect("`least` or `most` after `at`")[kw("most")] >>
                     expect("a length after `at most`")[expr][set_level_at_most])) >>
                   expect("`until cured` after the length of the level")[kw("until") >> kw("cured")])[set_until_cured] |
                  expect("the length of the level after `for`")[expr][set_level_length] >>
                      -(here >> kw("until"))[([](auto& ctx) {
                          fail(x3::_attr(ctx), "a level of fixed length runs to its end whatever happens; for a "
                                               "level the cure ends write `for at least D until cured` (D at the "
                                               "least), `for at most D until cured` (D at the most) or `until cured`");
                      })])) >>
            notes[set_notes]];

auto const ladder_decl_def =
    spanned[kw("ladder")[begin_decl(DeclKind::Ladder, "ladder")] >> name_p("a name after `ladder`")[set_name] >>
            expect("`episodes` and the list of episodes of {decl}")[kw("episodes")] >>
            expect("a list of episodes after `episodes`")[expr][([](auto& ctx) {
                x3::_val(ctx)->episodes = std::move(x3::_attr(ctx));
            })] >>
            expect("`from` and the field holding each episode's first day")[kw("from")] >>
            name_p("the field holding each episode's first day after `from`")[([](auto& ctx) {
                x3::_val(ctx)->start_field = std::move(x3::_attr(ctx).text);
                x3::_val(ctx)->start_field_span = x3::_attr(ctx).span;
            })] >>
            expect("`until` and the field holding the day of the cure")[kw("until")] >>
            name_p("the field holding the day of the cure after `until`")[([](auto& ctx) {
                x3::_val(ctx)->cure_field = std::move(x3::_attr(ctx).text);
                x3::_val(ctx)->cure_field_span = x3::_attr(ctx).span;
            })] >>
            decl_notes >> expect("'{' and the levels of {decl}")['{'] >>
            *ladder_level[([](auto& ctx) { x3::_val(ctx)->levels.push_back(std::move(x3::_attr(ctx))); })] >>
            expect("'}' or another `level`")['}']];

// ---- §9 cases and tests --------------------------------------------------------------------------

// Values in cases and tests are constants: `-3` there is the literal -3 (as in table cells).
void fold_negative_literals(ExprPtr& e) {
    if (!e) return;
    if (e->kind == ExprKind::Unary && e->op == Op::Neg && e->args.size() == 1 &&
        is_number_kind(e->args[0]->kind) && e->args[0]->text[0] != '-') {
        ExprPtr lit = e->args[0];
        lit->text.insert(0, "-");
        lit->span.begin = e->span.begin;
        e = std::move(lit);
        return;
    }
    if (e->kind == ExprKind::ListLit || e->kind == ExprKind::RecordLit) {
        for (ExprPtr& a : e->args) fold_negative_literals(a);
    }
}

auto const given_clause =
    kw("given") >> (name_p("the name of a case after `given`") % ',')[([](auto& ctx) {
        for (Ident& id : x3::_attr(ctx)) {
            x3::_val(ctx)->given.push_back(std::move(id.text));
            x3::_val(ctx)->given_spans.push_back(id.span);
        }
    })];

auto const assignment_def =
    spanned[ident[([](auto& ctx) {
                x3::_val(ctx).path.push_back(std::move(x3::_attr(ctx).text));
                x3::_val(ctx).path_spans.push_back(x3::_attr(ctx).span);
            })] >>
            *(x3::lit('.') >> name_p("a name after '.'")[([](auto& ctx) {
                  x3::_val(ctx).path.push_back(std::move(x3::_attr(ctx).text));
                  x3::_val(ctx).path_spans.push_back(x3::_attr(ctx).span);
              })]) >>
            expect("'=' and a value after the fact's name")['='] >>
            expect("a value after '='")[expr][([](auto& ctx) {
                x3::_val(ctx).value = std::move(x3::_attr(ctx));
                fold_negative_literals(x3::_val(ctx).value);
            })]];

auto const expectation_def =
    spanned[kw("expect") >> name_p("the name of a decision after `expect`")[([](auto& ctx) {
                x3::_val(ctx).decision = std::move(x3::_attr(ctx).text);
                x3::_val(ctx).decision_span = x3::_attr(ctx).span;
            })] >>
            expect("'==' and the expected value, `is absent`, `is unresolved` or `is failed`")[
                (x3::lit("==") >> expect("the expected value after '=='")[expr][([](auto& ctx) {
                     x3::_val(ctx).kind = Expectation::Kind::Equals;
                     x3::_val(ctx).value = std::move(x3::_attr(ctx));
                     fold_negative_literals(x3::_val(ctx).value);
                 })]) |
                (kw("is") >> expect("`absent`, `unresolved` or `failed` after `is`")[
                                 kw("absent")[([](auto& ctx) { x3::_val(ctx).kind = Expectation::Kind::Absent; })] |
                                 kw("unresolved")[([](auto& ctx) {
                                     x3::_val(ctx).kind = Expectation::Kind::Unresolved;
                                 })] |
                                 kw("failed")[([](auto& ctx) { x3::_val(ctx).kind = Expectation::Kind::Failed; })]])]];

auto const add_assignment = [](auto& ctx) {
    x3::_val(ctx)->assignments.push_back(std::move(x3::_attr(ctx)));
};

auto const case_decl_def =
    spanned[kw("case")[begin_decl(DeclKind::Case, "case")] >> name_p("a name after `case`")[set_name] >>
            -given_clause >> expect("'{' and the facts of {decl}")['{'] >> *assignment[add_assignment] >>
            expect("'}' or another `fact = value`")['}']];

auto const test_decl_def =
    spanned[kw("test")[begin_decl(DeclKind::Test, "test")] >> name_p("a name after `test`")[set_name] >>
            -str[([](auto& ctx) { x3::_val(ctx)->title = std::move(x3::_attr(ctx).text); })] >>
            *(given_clause | decl_note) >> expect("'{' to start the body of {decl}")['{'] >>
            *(expectation[([](auto& ctx) {
                  x3::_val(ctx)->expectations.push_back(std::move(x3::_attr(ctx)));
              })] |
              assignment[add_assignment]) >>
            expect("'}', another `fact = value` or another `expect`")['}']];

// ---- any declaration, with `override` (§2) ------------------------------------------------------

auto const decl_kinds_def = enum_decl | record_decl | facts_decl | fact_decl | parameter_decl |
                            table_decl | rule_decl | function_decl | ladder_decl | case_decl |
                            test_decl;

auto const declaration_def =
    spanned[(here >> kw("override") >>
             expect("a parameter, table, rule, decision, function or ladder after `override`")[decl_kinds])
                [([](auto& ctx) {
                    DeclPtr d = at_c<1>(x3::_attr(ctx));
                    switch (d->kind) {
                        case DeclKind::Parameter:
                        case DeclKind::Table:
                        case DeclKind::Rule:
                        case DeclKind::Decision:
                        case DeclKind::Function:
                        case DeclKind::Ladder:
                            break;
                        default:
                            fail(at_c<0>(x3::_attr(ctx)),
                                              "`override` applies only to parameters, tables, rules, "
                                              "decisions, functions and ladders");
                    }
                    d->is_override = true;
                    x3::_val(ctx) = std::move(d);
                })] |
            decl_kinds[([](auto& ctx) { x3::_val(ctx) = std::move(x3::_attr(ctx)); })]];

BOOST_SPIRIT_DEFINE(expr, if_expr, paren_expr, list_expr, record_expr, any_expr,
                    in_aggregate, name_or_call, collect_expr, collect_entry, limit_expr,
                    limit_step, block, type, type_base, notes, field, dotted_name, header,
                    declaration, decl_kinds, enum_decl, record_decl, fact_decl, facts_decl,
                    fact_member, fact_range, parameter_decl, period, table_decl, table_row,
                    table_cell, cell_test, rule_decl, function_decl, ladder_decl, ladder_level,
                    case_decl, test_decl, assignment, expectation)

// The skipper as an X3 parser (the same rules as skip_ws).
struct skipper_parser : x3::parser<skipper_parser> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    template <typename Iter, typename Ctx, typename RCtx, typename Attr>
    bool parse(Iter& first, Iter const& last, Ctx const&, RCtx&, Attr&) const {
        It p = skip_ws(first, last);
        bool moved = p != first;
        first = p;
        return moved;
    }
};

// ============================================================================================
// The driver: header, then declarations one at a time, with error recovery
// ============================================================================================

// The lowest stack address the parser may use, leaving room for the work between two nesting
// checks and for error reporting; 0 when the platform does not say.
uintptr_t stack_floor() { return util::stack_floor(24 * 1024); }

class Driver {
public:
    Driver(const SourceFile& file, DiagnosticSink& sink, Module& module, bool skip_tests)
        : file_(file), sink_(sink), begin_(file.text().data()), end_(begin_ + file.text().size()),
          skip_tests_(skip_tests) {
        state_.base = begin_;
        state_.file = file.id();
        state_.module = &module;
        state_.stack_floor = stack_floor();
        module_ = &module;
    }

    void run() {
        It p = begin_;
        if (end_ - p >= 3 && std::memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;   // a byte order mark
        p = skip_ws(p, end_);
        if (word_at(p, end_, "ruleset") || word_at(p, end_, "library")) {
            It start = p;
            try {
                x3::phrase_parse(p, end_, x3::with<state_tag>(std::ref(state_))[header], skipper_parser{});
            } catch (const SyntaxError& e) {
                report(e.where, e.message);
                p = recover(start);
            }
        } else {
            report(p, "expected `ruleset NAME` or `library NAME` at the start of the file");
        }
        for (;;) {
            p = skip_ws(p, end_);
            if (p == end_) break;
            if (skip_tests_ && (word_at(p, end_, "test") || word_at(p, end_, "case"))) {
                if (It after = past_braces(p)) {
                    p = after;
                    continue;
                }
            }
            p = declaration_at(p);
        }
    }

private:
    // Where the declaration at p ends: after the `}` that closes its first `{`, skipping strings
    // and comments; null when a line that starts a declaration comes first, or the text ends.
    It past_braces(It p) const {
        int depth = 0;
        bool line_start = false;
        while (p != end_) {
            char c = *p;
            if (line_start && starts_declaration(p, end_)) return nullptr;
            line_start = false;
            if (c == '\n') {
                line_start = true;
                ++p;
            } else if (c == '#') {
                while (p != end_ && *p != '\n') ++p;
            } else if (c == '"') {
                for (++p; p != end_ && *p != '"' && *p != '\n'; ++p) {
                    if (*p == '\\' && p + 1 != end_) ++p;
                }
                if (p == end_ || *p == '\n') return nullptr;   // an unclosed string: parse it to report it
                ++p;
            } else if (c == '{') {
                ++depth;
                ++p;
            } else if (c == '}') {
                ++p;
                if (--depth == 0) return p;
                if (depth < 0) return nullptr;
            } else {
                ++p;
            }
        }
        return nullptr;
    }

    // Parses the declaration at p; returns where to go on.
    It declaration_at(It p) {
        state_.depth = 0;
        state_.heights.clear();
        state_.decl_word.clear();
        state_.decl_name.clear();
        It start = p;
        DeclPtr decl;
        try {
            if (x3::phrase_parse(p, end_, x3::with<state_tag>(std::ref(state_))[declaration],
                                 skipper_parser{}, decl)) {
                set_docs(*decl);
                module_->decls.push_back(std::move(decl));
                return p;
            }
            report(start, not_a_declaration(start));
        } catch (const SyntaxError& e) {
            report(e.where, e.message);
        } catch (const x3::expectation_failure<It>& e) {   // not used by this grammar; kept safe
            report(e.where(), "expected " + e.which());
        }
        return recover(start);
    }

    std::string not_a_declaration(It p) const {
        for (const char* w : {"extends", "import"}) {
            if (word_at(p, end_, w)) {
                return std::string("`") + w + "` must come right after the `ruleset` or `library` line";
            }
        }
        if (word_at(p, end_, "ruleset") || word_at(p, end_, "library")) {
            return "a file has one `ruleset` or `library` line, at its start";
        }
        return "expected a declaration (enum, record, fact, facts, parameter, table, rule, "
               "decision, function, ladder, case or test)";
    }

    void report(It where, const std::string& message) {
        // At the end of the file there is no token to point at: point just after the last one.
        if (where == end_) {
            while (where != begin_ && is_space(where[-1])) --where;
        }
        uint32_t at = state_.off(where);
        sink_.error(Span{file_.id(), at, at}, message);
    }

    static It line_start(It p, It begin) {
        while (p != begin && p[-1] != '\n') --p;
        return p;
    }

    // After an error in the declaration that starts at `start`: the next line that begins with a
    // declaration keyword, preferring one indented no deeper than the broken declaration (so a
    // nested `facts` group inside it is not taken for a new declaration).
    It recover(It start) const {
        It line = line_start(start, begin_);
        It indent_end = line;
        while (indent_end != end_ && (*indent_end == ' ' || *indent_end == '\t')) ++indent_end;
        ptrdiff_t indent = indent_end - line;
        It p = std::find(start, end_, '\n');
        It fallback = end_;
        while (p != end_) {
            ++p;   // past the '\n'
            It q = p;
            while (q != end_ && (*q == ' ' || *q == '\t')) ++q;
            if (starts_declaration(q, end_)) {
                if (q - p <= indent) return q;
                if (fallback == end_) fallback = q;
            }
            p = std::find(p, end_, '\n');
        }
        return fallback;
    }

    // The `##` lines directly above a declaration (§1), without the `## ` marks.
    std::string doc_before(uint32_t offset) const {
        // Blanks around a line are layout, not documentation (the formatter re-indents lines and
        // drops trailing blanks): the same set as the formatter's.
        auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; };
        It at = begin_ + offset;
        It line = line_start(at, begin_);
        for (It c = line; c != at; ++c) {
            if (!blank(*c)) return {};   // something else precedes it on its line
        }
        std::vector<std::string_view> lines;
        while (line != begin_) {
            It prev_end = line - 1;   // the '\n'
            It prev = line_start(prev_end, begin_);
            std::string_view text(prev, prev_end - prev);
            while (!text.empty() && blank(text.back())) text.remove_suffix(1);
            while (!text.empty() && blank(text.front())) text.remove_prefix(1);
            if (text.substr(0, 2) != "##") break;
            text.remove_prefix(2);
            if (!text.empty() && text.front() == ' ') text.remove_prefix(1);
            lines.push_back(text);
            line = prev;
        }
        std::string doc;
        for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
            if (!doc.empty()) doc += '\n';
            doc += *it;
        }
        return doc;
    }

    void set_docs(Decl& d) const {
        d.doc = doc_before(d.span.begin);
        for (DeclPtr& m : d.members) set_docs(*m);
    }

    const SourceFile& file_;
    DiagnosticSink& sink_;
    It begin_;
    It end_;
    bool skip_tests_;
    State state_;
    Module* module_ = nullptr;
};

}  // namespace

std::shared_ptr<Module> parse_module(const SourceFile& file, DiagnosticSink& sink, const ParseOptions& options) {
    auto module = std::make_shared<Module>();
    const std::string& text = file.text();
    if (text.size() > kMaxSourceBytes) {
        sink.file_error(file.path(), "ruleset is larger than 1 MiB (the limit)");
        return module;
    }
    size_t bad = util::find_invalid_utf8(text);
    if (bad != util::kValidUtf8) {
        static const char kHex[] = "0123456789abcdef";
        unsigned char byte = static_cast<unsigned char>(text[bad]);
        std::string message = "invalid UTF-8 byte 0x";
        message += kHex[byte >> 4];
        message += kHex[byte & 15];
        sink.error(Span{file.id(), static_cast<uint32_t>(bad), static_cast<uint32_t>(bad + 1)}, message);
        return module;
    }
    Driver(file, sink, *module, options.skip_tests).run();
    return module;
}

std::shared_ptr<Module> parse_module(const SourceFile& file, DiagnosticSink& sink) {
    return parse_module(file, sink, ParseOptions{});
}

}  // namespace tenet::syntax
