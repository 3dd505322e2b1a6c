// The canonical formatter (format.hpp). It prints the tree; comments and blank lines, which
// the tree does not hold, come from the source text and are put back by position: before an
// item (declaration, fact, row, entry, statement, closing brace) is printed, every comment that
// starts before it in the source is printed first, on its own line if it was on its own line,
// otherwise at the end of the line printed last.
//
// Why this is safe: `#` can only start a comment or sit inside a string (strings are one line),
// so one scan finds every comment; the parser skips comments wherever whitespace may be, and
// the formatter only ever puts a comment at the end of a line or on a line of its own.
#include "syntax/format.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/operators.hpp"

namespace tenet::syntax {
namespace {

constexpr size_t kWidth = 100;  // a line longer than this is broken where the layout allows
constexpr std::string_view kIndent = "  ";

struct Comment {
    uint32_t begin = 0;
    std::string text;           // from `#` to the end of the line, without trailing spaces
    bool own_line = false;      // nothing but blanks before it on its line
    bool blank_before = false;  // an empty line separates it from what precedes it
};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

size_t byte_order_mark(std::string_view text) { return text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0; }

// True when only blanks (or the byte order mark) precede `offset` on its line.
bool first_on_line(std::string_view text, size_t offset) {
    size_t p = offset;
    while (p > 0 && text[p - 1] != '\n') --p;
    if (p == 0) p = std::min(byte_order_mark(text), offset);
    for (; p < offset; ++p) {
        if (!is_blank(text[p])) return false;
    }
    return true;
}

// True when the item at `offset` begins its line and an empty line precedes that line (the
// start of the file does not count).
bool blank_line_before(std::string_view text, uint32_t offset) {
    size_t p = std::min<size_t>(offset, text.size());
    if (!first_on_line(text, p)) return false;
    while (p > 0 && text[p - 1] != '\n') --p;  // start of the line
    if (p == 0) return false;
    size_t q = p - 1;  // the '\n' ending the previous line
    while (q > 0 && text[q - 1] != '\n') {
        if (!is_blank(text[q - 1])) return false;
        --q;
    }
    return q > 0;  // the previous line is empty and is not the first line of the file
}

std::vector<Comment> collect_comments(std::string_view text) {
    std::vector<Comment> out;
    bool in_string = false;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\n') {
            in_string = false;
        } else if (in_string) {
            if (c == '\\' && i + 1 < text.size() && text[i + 1] != '\n') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '#') {
            size_t end = text.find('\n', i);
            if (end == std::string_view::npos) end = text.size();
            size_t trimmed = end;
            while (trimmed > i && is_blank(text[trimmed - 1])) --trimmed;
            Comment comment;
            comment.begin = static_cast<uint32_t>(i);
            comment.text = std::string(text.substr(i, trimmed - i));
            comment.own_line = first_on_line(text, i);
            comment.blank_before = comment.own_line && blank_line_before(text, comment.begin);
            out.push_back(std::move(comment));
            i = end - 1;
        }
    }
    return out;
}

// ---- precedence (§7), loosest first, as the grammar reads it (syntax/operators.hpp) ----------

// Binding power (Prec) and spelling of each operator: syntax/operators.hpp.
int precedence(const Expr& e) {
    switch (e.kind) {
        case ExprKind::If: return kIf;
        case ExprKind::Binary:
        case ExprKind::Unary: return operator_info(e.op).prec;
        case ExprKind::Compare: return kCompare;
        case ExprKind::Is: return kIs;
        case ExprKind::In: return kIn;
        case ExprKind::Within: return kWithin;
        case ExprKind::Otherwise: return kOtherwise;
        default: return kAtom;
    }
}

const char* binary_text(Op op) { return operator_info(op).spelling; }

std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

// `$1,650.00` from "1650.00", `-$5` from "-5".
std::string money_text(const std::string& text) {
    bool negative = !text.empty() && text[0] == '-';
    std::string digits = text.substr(negative ? 1 : 0);
    size_t point = digits.find('.');
    std::string whole = digits.substr(0, point);
    std::string grouped;
    for (size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
        grouped += whole[i];
    }
    return (negative ? "-$" : "$") + grouped + (point == std::string::npos ? "" : digits.substr(point));
}

std::string type_text(const TypeExpr& t) {
    switch (t.kind) {
        case TypeExpr::Kind::List: return "list<" + type_text(*t.element) + ">";
        case TypeExpr::Kind::Optional: return type_text(*t.element) + "?";
        case TypeExpr::Kind::Named: break;
    }
    return t.name;
}

std::string fields_text(const std::vector<Field>& fields) {
    std::string out;
    for (const Field& f : fields) out += (out.empty() ? "" : ", ") + f.name + ": " + type_text(*f.type);
    return out;
}

// The annotations of a row, entry, step, period or level, on its line: `cite "a"  reading "b"`.
std::string inline_notes(const Annotations& n) {
    std::string out;
    for (const std::string& c : n.cites) out += (out.empty() ? "" : "  ") + std::string("cite ") + quoted(c);
    if (!n.reading.empty() || n.reading_span.end != 0) {
        out += (out.empty() ? "" : "  ") + std::string("reading ") + quoted(n.reading);
    }
    return out;
}

