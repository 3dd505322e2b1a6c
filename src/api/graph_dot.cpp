// The evaluation graph as Graphviz DOT (`tenet graph`): decisions and rules as boxes with their
// citations, parameters with their folded values, facts as inputs, operations as small nodes.
#include <algorithm>
#include <sstream>

#include "api/outcome.hpp"
#include "api/ruleset_impl.hpp"

namespace tenet {

using compile::kNoNode;
using compile::NodeId;
using compile::Op;

namespace {

const char* op_name(Op op) {
    switch (op) {
        case Op::Const: return "const";
        case Op::Fact: return "fact";
        case Op::LoopVar: return "element";
        case Op::Undefined: return "undefined";
        case Op::Rule: return "rule";
        case Op::Param: return "parameter";
        case Op::Add: return "+";
        case Op::Sub: return "-";
        case Op::Mul: return "×";
        case Op::Div: return "÷";
        case Op::Neg: return "negate";
        case Op::IntToNumber: return "to number";
        case Op::DateAdd: return "date +";
        case Op::DateSub: return "date -";
        case Op::DateDiff: return "days between";
        case Op::DurAdd: return "duration +";
        case Op::DurSub: return "duration -";
        case Op::DurMul: return "duration ×";
        case Op::DurNeg: return "duration negate";
        case Op::Compare: return "compare";
        case Op::And: return "and";
        case Op::Or: return "or";
        case Op::Not: return "not";
        case Op::If: return "if";
        case Op::IsPresent: return "is present";
        case Op::IsEmpty: return "is empty";
        case Op::Otherwise: return "otherwise";
        case Op::In: return "in";
        case Op::Within: return "within";
        case Op::Field: return "field";
        case Op::MakeRecord: return "record";
        case Op::MakeList: return "list";
        case Op::Builtin: return "call";
        case Op::Aggregate: return "aggregate";
        case Op::Collect: return "collect";
        case Op::Limit: return "limit";
        case Op::Table: return "table";
        case Op::Ladder: return "ladder";
    }
    return "?";
}

std::string escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\') out.push_back('\\');
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out.push_back(c);
    }
    return out;
}

const char* compare_text(uint8_t op) {
    switch (static_cast<syntax::Op>(op)) {
        case syntax::Op::Eq: return "==";
        case syntax::Op::Ne: return "!=";
        case syntax::Op::Lt: return "<";
        case syntax::Op::Le: return "<=";
        case syntax::Op::Gt: return ">";
        case syntax::Op::Ge: return ">=";
        default: return "?";
    }
}

const char* aggregate_text(compile::AggregateInfo::Kind k) {
    using K = compile::AggregateInfo::Kind;
    switch (k) {
        case K::Sum: return "sum";
        case K::Count: return "count";
        case K::Any: return "any";
        case K::All: return "all";
        case K::Max: return "max";
        case K::Min: return "min";
        case K::First: return "first";
        case K::Last: return "last";
        case K::List: return "list";
    }
    return "?";
}

// Labels that say what an inner node is: the field read, the function called, the condition
// tested, the aggregate and its list, each written as a short Tenet expression.
class Describer {
public:
    Describer(const check::Model& m, const compile::Program& p) : m_(m), p_(p) {}

    std::string label(NodeId id) const {
        const compile::Node& n = p_.nodes[id];
        switch (n.op) {
            case Op::LoopVar: {
                const auto& ag = p_.aggregates[n.aux];
                return ag.var_name + " in " + text(ag.list, kShort);
            }
            case Op::Field: return text(id, kShort);
            case Op::Builtin: return std::string(check::builtin_name(static_cast<check::Builtin>(n.aux))) + "(…)";
            case Op::If: return "if " + text(n.a, kShort);
            case Op::Aggregate: {
                const auto& ag = p_.aggregates[n.aux];
                return std::string(aggregate_text(ag.kind)) + " over " + text(ag.list, kShort);
            }
            case Op::Compare:
            case Op::Within: return text(id, kShort);
            case Op::IsPresent: return text(n.a, kShort) + " is present";
            case Op::IsEmpty: return text(n.a, kShort) + " is empty";
            default: return op_name(n.op);
        }
    }

private:
    static constexpr size_t kShort = 48;  // longer expressions end in "…"

