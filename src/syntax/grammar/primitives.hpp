// The grammar's primitive parsers (§1): keywords, identifiers and names, strings, and literals,
// as X3 parsers over the scanners of lexical.hpp and literals.hpp. They skip whitespace
// themselves, match whole words, and report positions through the State (x3_config.hpp).
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "syntax/grammar/literals.hpp"
#include "syntax/grammar/x3_config.hpp"

namespace tenet::syntax::grammar {

// Stores a parsed value into an X3 attribute that may be `unused`.
template <typename T>
void put(T&&, x3::unused_type const&) {}
template <typename T, typename A>
void put(T&& v, A& a) {
    a = std::forward<T>(v);
}

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
    std::string text;  // NFC
    Span span;
};

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
    std::string text;  // unescaped
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

// ---- literals (§1) ---------------------------------------------------------------------------

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
    bool names;  // false in fact ranges: a name there is the next fact, not a bound
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

constexpr number_parser number_literal{};
constexpr word_literal_parser word_literal{};
constexpr date_parser date_literal{};
constexpr cell_literal_parser cell_literal(true);
constexpr cell_literal_parser range_literal(false);

}  // namespace tenet::syntax::grammar
