// Structural equality of syntax trees (ast_equal.hpp). Each comparison returns false with the
// path of the first difference; spans are never compared.
#include "syntax/ast_equal.hpp"

#include <vector>

namespace tenet::syntax {
namespace {

class Comparer {
public:
    std::string difference;

    bool differ(const std::string& where, const std::string& what) {
        difference = where + ": " + what;
        return false;
    }
    template <typename T>
    bool same_value(const std::string& where, const T& a, const T& b, const char* what) {
        return a == b || differ(where, std::string(what) + " differs");
    }
    bool same_text(const std::string& where, const std::string& a, const std::string& b, const char* what) {
        return a == b || differ(where, std::string(what) + " `" + a + "` vs `" + b + "`");
    }

    bool type(const std::string& where, const TypeExprPtr& a, const TypeExprPtr& b) {
        if (!a || !b) return (!a && !b) || differ(where, "type present in one only");
        return same_value(where, a->kind, b->kind, "type kind") && same_text(where, a->name, b->name, "type name") &&
               type(where + "<>", a->element, b->element);
    }

    bool notes(const std::string& where, const Annotations& a, const Annotations& b) {
        return same_value(where, a.cites, b.cites, "citations") && same_text(where, a.reading, b.reading, "reading") &&
               same_value(where, a.reading_span.end != 0, b.reading_span.end != 0, "presence of a reading") &&
               same_text(where, a.gap, b.gap, "gap") &&
               same_value(where, a.gap_span.end != 0, b.gap_span.end != 0, "presence of a gap");
    }

    bool exprs(const std::string& where, const std::vector<ExprPtr>& a, const std::vector<ExprPtr>& b) {
        if (a.size() != b.size())
            return differ(where, "number of operands " + std::to_string(a.size()) + " vs " + std::to_string(b.size()));
        for (size_t i = 0; i < a.size(); ++i) {
            if (!expr(where + "[" + std::to_string(i) + "]", a[i], b[i])) return false;
        }
        return true;
    }

    bool expr(const std::string& where, const ExprPtr& a, const ExprPtr& b) {
        if (!a || !b) return (!a && !b) || differ(where, "expression present in one only");
        if (a->kind != b->kind)
            return differ(where, "expression kind " + std::to_string(static_cast<int>(a->kind)) + " vs " +
                                     std::to_string(static_cast<int>(b->kind)));
        if (!same_text(where, a->text, b->text, "text") || !same_value(where, a->op, b->op, "operator") ||
            !same_value(where, a->negated, b->negated, "negation") || !same_value(where, a->unit, b->unit, "unit") ||
            !same_text(where, a->var, b->var, "variable") ||
            !same_value(where, a->ops, b->ops, "comparison operators") ||
            !same_value(where, a->names, b->names, "names") || !exprs(where, a->args, b->args)) {
            return false;
        }
        if (a->entries.size() != b->entries.size()) return differ(where, "number of collect entries");
        for (size_t i = 0; i < a->entries.size(); ++i) {
            std::string w = where + " entry " + std::to_string(i);
            const CollectEntry &x = a->entries[i], &y = b->entries[i];
            if (!expr(w, x.value, y.value) || !expr(w + " when", x.condition, y.condition) ||
                !notes(w, x.notes, y.notes))
                return false;
        }
        if (a->steps.size() != b->steps.size()) return differ(where, "number of limit steps");
        for (size_t i = 0; i < a->steps.size(); ++i) {
            std::string w = where + " step " + std::to_string(i);
            const LimitStep &x = a->steps[i], &y = b->steps[i];
            if (!same_value(w, x.at_most, y.at_most, "at most/at least") || !expr(w, x.bound, y.bound) ||
                !expr(w + " unless", x.unless, y.unless) || !notes(w, x.notes, y.notes)) {
                return false;
            }
        }
        return true;
    }

    bool fields(const std::string& where, const std::vector<Field>& a, const std::vector<Field>& b) {
        if (a.size() != b.size()) return differ(where, "number of fields");
        for (size_t i = 0; i < a.size(); ++i) {
            if (!same_text(where, a[i].name, b[i].name, "field") ||
                !type(where + " " + a[i].name, a[i].type, b[i].type) ||
                !same_value(where, a[i].has_range, b[i].has_range, "range") ||
                !expr(where, a[i].range.low, b[i].range.low) || !expr(where, a[i].range.high, b[i].range.high)) {
                return false;
            }
        }
        return true;
    }

    bool decls(const std::string& where, const std::vector<DeclPtr>& a, const std::vector<DeclPtr>& b) {
        if (a.size() != b.size())
            return differ(where,
                          "number of declarations " + std::to_string(a.size()) + " vs " + std::to_string(b.size()));
        for (size_t i = 0; i < a.size(); ++i) {
            if (!decl(where + " decl " + std::to_string(i) + " (" + a[i]->name + ")", *a[i], *b[i])) return false;
        }
        return true;
    }