    // The expression a node computes, cut to about `room` characters.
    std::string text(NodeId id, size_t room) const {
        std::string t = expr(id, 0);
        if (t.size() <= room) return t;
        size_t cut = room;
        while (cut > 0 && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
        return t.substr(0, cut) + "…";
    }

    std::string expr(NodeId id, int depth) const {
        if (id == kNoNode) return "?";
        if (depth > 6) return "…";
        const compile::Node& n = p_.nodes[id];
        auto sub = [&](NodeId x) { return expr(x, depth + 1); };
        switch (n.op) {
            case Op::Fact: return m_.facts[n.aux].path;
            case Op::Rule: return m_.rules[n.aux].name;
            case Op::Param: return m_.params[n.aux].name;
            case Op::Undefined: return m_.params[n.aux].name;
            case Op::LoopVar: return p_.aggregates[n.aux].var_name;
            case Op::Const: return constant(n);
            case Op::Field: {
                check::TypeId t = m_.types.strip_optional(type_of(n.a, 0));
                std::string field = "?";
                if (t != check::kNone && m_.types.kind(t) == check::TypeKind::Record) {
                    const auto& fields = m_.records[m_.types.get(t).ref].fields;
                    if (n.aux < fields.size()) field = fields[n.aux].name;
                }
                return sub(n.a) + "." + field;
            }
            case Op::Compare: return sub(n.a) + " " + compare_text(n.sub) + " " + sub(n.b);
            case Op::Add:
            case Op::DateAdd:
            case Op::DurAdd: return sub(n.a) + " + " + sub(n.b);
            case Op::Sub:
            case Op::DateSub:
            case Op::DurSub:
            case Op::DateDiff: return sub(n.a) + " - " + sub(n.b);
            case Op::Mul:
            case Op::DurMul: return sub(n.a) + " * " + sub(n.b);
            case Op::Div: return sub(n.a) + " / " + sub(n.b);
            case Op::Neg:
            case Op::DurNeg: return "-" + sub(n.a);
            case Op::IntToNumber: return sub(n.a);
            case Op::And: return sub(n.a) + " and " + sub(n.b);
            case Op::Or: return sub(n.a) + " or " + sub(n.b);
            case Op::Not: return "not " + sub(n.a);
            case Op::IsPresent: return sub(n.a) + " is present";
            case Op::IsEmpty: return sub(n.a) + " is empty";
            case Op::Otherwise: return sub(n.a) + " otherwise " + sub(n.b);
            case Op::In: return sub(n.a) + " in " + sub(n.b);
            case Op::Within: return sub(n.a) + " within " + sub(n.b) + (n.sub ? " after " : " before ") + sub(n.c);
            case Op::If: return "if " + sub(n.a) + " then " + sub(n.b) + " else " + sub(n.c);
            case Op::Builtin: {
                std::string args;
                for (uint32_t i = 0; i < n.args_count; ++i) args += (i ? ", " : "") + sub(p_.args[n.args_begin + i]);
                return std::string(check::builtin_name(static_cast<check::Builtin>(n.aux))) + "(" + args + ")";
            }
            case Op::Aggregate: {
                const auto& ag = p_.aggregates[n.aux];
                return std::string(aggregate_text(ag.kind)) + "(… for " + ag.var_name + " in " + sub(ag.list) + ")";
            }
            case Op::Table: return m_.tables[p_.table_calls[n.aux].table].name + "(…)";
            case Op::Ladder: return m_.ladders[p_.ladders[n.aux].ladder].name;
            default: return op_name(n.op);
        }
    }

    std::string constant(const compile::Node& n) const {
        const eval::Value& v = p_.constants[n.aux];
        if (p_.constant_states[n.aux] == eval::State::None) return "none";
        switch (n.vk) {
            case eval::ValueKind::Bool: return v.b ? "true" : "false";
            case eval::ValueKind::Int: return std::to_string(v.i);
            case eval::ValueKind::Number: return util::to_decimal_string(v.r);
            case eval::ValueKind::Date: return util::format_iso_date(v.d);
            default: return "…";
        }
    }

    // The declared type of what a node reads (records for field names), or kNone.
    check::TypeId type_of(NodeId id, int depth) const {
        if (id == kNoNode || depth > 16) return check::kNone;
        const compile::Node& n = p_.nodes[id];
        auto element = [&](check::TypeId list) {
            list = list == check::kNone ? list : m_.types.strip_optional(list);
            return list != check::kNone && m_.types.is_list(list) ? m_.types.element(list) : check::kNone;
        };
        switch (n.op) {
            case Op::Fact: return m_.facts[n.aux].type;
            case Op::Rule: return m_.rules[n.aux].type;
            case Op::Param: return m_.params[n.aux].type;
            case Op::Ladder: return m_.ladder_type;
            case Op::Table: return m_.tables[p_.table_calls[n.aux].table].result;
            case Op::LoopVar: return element(type_of(p_.aggregates[n.aux].list, depth + 1));
            case Op::If: return type_of(n.b, depth + 1);
            case Op::Otherwise: return type_of(n.b, depth + 1);
            case Op::Aggregate: {
                const auto& ag = p_.aggregates[n.aux];
                using K = compile::AggregateInfo::Kind;
                if (ag.kind == K::First || ag.kind == K::Last) return element(type_of(ag.list, depth + 1));
                return check::kNone;
            }
            case Op::Field: {
                check::TypeId t = type_of(n.a, depth + 1);
                if (t == check::kNone) return t;
                t = m_.types.strip_optional(t);
                if (m_.types.kind(t) != check::TypeKind::Record) return check::kNone;
                const auto& fields = m_.records[m_.types.get(t).ref].fields;
                return n.aux < fields.size() ? fields[n.aux].type : check::kNone;
            }
            default: return check::kNone;
        }
    }

    const check::Model& m_;
    const compile::Program& p_;
};

// "parameters in force from 1998-12-01": the days on which every parameter the graph reads has
// the value shown (the overlap of their periods), not the whole ruleset's period.
std::string parameter_period(const check::Model& m, const compile::Program& p) {
    check::PeriodInfo overlap{util::min_date(), util::kForever, nullptr, nullptr};
    bool any = false;
    for (const compile::Node& n : p.nodes) {
        if (n.op != Op::Param) continue;
        const check::PeriodInfo& period = m.params[n.aux].periods[n.sub];
        overlap.from = std::max(overlap.from, period.from);
        overlap.to = std::min(overlap.to, period.to);
        any = true;
    }
    if (!any) return "no parameters";
    std::string when = effective_text(overlap);
    return when == "always" ? "parameters that never change" : "parameters in force " + when;
}

}  // namespace

