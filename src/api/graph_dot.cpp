// The evaluation graph as Graphviz DOT (`tenet graph`): decisions and rules as boxes with their
// citations, parameters with their folded values, facts as inputs, operations as small nodes.
#include <sstream>

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
    out << "  label=\"" << escape(m.name + " — parameters in force from " + util::format_iso_date(p->period_from)) << "\";\n";
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
                if (c.op == Op::Const) eval::write_value(m, param.type, p->constants[c.aux], p->constant_states[c.aux], &v);
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
                label = op_name(n.op);
                shape = "circle";
                break;
        }
        out << "  n" << id << " [label=\"" << escape(label) << "\", shape=" << shape;
        if (!style.empty()) out << ", style=\"" << style << "\", fillcolor=\"" << (style.find("bold") != std::string::npos ? "#ffe9a8" : "#eef3fb") << "\"";
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
