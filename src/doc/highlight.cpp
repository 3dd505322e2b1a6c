#include "doc/highlight.hpp"

#include <algorithm>
#include <unordered_set>

#include "doc/html.hpp"
#include "util/utf8.hpp"

namespace tenet::doc {
namespace {

const char* mark_class(Mark::Kind k) {
    switch (k) {
        case Mark::Kind::Ref: return "ref";
        case Mark::Kind::Definition: return "def";
        case Mark::Kind::Number: return "num";
        case Mark::Kind::Text: return "str";
        case Mark::Kind::Local: return "loc";
        case Mark::Kind::Type: return "ty";
        case Mark::Kind::Builtin: return "fn";
    }
    return "";
}

bool is_type_word(std::string_view w) {
    static const std::unordered_set<std::string_view> kTypes = {"bool", "int",      "decimal", "money", "percent",
                                                                "date", "duration", "text",    "list"};
    return kTypes.count(w) || (!w.empty() && w[0] >= 'A' && w[0] <= 'Z');
}

void span(const char* cls, std::string_view text, std::string* out) {
    *out += "<span class=\"";
    *out += cls;
    *out += "\">";
    append_escaped(text, out);
    *out += "</span>";
}

}  // namespace

void highlight(const RulesetIndex& index, const TextRange& range, const std::function<std::string(int)>& href,
               std::string* out) {
    const std::string& text = index.file_texts.at(range.file);
    const std::vector<Mark>& marks = index.marks.at(range.file);
    auto m = std::lower_bound(marks.begin(), marks.end(), range.begin,
                              [](const Mark& a, uint32_t b) { return a.begin < b; });
    uint32_t end = std::min<uint32_t>(range.end, static_cast<uint32_t>(text.size()));
    uint32_t p = range.begin;
    while (p < end) {
        if (m != marks.end() && m->begin == p && m->end <= end) {
            std::string_view t(text.data() + m->begin, m->end - m->begin);
            if (m->kind == Mark::Kind::Ref && m->target >= 0) {
                *out += "<a class=\"ref\" href=\"" + href(m->target) + "\">";
                append_escaped(t, out);
                *out += "</a>";
            } else if (m->kind == Mark::Kind::Definition && m->target >= 0) {
                span("def", t, out);
            } else {
                span(mark_class(m->kind), t, out);
            }
            p = m->end;
            ++m;
            continue;
        }
        while (m != marks.end() && m->begin < p) ++m;
        uint32_t stop = m != marks.end() ? std::min(m->begin, end) : end;
        char c = text[p];
        uint32_t q = p + 1;
        size_t len = 0;
        if (c == '#') {
            while (q < end && text[q] != '\n') ++q;
            span("com", std::string_view(text.data() + p, q - p), out);
        } else if (c == '"') {
            while (q < end && text[q] != '"' && text[q] != '\n') ++q;
            if (q < end && text[q] == '"') ++q;
            span("str", std::string_view(text.data() + p, q - p), out);
        } else if ((c >= '0' && c <= '9') || c == '$') {
            while (q < stop && ((text[q] >= '0' && text[q] <= '9') || text[q] == '.' || text[q] == ',' ||
                                text[q] == '%' || text[q] == '-'))
                ++q;
            span("num", std::string_view(text.data() + p, q - p), out);
        } else if (util::is_identifier_start(text, p, &len)) {
            q = static_cast<uint32_t>(p + len);
            while (q < stop && util::is_identifier_continue(text, q, &len)) q += static_cast<uint32_t>(len);
            std::string_view word(text.data() + p, q - p);
            span(is_type_word(word) ? "ty" : "kw", word, out);
        } else {
            while (q < stop && text[q] != '#' && text[q] != '"' && text[q] != '$' &&
                   !(text[q] >= '0' && text[q] <= '9') && !util::is_identifier_start(text, q, &len))
                ++q;
            append_escaped(std::string_view(text.data() + p, q - p), out);
        }
        p = std::min(q, end);
    }
}

}  // namespace tenet::doc
