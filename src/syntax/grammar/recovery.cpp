// Error recovery, skipped tests and doc comments, read from the text (see recovery.hpp).
#include "syntax/grammar/recovery.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

namespace tenet::syntax::grammar {
namespace {

It line_start(It p, It begin) {
    while (p != begin && p[-1] != '\n') --p;
    return p;
}

// The `##` lines directly above the text at offset, without the `## ` marks.
std::string doc_before(uint32_t offset, It begin) {
    // Blanks around a line are layout, not documentation (the formatter re-indents lines and
    // drops trailing blanks): the same set as the formatter's.
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; };
    It at = begin + offset;
    It line = line_start(at, begin);
    for (It c = line; c != at; ++c) {
        if (!blank(*c)) return {};  // something else precedes it on its line
    }
    std::vector<std::string_view> lines;
    while (line != begin) {
        It prev_end = line - 1;  // the '\n'
        It prev = line_start(prev_end, begin);
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

}  // namespace

It recover(It start, It begin, It end) {
    It line = line_start(start, begin);
    It indent_end = line;
    while (indent_end != end && (*indent_end == ' ' || *indent_end == '\t')) ++indent_end;
    ptrdiff_t indent = indent_end - line;
    It p = std::find(start, end, '\n');
    It fallback = end;
    while (p != end) {
        ++p;  // past the '\n'
        It q = p;
        while (q != end && (*q == ' ' || *q == '\t')) ++q;
        if (starts_declaration(q, end)) {
            if (q - p <= indent) return q;
            if (fallback == end) fallback = q;
        }
        p = std::find(p, end, '\n');
    }
    return fallback;
}

It past_braces(It p, It end) {
    int depth = 0;
    bool line_start = false;
    while (p != end) {
        char c = *p;
        if (line_start && starts_declaration(p, end)) return nullptr;
        line_start = false;
        if (c == '\n') {
            line_start = true;
            ++p;
        } else if (c == '#') {
            while (p != end && *p != '\n') ++p;
        } else if (c == '"') {
            for (++p; p != end && *p != '"' && *p != '\n'; ++p) {
                if (*p == '\\' && p + 1 != end) ++p;
            }
            if (p == end || *p == '\n') return nullptr;  // an unclosed string: parse it to report it
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

void set_docs(Decl& d, It begin) {
    d.doc = doc_before(d.span.begin, begin);
    for (DeclPtr& m : d.members) set_docs(*m, begin);
}

}  // namespace tenet::syntax::grammar
