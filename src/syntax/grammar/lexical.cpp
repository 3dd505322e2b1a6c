// The grammar's words that need a table or Unicode normalisation (see lexical.hpp).
#include "syntax/grammar/lexical.hpp"

#include <unordered_set>

namespace tenet::syntax::grammar {

It read_ident(It p, It last, std::string* text) {
    It e = scan_ident(p, last);
    if (e != p) *text = util::to_nfc(std::string_view(p, e - p));
    return e;
}

bool is_reserved(std::string_view w) {
    static const std::unordered_set<std::string_view> kReserved = {
        "ruleset", "library",  "extends",  "import",    "enum", "record", "fact",  "facts",   "parameter", "table",
        "rule",    "decision", "function", "ladder",    "case", "test",   "given", "expect",  "override",  "cite",
        "reading", "let",      "if",       "then",      "else", "and",    "or",    "not",     "is",        "in",
        "within",  "before",   "after",    "otherwise", "none", "true",   "false", "forever", "for",       "where",
        "collect", "when",     "limit",    "unless",    "from", "until",  "to",    "any"};
    return kReserved.count(w) != 0;
}

bool starts_declaration(It p, It last) {
    static const std::string_view kStarters[] = {"enum",  "record", "fact",     "facts",    "parameter",
                                                 "table", "rule",   "decision", "function", "ladder",
                                                 "case",  "test",   "override"};
    for (std::string_view w : kStarters) {
        if (word_at(p, last, w)) return true;
    }
    return false;
}

}  // namespace tenet::syntax::grammar