    bool decl(const std::string& w, const Decl& a, const Decl& b) {
        if (!same_value(w, a.kind, b.kind, "kind") || !same_text(w, a.name, b.name, "name") ||
            !same_value(w, a.is_override, b.is_override, "override") || !notes(w, a.notes, b.notes) ||
            !same_text(w, a.doc, b.doc, "documentation") ||
            !same_value(w, a.enum_values, b.enum_values, "enum values") || !fields(w, a.fields, b.fields) ||
            !type(w, a.type, b.type) || !same_value(w, a.path, b.path, "path") ||
            !same_value(w, a.has_range, b.has_range, "range") || !expr(w + " range low", a.range.low, b.range.low) ||
            !expr(w + " range high", a.range.high, b.range.high) || !decls(w, a.members, b.members) ||
            !expr(w + " value", a.value, b.value) || !expr(w + " body", a.body, b.body) ||
            !same_text(w, a.forever_as, b.forever_as, "forever as") ||
            !same_value(w, a.has_forever_as, b.has_forever_as, "forever as") ||
            !fields(w + " outputs", a.outputs, b.outputs) || !same_value(w, a.hit, b.hit, "hit policy") ||
            !same_value(w, a.hit_written, b.hit_written, "hit written") ||
            !expr(w + " episodes", a.episodes, b.episodes) ||
            !same_text(w, a.start_field, b.start_field, "start field") ||
            !same_text(w, a.cure_field, b.cure_field, "cure field") ||
            !same_value(w, a.carry_highest, b.carry_highest, "carry") || !same_value(w, a.given, b.given, "given") ||
            !same_text(w, a.title, b.title, "title")) {
            return false;
        }
        if (a.periods.size() != b.periods.size()) return differ(w, "number of periods");
        for (size_t i = 0; i < a.periods.size(); ++i) {
            const ParamPeriod &x = a.periods[i], &y = b.periods[i];
            std::string p = w + " period " + std::to_string(i);
            if (!same_value(p, x.kind, y.kind, "period kind") || !expr(p + " from", x.from, y.from) ||
                !expr(p + " to", x.to, y.to) || !expr(p, x.value, y.value) || !notes(p, x.notes, y.notes)) {
                return false;
            }
        }
        if (a.rows.size() != b.rows.size()) return differ(w, "number of rows");
        for (size_t i = 0; i < a.rows.size(); ++i) {
            const TableRow &x = a.rows[i], &y = b.rows[i];
            std::string r = w + " row " + std::to_string(i);
            if (x.inputs.size() != y.inputs.size()) return differ(r, "number of cells");
            for (size_t c = 0; c < x.inputs.size(); ++c) {
                const auto &s = x.inputs[c].tests, &t = y.inputs[c].tests;
                if (s.size() != t.size()) return differ(r, "number of tests in a cell");
                for (size_t k = 0; k < s.size(); ++k) {
                    if (!same_value(r, s[k].kind, t[k].kind, "cell test") || !expr(r, s[k].value, t[k].value) ||
                        !expr(r, s[k].high, t[k].high)) {
                        return false;
                    }
                }
            }
            if (!exprs(r + " outputs", x.outputs, y.outputs) || !notes(r, x.notes, y.notes)) return false;
        }
        if (a.levels.size() != b.levels.size()) return differ(w, "number of levels");
        for (size_t i = 0; i < a.levels.size(); ++i) {
            const LadderLevel &x = a.levels[i], &y = b.levels[i];
            std::string l = w + " level " + std::to_string(i);
            if (!same_value(l, x.number, y.number, "level number") || !expr(l, x.percent, y.percent) ||
                !expr(l, x.length, y.length) || !expr(l, x.at_most, y.at_most) ||
                !same_value(l, x.until_cured, y.until_cured, "until cured") || !notes(l, x.notes, y.notes)) {
                return false;
            }
        }
        if (a.assignments.size() != b.assignments.size()) return differ(w, "number of assignments");
        for (size_t i = 0; i < a.assignments.size(); ++i) {
            std::string s = w + " assignment " + std::to_string(i);
            if (!same_value(s, a.assignments[i].path, b.assignments[i].path, "path") ||
                !expr(s, a.assignments[i].value, b.assignments[i].value)) {
                return false;
            }
        }
        if (a.expectations.size() != b.expectations.size()) return differ(w, "number of expectations");
        for (size_t i = 0; i < a.expectations.size(); ++i) {
            const Expectation &x = a.expectations[i], &y = b.expectations[i];
            std::string s = w + " expectation " + std::to_string(i);
            if (!same_value(s, x.kind, y.kind, "kind") || !same_text(s, x.decision, y.decision, "decision") ||
                !expr(s, x.value, y.value)) {
                return false;
            }
        }
        return true;
    }
};

}  // namespace

bool same_module(const Module& a, const Module& b, std::string* difference) {
    Comparer c;
    bool same = c.same_value("header", a.kind, b.kind, "file kind") && c.same_text("header", a.name, b.name, "name") &&
                c.same_text("header", a.title, b.title, "title") &&
                c.same_value("header", a.has_extends, b.has_extends, "extends") &&
                c.same_text("header", a.extends.path, b.extends.path, "extends path") &&
                c.same_value("header", a.imports.size(), b.imports.size(), "number of imports");
    for (size_t i = 0; same && i < a.imports.size(); ++i) {
        same = c.same_text("import", a.imports[i].path, b.imports[i].path, "import path");
    }
    auto date_text = [](const ExprPtr& e) { return e ? e->text : std::string(); };
    same = same && c.same_text("header", date_text(a.valid_from), date_text(b.valid_from), "valid from") &&
           c.same_text("header", date_text(a.valid_until), date_text(b.valid_until), "valid until");
    same = same && c.decls("module", a.decls, b.decls);
    if (!same && difference) *difference = c.difference;
    return same;
}

}  // namespace tenet::syntax