// Appends `cells` padded to `widths` and joined by `sep`; the last cell is not padded.
std::string aligned(const std::vector<std::string>& cells, const std::vector<size_t>& widths, const char* sep) {
    std::string out;
    for (size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) out += sep;
        out += cells[i];
        if (i + 1 < cells.size() && i < widths.size())
            out.append(widths[i] - std::min(widths[i], cells[i].size()), ' ');
    }
    return out;
}

std::string pad_to(std::string s, size_t width) {
    if (s.size() < width) s.append(width - s.size(), ' ');
    return s;
}

// Display width in columns: code points, not bytes (names and strings may be non-ASCII).
size_t columns(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

class Printer {
public:
    Printer(std::string_view text, std::vector<Comment> comments, int indent)
        : text_(text), comments_(std::move(comments)), indent_(indent) {}

    // The text, with the comments at the ends of consecutive lines lined up in one column.
    std::string take() {
        std::string aligned;
        size_t copied = 0;
        for (size_t i = 0; i < trailing_.size();) {
            size_t j = i + 1;  // [i, j): a run of consecutive lines
            while (j < trailing_.size() && trailing_[j].line == out_.find('\n', trailing_[j - 1].line) + 1) ++j;
            size_t column = 0;
            for (size_t k = i; k < j; ++k) {
                column = std::max(column, columns(std::string_view(out_).substr(
                                              trailing_[k].line, trailing_[k].code_end - trailing_[k].line)));
            }
            for (size_t k = i; k < j; ++k) {
                const Trailing& t = trailing_[k];
                aligned.append(out_, copied, t.code_end - copied);
                aligned.append(column - columns(std::string_view(out_).substr(t.line, t.code_end - t.line)), ' ');
                copied = t.code_end;
            }
            i = j;
        }
        aligned.append(out_, copied, std::string::npos);
        out_.clear();
        return aligned;
    }

    // ---- lines and comments ------------------------------------------------------------------

    // Starts the line of the item at source offset `at`: first the comments before it, then a
    // blank line if the source had one, then the indentation.
    // Continuation lines (`or b`, `else c`, `= body`) never get a blank line: their item does
    // not begin the line in the output, so a second formatting would not see one.
    void start_line(uint32_t at, bool allow_blank = true) {
        flush_comments(at);
        if (allow_blank && !at_block_start_ && !out_.empty() && blank_line_before(text_, at)) blank_line();
        write_indent();
        at_block_start_ = false;
    }
    void end_line() {
        while (!out_.empty() && out_.back() == ' ') out_.pop_back();
        out_ += '\n';
    }
    // A line that opens a block: no blank line directly inside it.
    void end_block_line() {
        end_line();
        at_block_start_ = true;
    }
    // The closing brace of a block whose text ends at `end` (just past the brace).
    void close_block(uint32_t end) {
        ++indent_;
        flush_comments(end == 0 ? 0 : end - 1);
        --indent_;
        write_indent();
        out_ += '}';
        at_block_start_ = false;
    }

    void flush_comments(uint32_t before) {
        while (next_ < comments_.size() && comments_[next_].begin < before) {
            const Comment& c = comments_[next_++];
            if (!c.own_line && !out_.empty() && out_.back() == '\n') {
                out_.pop_back();
                size_t line = out_.rfind('\n');
                line = line == std::string::npos ? 0 : line + 1;
                if (trailing_.empty() || trailing_.back().line != line) trailing_.push_back({line, out_.size()});
                out_ += "  " + c.text + "\n";
                continue;
            }
            if (c.blank_before && !at_block_start_ && !out_.empty()) blank_line();
            write_indent();
            out_ += c.text + "\n";
            at_block_start_ = false;
        }
    }

    // True when a comment starts inside [begin, end of the source line holding end): a
    // construct holding one is laid out one item per line, so that the comment keeps a place
    // of its own (and so that formatting twice gives the same layout).
    bool comment_within(Span span) const {
        size_t line_end = text_.find('\n', std::min<size_t>(span.end, text_.size()));
        if (line_end == std::string_view::npos) line_end = text_.size();
        for (size_t i = next_; i < comments_.size(); ++i) {
            if (comments_[i].begin >= line_end) break;
            if (comments_[i].begin >= span.begin) return true;
        }
        return false;
    }

    size_t column() const {
        size_t line = out_.rfind('\n');
        return columns(std::string_view(out_).substr(line == std::string::npos ? 0 : line + 1));
    }

    // ---- expressions ---------------------------------------------------------------------------

    // The text of `e` on one line as far as it goes (collect and limit still take lines).
    std::string flat(const Expr& e) const {
        Printer p(text_, {}, indent_);
        p.breaking_ = false;
        p.expr(e);
        return p.take();
    }
    bool fits(const std::string& s) const {
        return s.find('\n') == std::string::npos && column() + columns(s) <= kWidth;
    }

    // Expressions that do not fit on the line are broken at their outermost construct that can
    // be: and/or chains and if chains (also when a comment stands in them), arithmetic chains,
    // calls, list and record literals, aggregates. The decision rests on the tree, the column and
    // the comments inside, so formatting the output again takes the same decisions.
    static bool breakable(const Expr& e) {
        switch (e.kind) {
            case ExprKind::If:
            case ExprKind::Binary:
            case ExprKind::Aggregate: return true;
            case ExprKind::Call:
            case ExprKind::ListLit:
            case ExprKind::RecordLit: return !e.args.empty();
            default: return false;
        }
    }
    static bool is_chain(const Expr& e) {
        return e.kind == ExprKind::If || (e.kind == ExprKind::Binary && (e.op == Op::And || e.op == Op::Or));
    }
    // A comment between the construct's first and last character: it needs lines of its own.
    // Chains keep their older, wider test (a comment anywhere up to the end of their last line).
    bool comment_forces_break(const Expr& e) const {
        if (is_chain(e)) return comment_within(e.span);
        for (size_t i = next_; i < comments_.size(); ++i) {
            if (comments_[i].begin >= e.span.end) break;
            if (comments_[i].begin >= e.span.begin) return true;
        }
        return false;
    }
    bool must_break(const Expr& e) const {
        return breaking_ && breakable(e) && (comment_forces_break(e) || !fits(flat(e)));
    }

    void broken(const Expr& e) {
        switch (e.kind) {
            case ExprKind::If: if_chain(e); return;
            case ExprKind::Binary:
                if (is_chain(e)) {
                    chain(e);
                } else {
                    arithmetic_chain(e);
                }
                return;
            case ExprKind::Call:
                out_ += e.text + "(";
                item_lines(e.args, nullptr, e.span, ")",
                           is_in_aggregate_name(e.text) && e.args[0]->kind == ExprKind::In);
                return;
            case ExprKind::ListLit:
                out_ += "[";
                item_lines(e.args, nullptr, e.span, "]", false);
                return;
            case ExprKind::RecordLit:
                out_ += "{";
                item_lines(e.args, &e.names, e.span, "}", false);
                return;
            case ExprKind::Aggregate: aggregate_lines(e); return;
            default: plain(e); return;
        }
    }

    // a + b - c (or a * b / c): the first operand, then each operator and operand on a line.
    void arithmetic_chain(const Expr& e) {
        int prec = precedence(e);
        std::vector<const Expr*> rights;
        const Expr* first = &e;
        while (first->kind == ExprKind::Binary && !is_chain(*first) && precedence(*first) == prec) {
            rights.push_back(first);
            first = first->args[0].get();
        }
        operand(*first, prec);
        ++indent_;
        for (auto it = rights.rbegin(); it != rights.rend(); ++it) {
            const Expr& right = *(*it)->args[1];
            end_line();
            start_line(right.span.begin, false);
            out_ += std::string(binary_text((*it)->op)) + " ";
            operand(right, prec + 1);
        }
        --indent_;
    }

    // The items of a call, list or record a line each, one level in, and the closing bracket
    // under the line that opened it. `in_form`: the first argument is `x in xs` and keeps the
    // parentheses that make the call a call (see expr()).
    void item_lines(const std::vector<ExprPtr>& items, const std::vector<std::string>* names, Span span,
                    const char* close, bool in_form) {
        ++indent_;
        for (size_t i = 0; i < items.size(); ++i) {
            end_line();
            start_line(items[i]->span.begin, false);
            if (names) out_ += (*names)[i] + ": ";
            if (i == 0 && in_form) {
                out_ += "(";
                expr(*items[i]);
                out_ += ")";
            } else {
                expr(*items[i]);
            }
            if (i + 1 < items.size()) out_ += ",";
        }
        end_line();
        flush_comments(span.end == 0 ? 0 : span.end - 1);
        --indent_;
        write_indent();
        out_ += close;
    }

    // sum(
    //   element
    //   for x in xs
    //   where condition
    // )
    void aggregate_lines(const Expr& e) {
        const Expr* element = e.args[2].get();
        bool list_form = e.text == "list";
        out_ += list_form ? "[" : e.text + "(";
        ++indent_;
        if (element) {
            end_line();
            start_line(element->span.begin, false);
            operand(*element, kOr);
        }
        end_line();
        start_line(e.args[0]->span.begin, false);
        out_ += (element ? "for " : "") + e.var + " in ";
        operand(*e.args[0], kOr);
        if (e.args[1]) {
            end_line();
            start_line(e.args[1]->span.begin, false);
            out_ += "where ";
            operand(*e.args[1], kOr);
        }
        end_line();
        flush_comments(e.span.end == 0 ? 0 : e.span.end - 1);
        --indent_;
        write_indent();
        out_ += list_form ? "]" : ")";
    }

    void chain(const Expr& e) {
        std::vector<const Expr*> operands;
        flatten(e, e.op, &operands);
        int prec = precedence(e);
        ++indent_;
        for (size_t i = 0; i < operands.size(); ++i) {
            if (i > 0) {
                end_line();
                start_line(operands[i]->span.begin, false);
                out_ += std::string(binary_text(e.op)) + " ";
            }
            const Expr& x = *operands[i];
            bool nested = x.kind == ExprKind::Binary && (x.op == Op::And || x.op == Op::Or) && precedence(x) >= prec;
            if (nested && must_break(x)) {
                chain(x);
            } else {
                operand(x, i == 0 ? prec : prec + 1);
            }
        }
        --indent_;
    }

    // Left-associated operands of one operator: a or b or c.
    static void flatten(const Expr& e, Op op, std::vector<const Expr*>* out) {
        if (e.kind == ExprKind::Binary && e.op == op) {
            flatten(*e.args[0], op, out);
            out->push_back(e.args[1].get());
        } else {
            out->push_back(&e);
        }
    }

    // if c then x / else if c2 then y / else z, a branch a line. A branch too long for its line
    // puts `then` on a line of its own, under `else`; its condition, if still too long, breaks a
    // level further in.
    void if_chain(const Expr& e) {
        const Expr* branch = &e;
        ++indent_;
        for (bool first = true; branch->kind == ExprKind::If; first = false) {
            if (!first) {
                end_line();
                start_line(branch->span.begin, false);
                out_ += "else ";
            }
            out_ += "if ";
            const Expr& condition = *branch->args[0];
            const Expr& then = *branch->args[1];
            if (fits(flat_operand(condition, kOr) + " then " + flat_operand(then, kOr))) {
                operand(condition, kOr);
                out_ += " then ";
                operand(then, kOr);
            } else {
                ++indent_;
                operand(condition, kOr);
                --indent_;
                end_line();
                start_line(then.span.begin, false);
                out_ += "then ";
                operand(then, kOr);
            }
            branch = branch->args[2].get();
        }
        end_line();
        start_line(branch->span.begin, false);
        out_ += "else ";
        expr(*branch);
        --indent_;
    }

    std::string flat_operand(const Expr& x, int min) const {
        return precedence(x) < min ? "(" + flat(x) + ")" : flat(x);
    }

    // `x` where the operator around it needs at least precedence `min`.
    void operand(const Expr& x, int min) {
        if (precedence(x) < min) {
            out_ += '(';
            expr(x);
            out_ += ')';
        } else {
            expr(x);
        }
    }

    void expr(const Expr& e) {
        if (breaking_ && breakable(e)) {
            if (!comment_forces_break(e)) {
                std::string text = flat(e);
                if (fits(text)) {
                    out_ += text;
                    return;
                }
            }
            broken(e);
            return;
        }
        plain(e);
    }

    // `e` laid out by its own kind, its parts by expr().
    void plain(const Expr& e) {
        switch (e.kind) {
            case ExprKind::IntLit:
            case ExprKind::DecimalLit:
            case ExprKind::DateLit:
            case ExprKind::BoolLit:
            case ExprKind::Name: out_ += e.text; return;
            case ExprKind::MoneyLit: out_ += money_text(e.text); return;
            case ExprKind::PercentLit: out_ += e.text + "%"; return;
            case ExprKind::DurationLit: out_ += e.text + " " + duration_unit(e); return;
            case ExprKind::NoneLit: out_ += "none"; return;
            case ExprKind::StringLit: out_ += quoted(e.text); return;
            case ExprKind::Field:
                operand(*e.args[0], kAtom);
                out_ += "." + e.text;
                return;
            case ExprKind::Unary:
                out_ += operator_info(e.op).spelling;
                if (e.op == Op::Not) out_ += " ";
                operand(*e.args[0], precedence(e));
                return;
            case ExprKind::Binary: {
                int p = precedence(e);
                operand(*e.args[0], p);
                out_ += std::string(" ") + binary_text(e.op) + " ";
                operand(*e.args[1], p + 1);
                return;
            }
            case ExprKind::Compare:
                for (size_t i = 0; i < e.args.size(); ++i) {
                    if (i > 0) out_ += std::string(" ") + binary_text(e.ops[i - 1]) + " ";
                    operand(*e.args[i], kCompare + 1);
                }
                return;
            case ExprKind::Is:
                operand(*e.args[0], kIs);
                out_ += e.negated ? " is not " : " is ";
                out_ += operator_info(e.op).spelling;
                return;
            case ExprKind::In:
                operand(*e.args[0], kIn);
                out_ += e.negated ? " not in " : " in ";
                operand(*e.args[1], kIn + 1);
                return;
            case ExprKind::Within:
                operand(*e.args[0], kWithin);
                out_ += " within ";
                operand(*e.args[1], kWithin + 1);
                out_ += std::string(" ") + operator_info(e.op).spelling + " ";
                operand(*e.args[2], kWithin + 1);
                return;
            case ExprKind::Otherwise:
                operand(*e.args[0], kOtherwise);
                out_ += " otherwise ";
                operand(*e.args[1], kOtherwise + 1);
                return;
            case ExprKind::If:
                out_ += "if ";
                operand(*e.args[0], kOr);
                out_ += " then ";
                operand(*e.args[1], kOr);
                out_ += " else ";
                expr(*e.args[2]);
                return;
            case ExprKind::Call:
                out_ += e.text + "(";
                if (is_in_aggregate_name(e.text) && !e.args.empty() && e.args[0]->kind == ExprKind::In) {
                    // `count((x in xs))` is a call; without the parentheses it is an aggregate
                    out_ += "(";
                    expr(*e.args[0]);
                    out_ += ")";
                    for (size_t i = 1; i < e.args.size(); ++i) {
                        out_ += ", ";
                        expr(*e.args[i]);
                    }
                } else {
                    list(e.args);
                }
                out_ += ")";
                return;
            case ExprKind::Aggregate: aggregate(e); return;
            case ExprKind::ListLit:
                out_ += "[";
                list(e.args);
                out_ += "]";
                return;
            case ExprKind::RecordLit:
                out_ += "{";
                for (size_t i = 0; i < e.args.size(); ++i) {
                    out_ += (i > 0 ? ", " : "") + e.names[i] + ": ";
                    expr(*e.args[i]);
                }
                out_ += "}";
                return;
            case ExprKind::Collect: collect(e); return;
            case ExprKind::Limit: limit(e); return;
            case ExprKind::Block: block(e); return;
        }
    }

    static bool is_in_aggregate_name(const std::string& name) {
        return name == "count" || name == "all" || name == "first" || name == "last";
    }

    static const char* duration_unit(const Expr& e) {
        bool one = e.text == "1";
        switch (e.unit) {
            case DurationUnit::Days: return one ? "day" : "days";
            case DurationUnit::Weeks: return one ? "week" : "weeks";
            case DurationUnit::Months: return one ? "month" : "months";
            case DurationUnit::Years: return one ? "year" : "years";
        }
        return "days";
    }

    void list(const std::vector<ExprPtr>& items) {
        for (size_t i = 0; i < items.size(); ++i) {
            if (i > 0) out_ += ", ";
            expr(*items[i]);
        }
    }

    // sum(e for x in xs where c), [e for x in xs where c], count(x in xs where c), any(...)
    void aggregate(const Expr& e) {
        const Expr* element = e.args[2].get();
        bool list_form = e.text == "list";
        out_ += list_form ? "[" : e.text + "(";
        if (element) {
            operand(*element, kOr);
            out_ += " for ";
        }
        out_ += e.var + " in ";
        operand(*e.args[0], kOr);
        if (e.args[1]) {
            out_ += " where ";
            operand(*e.args[1], kOr);
        }
        out_ += list_form ? "]" : ")";
    }

    // The rows of a block, a line each at its item's source offset; where an item has a citation
    // or reading, it follows its line, and those annotations line up in one column.
    template <class Item>
    void noted_lines(const std::vector<std::string>& lines, const std::vector<Item>& items) {
        size_t width = 0;
        for (const std::string& line : lines) width = std::max(width, line.size());
        for (size_t i = 0; i < items.size(); ++i) {
            start_line(items[i].span.begin);
            std::string notes = inline_notes(items[i].notes);
            out_ += notes.empty() ? lines[i] : pad_to(lines[i], width) + "  " + notes;
            end_line();
        }
    }

    void collect(const Expr& e) {
        out_ += "collect {";
        end_block_line();
        ++indent_;
        std::vector<std::string> values, lines;
        size_t value_width = 0;
        for (const CollectEntry& c : e.entries) {
            values.push_back(flat(*c.value));
            value_width = std::max(value_width, values.back().size());
        }
        for (size_t i = 0; i < e.entries.size(); ++i) {
            lines.push_back(pad_to(values[i], value_width) + "  when " + flat(*e.entries[i].condition));
        }
        noted_lines(lines, e.entries);
        --indent_;
        close_block(e.span.end);
    }

    void limit(const Expr& e) {
        out_ += "limit ";
        operand(*e.args[0], kOr);
        out_ += " {";
        end_block_line();
        ++indent_;
        std::vector<std::string> steps;
        for (const LimitStep& s : e.steps) {
            std::string text = s.at_most ? "at most " : "at least ";
            text += flat(*s.bound);
            if (s.unless) text += " unless " + flat(*s.unless);
            steps.push_back(text);
        }
        noted_lines(steps, e.steps);
        --indent_;
        close_block(e.span.end);
    }

    // A body block: `{`, the lets, the result, `}`; the caller has written what precedes `{`.
    void block(const Expr& e) {
        out_ += "{";
        end_block_line();
        ++indent_;
        for (size_t i = 0; i + 1 < e.args.size(); ++i) {
            start_line(e.name_spans[i].begin);
            out_ += "let " + e.names[i] + " = ";
            expr(*e.args[i]);
            end_line();
        }
        start_line(e.args.back()->span.begin);
        expr(*e.args.back());
        end_line();
        --indent_;
        close_block(e.span.end);
    }

    // ---- declarations --------------------------------------------------------------------------

    void module(const Module& m) {
        flush_comments(m.header_span.begin);
        write_indent();
        out_ += (m.kind == FileKind::Library ? "library " : "ruleset ") + m.name;
        if (!m.title.empty()) out_ += " " + quoted(m.title);
        end_line();
        if (m.has_extends) {
            start_line(m.extends.span.begin);
            out_ += "extends " + quoted(m.extends.path);
            end_line();
        }
        for (const ImportRef& i : m.imports) {
            start_line(i.span.begin);
            out_ += "import " + quoted(i.path);
            end_line();
        }
        if (m.valid_from) {
            start_line(m.validity_span.begin);
            out_ += "valid from " + m.valid_from->text;
            if (m.valid_until) out_ += " until " + m.valid_until->text;
            end_line();
        }
        for (const DeclPtr& d : m.decls) declaration(*d);
        flush_comments(std::numeric_limits<uint32_t>::max());
    }

    void declaration(const Decl& d) {
        start_line(d.span.begin);
        if (d.is_override) out_ += "override ";
        switch (d.kind) {
            case DeclKind::Enum: enum_decl(d); break;
            case DeclKind::Record: record_decl(d); break;
            case DeclKind::Fact:
                out_ += "fact ";
                fact_line(d, d.name);
                break;
            case DeclKind::FactGroup:
                out_ += "facts ";
                group(d);
                break;
            case DeclKind::Parameter: parameter(d); break;
            case DeclKind::Table: table(d); break;
            case DeclKind::Rule:
            case DeclKind::Decision:
            case DeclKind::Function: rule(d); break;
            case DeclKind::Ladder: ladder(d); break;
            case DeclKind::Case: case_decl(d); break;
            case DeclKind::Test: test_decl(d); break;
        }
        end_line();
    }

    // Values or fields in braces: on one line when they fit and hold no comment.
    void braced_items(const Decl& d, const std::vector<std::string>& items, const std::vector<Span>& spans) {
        std::string one_line = "{ ";
        for (size_t i = 0; i < items.size(); ++i) one_line += (i > 0 ? ", " : "") + items[i];
        one_line += items.empty() ? "}" : " }";
        if (fits(one_line) && !comment_within(d.span)) {
            out_ += one_line;
            return;
        }
        out_ += "{";
        end_block_line();
        ++indent_;
        for (size_t i = 0; i < items.size(); ++i) {
            start_line(spans[i].begin);
            out_ += items[i] + (i + 1 < items.size() ? "," : "");
            end_line();
        }
        --indent_;
        close_block(d.span.end);
    }

    void enum_decl(const Decl& d) {
        out_ += "enum " + d.name + " ";
        braced_items(d, d.enum_values, d.enum_value_spans);
    }

    void record_decl(const Decl& d) {
        out_ += "record " + d.name + " ";
        std::vector<std::string> items;
        std::vector<Span> spans;
        for (const Field& f : d.fields) {
            items.push_back(f.name + ": " + type_text(*f.type));
            spans.push_back(f.span);
        }
        braced_items(d, items, spans);
    }

    void fact_line(const Decl& d, const std::string& name) {
        out_ += name + ": " + type_text(*d.type);
        if (d.has_range) {
            out_ += " in ";
            if (d.range.low) expr(*d.range.low);
            out_ += "..";
            if (d.range.high) expr(*d.range.high);
        }
    }

    void group(const Decl& g) {
        out_ += g.path.back() + " {";
        end_block_line();
        ++indent_;
        for (const DeclPtr& m : g.members) {
            start_line(m->span.begin);
            if (m->kind == DeclKind::FactGroup) {
                group(*m);
            } else {
                fact_line(*m, m->path.back());
            }
            end_line();
        }
        --indent_;
        close_block(g.span.end);
    }

    // One annotation per line under the declaration; `hit` and `carry` are written by their
    // declarations.
    void notes_lines(const Decl& d) {
        ++indent_;
        auto line = [&](uint32_t at, const std::string& text) {
            end_line();
            start_line(at, false);
            out_ += text;
        };
        for (size_t i = 0; i < d.notes.cites.size(); ++i)
            line(d.notes.cite_spans[i].begin, "cite " + quoted(d.notes.cites[i]));
        if (d.notes.reading_span.end != 0) line(d.notes.reading_span.begin, "reading " + quoted(d.notes.reading));
        if (d.notes.gap_span.end != 0) line(d.notes.gap_span.begin, "gap " + quoted(d.notes.gap));
        if (d.has_forever_as) line(d.span.begin, "forever as " + quoted(d.forever_as));
        --indent_;
    }
    static bool has_notes(const Decl& d) {
        return !d.notes.cites.empty() || d.notes.reading_span.end != 0 || d.notes.gap_span.end != 0 || d.has_forever_as;
    }

    // `{` of a body or a list of rows: on the header line, or on a line of its own after
    // annotations (so that the annotations line up under the header).
    void open_brace(bool after_notes) {
        if (after_notes) {
            end_line();
            write_indent();
            out_ += "{";
        } else {
            out_ += " {";
        }
        end_block_line();
    }

    // `= value` on the header line when there are no annotations and it fits, else on a line
    // of its own under them.
    void equals_body(const Decl& d, const Expr& body, bool notes_written) {
        std::string one_line = " = " + flat(body);
        if (!notes_written && fits(one_line) && !must_break(body)) {
            out_ += " = ";
            expr(body);
            return;
        }
        ++indent_;
        end_line();
        start_line(body.span.begin, false);
        out_ += "= ";
        expr(body);
        --indent_;
    }

    void parameter(const Decl& d) {
        out_ += "parameter " + d.name + ": " + type_text(*d.type);
        if (d.value) {
            out_ += " = ";
            expr(*d.value);
            notes_lines(d);
            return;
        }
        notes_lines(d);
        bool notes = has_notes(d);
        open_brace(notes);
        ++indent_;
        std::vector<std::string> heads, lines;
        size_t head_width = 0;
        for (const ParamPeriod& p : d.periods) {
            std::string head;
            switch (p.kind) {
                case ParamPeriod::Kind::Before: head = "before " + flat(*p.to); break;
                case ParamPeriod::Kind::From: head = "from " + flat(*p.from); break;
                case ParamPeriod::Kind::FromTo: head = "from " + flat(*p.from) + " to " + flat(*p.to); break;
            }
            heads.push_back(head);
            head_width = std::max(head_width, head.size());
        }
        for (size_t i = 0; i < d.periods.size(); ++i) {
            lines.push_back(pad_to(heads[i], head_width) + " = " + flat(*d.periods[i].value));
        }
        noted_lines(lines, d.periods);
        --indent_;
        close_block(d.span.end);
    }

    void table(const Decl& d) {
        std::string signature;
        for (const Field& f : d.fields) {
            signature += (signature.empty() ? "" : ", ") + f.name + ": " + type_text(*f.type);
            if (f.has_range) {
                signature +=
                    " in " + (f.range.low ? flat(*f.range.low) : "") + ".." + (f.range.high ? flat(*f.range.high) : "");
            }
        }
        out_ += "table " + d.name + "(" + signature + ") -> ";
        out_ += d.outputs.empty() ? type_text(*d.type) : "(" + fields_text(d.outputs) + ")";
        if (d.hit_written) {
            ++indent_;
            end_line();
            start_line(d.name_span.end, false);
            out_ += d.hit == HitPolicy::First     ? "hit first"
                    : d.hit == HitPolicy::Collect ? "hit collect"
                                                  : "hit unique";
            --indent_;
        }
        notes_lines(d);
        open_brace(has_notes(d) || d.hit_written);
        ++indent_;
        // every cell as text, then the width of each column over all rows
        std::vector<std::vector<std::string>> inputs, outputs;
        std::vector<size_t> input_widths, output_widths;
        for (const TableRow& r : d.rows) {
            inputs.emplace_back();
            for (const TableCell& c : r.inputs) inputs.back().push_back(cell_text(c));
            outputs.emplace_back();
            for (const ExprPtr& o : r.outputs) outputs.back().push_back(flat(*o));
            widen(&input_widths, inputs.back());
            widen(&output_widths, outputs.back());
        }
        std::vector<std::string> lines;
        for (size_t i = 0; i < d.rows.size(); ++i) {
            std::string inputs_text = aligned(inputs[i], input_widths, " | ");
            size_t inputs_width = 0;  // the whole input part, so that `=>` lines up
            for (size_t k = 0; k < input_widths.size(); ++k) inputs_width += input_widths[k] + (k > 0 ? 3 : 0);
            lines.push_back(pad_to(inputs_text, inputs_width) + " => " + aligned(outputs[i], output_widths, " | "));
        }
        noted_lines(lines, d.rows);
        --indent_;
        close_block(d.span.end);
    }

    static void widen(std::vector<size_t>* widths, const std::vector<std::string>& cells) {
        if (widths->size() < cells.size()) widths->resize(cells.size(), 0);
        for (size_t i = 0; i < cells.size(); ++i) (*widths)[i] = std::max((*widths)[i], cells[i].size());
    }

    std::string cell_text(const TableCell& c) const {
        if (c.tests.empty()) return "any";
        std::string out;
        for (const CellTest& t : c.tests) {
            if (!out.empty()) out += ", ";
            switch (t.kind) {
                case CellTest::Kind::Any: out += "any"; break;
                case CellTest::Kind::Equal: out += flat(*t.value); break;
                case CellTest::Kind::NotEqual: out += "!= " + flat(*t.value); break;
                case CellTest::Kind::Less: out += "< " + flat(*t.value); break;
                case CellTest::Kind::LessEq: out += "<= " + flat(*t.value); break;
                case CellTest::Kind::Greater: out += "> " + flat(*t.value); break;
                case CellTest::Kind::GreaterEq: out += ">= " + flat(*t.value); break;
                case CellTest::Kind::Range:
                    out += (t.value ? flat(*t.value) : "") + ".." + (t.high ? flat(*t.high) : "");
                    break;
            }
        }
        return out;
    }

    void rule(const Decl& d) {
        out_ += d.kind == DeclKind::Rule ? "rule " : d.kind == DeclKind::Decision ? "decision " : "function ";
        out_ += d.name;
        if (d.kind == DeclKind::Function) {
            out_ += "(" + fields_text(d.fields) + ") -> " + type_text(*d.type);
        } else {
            out_ += ": " + type_text(*d.type);
        }
        notes_lines(d);
        if (d.body->kind == ExprKind::Block) {
            if (has_notes(d)) {
                end_line();
                write_indent();
            } else {
                out_ += " ";
            }
            block(*d.body);
        } else {
            equals_body(d, *d.body, has_notes(d));
        }
    }

    void ladder(const Decl& d) {
        out_ += "ladder " + d.name;
        ++indent_;
        end_line();
        start_line(d.episodes->span.begin);
        out_ += "episodes ";
        operand(*d.episodes, kOr);
        out_ += " from " + d.start_field + " until " + d.cure_field;
        end_line();
        write_indent();
        out_ += d.carry_highest ? "carry highest" : "carry none";
        --indent_;
        notes_lines(d);
        open_brace(true);
        ++indent_;
        std::vector<std::string> levels;
        for (const LadderLevel& l : d.levels) {
            std::string text = "level " + std::to_string(l.number) + ": " + flat(*l.percent);
            if (l.length || l.at_most) text += " for";
            if (l.length && l.until_cured) text += " at least";
            if (l.length) text += " " + flat(*l.length);
            if (l.at_most) text += " at most " + flat(*l.at_most);
            if (l.until_cured) text += " until cured";
            levels.push_back(text);
        }
        noted_lines(levels, d.levels);
        --indent_;
        close_block(d.span.end);
    }

    static std::string given_text(const Decl& d) {
        std::string out;
        for (const std::string& g : d.given) out += (out.empty() ? "given " : ", ") + g;
        return out;
    }

    // Assignments and expectations, in the order they were written.
    void statements(const Decl& d) {
        ++indent_;
        size_t a = 0, x = 0;
        while (a < d.assignments.size() || x < d.expectations.size()) {
            bool take_assignment =
                x == d.expectations.size() ||
                (a < d.assignments.size() && d.assignments[a].span.begin < d.expectations[x].span.begin);
            if (take_assignment) {
                const Assignment& s = d.assignments[a++];
                start_line(s.span.begin);
                std::string path;
                for (const std::string& p : s.path) path += (path.empty() ? "" : ".") + p;
                out_ += path + " = ";
                expr(*s.value);
            } else {
                const Expectation& e = d.expectations[x++];
                start_line(e.span.begin);
                out_ += "expect " + e.decision;
                switch (e.kind) {
                    case Expectation::Kind::Equals:
                        out_ += " == ";
                        expr(*e.value);
                        break;
                    case Expectation::Kind::Absent: out_ += " is absent"; break;
                    case Expectation::Kind::Unresolved: out_ += " is unresolved"; break;
                    case Expectation::Kind::Failed: out_ += " is failed"; break;
                }
            }
            end_line();
        }
        --indent_;
    }

    void case_decl(const Decl& d) {
        out_ += "case " + d.name;
        if (!d.given.empty()) out_ += " " + given_text(d);
        out_ += " {";
        end_block_line();
        statements(d);
        close_block(d.span.end);
    }

    void test_decl(const Decl& d) {
        out_ += "test " + d.name;
        if (!d.title.empty()) out_ += " " + quoted(d.title);
        bool lines = has_notes(d);
        if (!d.given.empty()) {
            if (lines) {
                ++indent_;
                end_line();
                start_line(d.given_spans.front().begin);
                --indent_;
            } else {
                out_ += " ";
            }
            out_ += given_text(d);
        }
        notes_lines(d);
        open_brace(lines);
        statements(d);
        close_block(d.span.end);
    }

private:
    void write_indent() {
        for (int i = 0; i < indent_; ++i) out_ += kIndent;
    }
    void blank_line() {
        if (out_.size() >= 2 && out_.compare(out_.size() - 2, 2, "\n\n") == 0) return;
        out_ += '\n';
    }

    std::string_view text_;
    std::vector<Comment> comments_;
    size_t next_ = 0;
    int indent_ = 0;
    std::string out_;
    bool at_block_start_ = false;
    bool breaking_ = true;  // false in the printer of flat(): everything on one line
    struct Trailing {
        size_t line;      // offset in out_ of the line's start
        size_t code_end;  // offset of the "  #" that starts its comment
    };
    std::vector<Trailing> trailing_;
};

}  // namespace

std::string format_module(const Module& module, const SourceFile& file) {
    Printer printer(file.text(), collect_comments(file.text()), 0);
    printer.module(module);
    return printer.take();
}

}  // namespace tenet::syntax