std::string Ruleset::graph_dot(const std::vector<int>& decisions, const std::string& as_of) const {
    const Impl& rs = *impl_;
    const check::Model& m = *rs.model;
    util::Days day = rs.breaks.back();
    if (!as_of.empty()) util::parse_iso_date(as_of, &day);
    std::vector<uint32_t> rules;
    if (decisions.empty()) {
        rules = rs.decision_rules;
    } else {
        for (int d : decisions) rules.push_back(rs.decision_rules[static_cast<size_t>(d)]);
    }
    std::string error;
    auto p = compile::build_program(m, day, rules, &error);
    std::ostringstream out;
    out << "digraph \"" << escape(m.name) << "\" {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n";
    if (!p) {
        out << "  error [label=\"" << escape(error) << "\"];\n}\n";
        return out.str();
    }
    out << "  label=\"" << escape(m.name + " — " + parameter_period(m, *p)) << "\";\n";
    Describer describer(m, *p);
    for (NodeId id = 0; id < p->nodes.size(); ++id) {
        const compile::Node& n = p->nodes[id];
        std::string label, shape = "ellipse", style;
        switch (n.op) {
            case Op::Rule: {
                const auto& r = m.rules[n.aux];
                label = r.name;
                for (const auto& c : r.origin.decl->notes.cites) label += "\n[" + c + "]";
                shape = "box";
                style = r.decision ? "filled,bold" : "filled";
                break;
            }
            case Op::Param: {
                const auto& param = m.params[n.aux];
                std::string v;
                const compile::Node& c = p->nodes[n.a];
                if (c.op == Op::Const)
                    eval::write_value(m, param.type, p->constants[c.aux], p->constant_states[c.aux], &v);
                label = param.name + " = " + v;
                shape = "note";
                break;
            }
            case Op::Fact:
                label = m.facts[n.aux].path;
                shape = "invhouse";
                break;
            case Op::Const: {
                label.clear();
                // constants are shown inside their users' labels only when scalar and short
                continue;
            }
            case Op::Table:
                label = "table " + m.tables[p->table_calls[n.aux].table].name;
                shape = "component";
                break;
            case Op::Ladder:
                label = "ladder " + m.ladders[p->ladders[n.aux].ladder].name;
                shape = "component";
                break;
            default:
                label = describer.label(id);
                shape = label.size() <= 3 ? "circle" : "ellipse";
                break;
        }
        out << "  n" << id << " [label=\"" << escape(label) << "\", shape=" << shape;
        if (!style.empty())
            out << ", style=\"" << style << "\", fillcolor=\""
                << (style.find("bold") != std::string::npos ? "#ffe9a8" : "#eef3fb") << "\"";
        out << "];\n";
    }
    for (NodeId id = 0; id < p->nodes.size(); ++id) {
        if (p->nodes[id].op == Op::Const) continue;
        p->for_each_operand(id, [&](NodeId x) {
            if (x != kNoNode && p->nodes[x].op != Op::Const) out << "  n" << x << " -> n" << id << ";\n";
        });
    }
    out << "}\n";
    return out.str();
}

}  // namespace tenet
