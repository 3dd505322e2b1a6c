// Checking declaration bodies, on first use: rules and decisions, parameters and their periods,
// functions, tables (rows and cells), ladders, and the cases and tests.
#include <algorithm>
#include <cstdint>
#include <memory>

#include "check/checker_impl.hpp"

namespace tenet::check {

using syntax::Decl;
using syntax::Expr;
using syntax::ExprKind;

namespace {
// The expression context belongs to the declaration being checked; checking another one on
// demand must start from a clean context and give the old one back.
struct SavedContext {
    Checker& c;
    std::vector<Checker::Local> locals;
    std::vector<std::string> narrowed;
    bool constant_only;
    bool uses_case;
    int depth;
    uint64_t expanded;
    explicit SavedContext(Checker& ch)
        : c(ch),
          locals(std::move(ch.locals_)),
          narrowed(std::move(ch.narrowed_)),
          constant_only(ch.constant_only_),
          uses_case(ch.uses_case_),
          depth(ch.depth_),
          expanded(ch.expanded_) {
        c.locals_.clear();
        c.narrowed_.clear();
        c.constant_only_ = false;
        c.uses_case_ = false;
        c.depth_ = 0;
        c.expanded_ = 0;
    }
    ~SavedContext() {
        c.locals_ = std::move(locals);
        c.narrowed_ = std::move(narrowed);
        c.constant_only_ = constant_only;
        c.uses_case_ = uses_case || c.uses_case_;
        c.depth_ = depth;
        c.expanded_ = expanded;
    }
};

std::vector<CheckState>& states(Checker& c, SymbolKind k) {
    switch (k) {
        case SymbolKind::Parameter: return c.param_state_;
        case SymbolKind::Function: return c.function_state_;
        case SymbolKind::Table: return c.table_state_;
        case SymbolKind::Ladder: return c.ladder_state_;
        default: return c.rule_state_;
    }
}

bool parse_date_literal(const Expr* e, util::Days* out) {
    if (!e || e->kind != ExprKind::DateLit) return false;
    if (e->text == "forever") {
        *out = util::kForever;
        return true;
    }
    return util::parse_iso_date(e->text, out);
}
}  // namespace

bool Checker::begin(Symbol s, const syntax::Span& at) {
    auto& st = states(*this, s.kind)[s.index];
    if (st == CheckState::Unchecked && stack_.size() >= kMaxRuleDepth) {
        // a chain of rules this long is a generated ruleset gone wrong, not policy: stop here
        if (!depth_reported_) {
            depth_reported_ = true;
            const Decl* d = decl_of(s);
            sink_->error(d ? d->name_span : at, "rules depend on each other more than " +
                                                    std::to_string(kMaxRuleDepth) +
                                                    " levels deep here (the limit); split the chain");
        }
        return false;
    }
    if (st == CheckState::InProgress) {
        // a cycle: the part of the stack from the first occurrence of s
        auto first = std::find_if(stack_.begin(), stack_.end(),
                                  [&](Symbol x) { return x.kind == s.kind && x.index == s.index; });
        uint64_t key = (static_cast<uint64_t>(s.kind) << 32) | s.index;
        if (cycle_reported_.insert(key).second) {
            std::string chain;
            for (auto it = first; it != stack_.end(); ++it) {
                const Decl* d = decl_of(*it);
                chain += (d ? d->name : std::string("?")) + " → ";
                cycle_reported_.insert((static_cast<uint64_t>(it->kind) << 32) | it->index);
            }
            const Decl* d = decl_of(s);
            chain += d ? d->name : std::string("?");
            sink_->error(d ? d->name_span : at,
                         "`" + (d ? d->name : std::string("?")) + "` depends on itself: " + chain);
        }
        return false;
    }
    st = CheckState::InProgress;
    stack_.push_back(s);
    return true;
}

static uint64_t saturating_add(uint64_t a, uint64_t b) { return a > UINT64_MAX - b ? UINT64_MAX : a + b; }

void Checker::count_expansion(uint64_t nodes) {
    expanded_ = saturating_add(expanded_, nodes);
    expanded_total_ = saturating_add(expanded_total_, nodes);
}

// A call expands its callee's body (and the bodies that calls) where it stands: past the limit
// the call that crossed it is the error, once.
void Checker::check_expansion(const Expr* call, uint64_t callee_nodes) {
    count_expansion(callee_nodes);
    if (expanded_total_ <= kMaxExpandedNodes || expansion_reported_) return;
    expansion_reported_ = true;
    sink_->error(call->span, "with this call, the ruleset expands to more than " + std::to_string(kMaxExpandedNodes) +
                                 " expression nodes (the limit): every call of `" + call->text +
                                 "` expands its body and the bodies of the functions it calls; compute a "
                                 "value once in a rule and refer to the rule");
}

void Checker::end(Symbol s) {
    states(*this, s.kind)[s.index] = CheckState::Done;
    stack_.pop_back();
}

Typed Checker::use_symbol(Symbol s, const syntax::Span& at) {
    const TypeTable& T = m_->types;
    if (states(*this, s.kind)[s.index] != CheckState::Done) {
        if (!begin(s, at)) return Typed{T.error(), {}};
        {
            SavedContext saved(*this);
            switch (s.kind) {
                case SymbolKind::Parameter: check_param(s.index); break;
                case SymbolKind::Rule: check_rule(s.index); break;
                case SymbolKind::Function: check_function(s.index); break;
                case SymbolKind::Table: check_table(s.index); break;
                case SymbolKind::Ladder: check_ladder(s.index); break;
                default: break;
            }
        }
        end(s);
    }
    switch (s.kind) {
        case SymbolKind::Parameter: return Typed{m_->params[s.index].type, param_exact_[s.index]};
        case SymbolKind::Rule:
            uses_case_ = uses_case_ || rule_uses_case_[s.index];
            return Typed{m_->rules[s.index].type, rule_exact_[s.index]};
        case SymbolKind::Function:
            uses_case_ = uses_case_ || function_uses_case_[s.index];
            return Typed{m_->functions[s.index].result, function_exact_[s.index]};
        case SymbolKind::Table:
            uses_case_ = uses_case_ || table_uses_case_[s.index];
            return Typed{m_->tables[s.index].result, table_exact_[s.index]};
        case SymbolKind::Ladder: uses_case_ = true; return Typed{m_->ladder_type, Exactness{true, false}};
        default: return Typed{T.error(), {}};
    }
}

void Checker::check_rule(uint32_t i) {
    RuleInfo& r = m_->rules[i];
    const Decl& d = *r.origin.decl;
    std::string what = std::string(r.decision ? "decision" : "rule") + " `" + r.name + "`";
    std::string value_of = "the value of " + what;
    Typed t = expr_as(d.body.get(), r.type, value_of.c_str());
    rule_exact_[i] = t.exact;
    rule_uses_case_[i] = uses_case_;
    if (t.type != m_->types.error() && r.decision) require_exact(d.body.get(), r.type, t.exact, what);
    if (d.has_forever_as && m_->types.strip_optional(r.type) != m_->types.date()) {
        sink_->error(d.name_span, "`forever as` applies to a decision of type date or date?, not " + type_name(r.type));
    }
    if (d.has_forever_as && (d.forever_as.empty() || d.forever_as.size() > 64)) {
        sink_->error(d.name_span, "`forever as` needs a short non-empty text");
    }
}

void Checker::check_param(uint32_t i) {
    ParamInfo& p = m_->params[i];
    const Decl& d = *p.origin.decl;
    constant_only_ = true;
    Exactness x;
    if (d.value) {
        uint64_t before = expanded_;
        Typed t = expr_as(d.value.get(), p.type, ("the value of parameter `" + p.name + "`").c_str());
        value_expanded_[d.value.get()] = expanded_ - before;
        x = t.exact;
        p.periods.push_back(PeriodInfo{util::min_date(), util::kForever, d.value.get(), &d.notes});
    }
    for (const auto& period : d.periods) {
        uint64_t before = expanded_;
        Typed t = expr_as(period.value.get(), p.type, ("the value of parameter `" + p.name + "`").c_str());
        value_expanded_[period.value.get()] = expanded_ - before;
        x = x & t.exact;
        util::Days from = util::min_date(), to = util::kForever;
        bool ok = true;
        using K = syntax::ParamPeriod::Kind;
        if (period.kind == K::Before) {
            util::Days first_not_covered;
            ok = parse_date_literal(period.to.get(), &first_not_covered) && first_not_covered != util::kForever;
            if (ok) to = first_not_covered - 1;
            if (ok && first_not_covered <= util::min_date()) ok = false;
        } else {
            ok = parse_date_literal(period.from.get(), &from) && from != util::kForever;
            if (ok && period.kind == K::FromTo) ok = parse_date_literal(period.to.get(), &to);
        }
        if (!ok) {
            sink_->error(period.span, "a period needs dates between 1800-01-01 and 2299-12-31, e.g. `from 1998-12-01`");
            continue;
        }
        if (to < from) {
            sink_->error(period.span, "this period ends before it begins");
            continue;
        }
        p.periods.push_back(PeriodInfo{from, to, period.value.get(), &period.notes});
    }
    std::sort(p.periods.begin(), p.periods.end(),
              [](const PeriodInfo& a, const PeriodInfo& b) { return a.from < b.from; });
    for (size_t k = 1; k < p.periods.size(); ++k) {
        if (p.periods[k].from <= p.periods[k - 1].to) {
            sink_->error(p.periods[k].value->span, "the periods of parameter `" + p.name + "` overlap from " +
                                                       util::format_iso_date(p.periods[k].from));
        }
    }
    param_exact_[i] = x;
}

void Checker::check_function(uint32_t i) {
    FunctionInfo& f = m_->functions[i];
    const Decl& d = *f.origin.decl;
    for (size_t k = 0; k < f.params.size(); ++k) {
        for (size_t j = 0; j < k; ++j) {
            if (f.params[j].name == f.params[k].name) {
                sink_->error(d.fields[k].span, "parameter `" + f.params[k].name + "` appears twice");
            }
        }
        locals_.push_back(Local{f.params[k].name, f.params[k].type, Exactness{true, true}});
    }
    Typed t = expr_as(d.body.get(), f.result, ("the value of function `" + f.name + "`").c_str());
    function_exact_[i] = t.exact;
    function_uses_case_[i] = uses_case_;
    function_expanded_[i] = expanded_;
    locals_.clear();
}

void Checker::check_table(uint32_t i) {
    TableInfo& t = m_->tables[i];
    const Decl& d = *t.origin.decl;
    const TypeTable& T = m_->types;
    Exactness x;
    for (const auto& in : t.inputs) {
        TypeKind k = T.kind(in.type);
        bool supported = k == TypeKind::Bool || k == TypeKind::Int || k == TypeKind::Decimal || k == TypeKind::Money ||
                         k == TypeKind::Percent || k == TypeKind::Date || k == TypeKind::Enum;
        if (!supported) {
            sink_->error(d.name_span, "table input `" + in.name + "` is " + type_name(in.type) +
                                          "; table inputs are bool, int, decimal, money, percent, date or an enum");
        }
    }
    // `size: int in 1..30`: the values the rows must cover (LANGUAGE.md §6)
    t.input_ranges.assign(t.inputs.size(), {});
    for (size_t c = 0; c < t.inputs.size() && c < d.fields.size(); ++c) {
        if (d.fields[c].has_range)
            check_range(d.fields[c].range, t.inputs[c].type, &t.input_ranges[c].first, &t.input_ranges[c].second);
    }
    for (size_t r = 0; r < d.rows.size(); ++r) {
        const syntax::TableRow& row = d.rows[r];
        if (row.inputs.size() != t.inputs.size()) {
            sink_->error(row.span, "row has " + std::to_string(row.inputs.size()) + " input cell" +
                                       (row.inputs.size() == 1 ? "" : "s") + " but table `" + t.name + "` has " +
                                       std::to_string(t.inputs.size()) + " input" + (t.inputs.size() == 1 ? "" : "s"));
            continue;
        }
        if (row.outputs.size() != t.outputs.size()) {
            sink_->error(row.span, "row has " + std::to_string(row.outputs.size()) + " output cell" +
                                       (row.outputs.size() == 1 ? "" : "s") + " but table `" + t.name + "` has " +
                                       std::to_string(t.outputs.size()) + " output" +
                                       (t.outputs.size() == 1 ? "" : "s"));
            continue;
        }
        for (size_t c = 0; c < row.inputs.size(); ++c) {
            TypeId ct = t.inputs[c].type;
            TypeKind ck = T.kind(ct);
            bool ordered = ck != TypeKind::Bool && ck != TypeKind::Enum;
            for (const auto& test : row.inputs[c].tests) {
                using K = syntax::CellTest::Kind;
                if (!ordered && test.kind != K::Equal && test.kind != K::NotEqual && test.kind != K::Any) {
                    sink_->error(test.span,
                                 "values of " + type_name(ct) + " have no order: use a value or a list of values");
                    continue;
                }
                constant_only_ = true;
                for (const Expr* v : {test.value.get(), test.high.get()}) {
                    if (!v) continue;
                    bool literal = v->kind != ExprKind::Binary && v->kind != ExprKind::Call && v->kind != ExprKind::If;
                    Typed lt = expr_as(v, ct, ("a cell of column `" + t.inputs[c].name + "`").c_str());
                    if (lt.type != T.error() &&
                        (!literal || (v->kind == ExprKind::Name && m_->info[v].ref != RefKind::EnumValue))) {
                        sink_->error(
                            v->span,
                            "a table cell holds a literal value, such as `24`, `25%`, `1999-01-01` or an enum value");
                    }
                }
                constant_only_ = false;
            }
        }
        for (size_t k = 0; k < t.inputs.size(); ++k) {
            locals_.push_back(Local{t.inputs[k].name, t.inputs[k].type,
                                    Exactness{true, T.kind(t.inputs[k].type) != TypeKind::Decimal}});
        }
        for (size_t o = 0; o < row.outputs.size(); ++o) {
            std::string what = t.outputs[o].name.empty() ? "the output of table `" + t.name + "`"
                                                         : "output `" + t.outputs[o].name + "`";
            Typed ot = expr_as(row.outputs[o].get(), t.outputs[o].type, what.c_str());
            x = x & ot.exact;
        }
        locals_.clear();
    }
    if (d.rows.empty()) sink_->error(d.name_span, "table `" + t.name + "` has no rows");
    table_exact_[i] = x;
    table_uses_case_[i] = uses_case_;
    table_expanded_[i] = expanded_;
}

void Checker::check_ladder(uint32_t i) {
    LadderInfo& l = m_->ladders[i];
    const Decl& d = *l.origin.decl;
    const TypeTable& T = m_->types;
    Typed ep = expr(d.episodes.get(), kNone);
    if (ep.type != T.error()) {
        if (!T.is_list(ep.type) || T.kind(T.element(ep.type)) != TypeKind::Record) {
            sink_->error(
                d.episodes->span,
                "`episodes` needs a list of records with a start date and a cure date; this is " + type_name(ep.type));
        } else {
            l.episode_type = T.element(ep.type);
            const RecordInfo& rec = m_->records[T.get(l.episode_type).ref];
            int s = rec.field_index(d.start_field);
            int c = rec.field_index(d.cure_field);
            if (s < 0 || T.strip_optional(rec.fields[s].type) != T.date() || T.is_optional(rec.fields[s].type)) {
                sink_->error(d.start_field_span,
                             "`" + rec.name + "` needs a field `" + d.start_field + "` of type date");
            } else {
                l.start_field = static_cast<uint32_t>(s);
            }
            if (c < 0 || T.strip_optional(rec.fields[c].type) != T.date()) {
                sink_->error(d.cure_field_span,
                             "`" + rec.name + "` needs a field `" + d.cure_field + "` of type date?");
            } else {
                l.cure_field = static_cast<uint32_t>(c);
            }
        }
    }
    if (d.levels.empty()) sink_->error(d.name_span, "ladder `" + l.name + "` has no levels");
    for (size_t k = 0; k < d.levels.size(); ++k) {
        const auto& level = d.levels[k];
        if (level.number != static_cast<int64_t>(k + 1)) {
            sink_->error(level.span,
                         "levels are numbered 1, 2, 3, ... in order; expected level " + std::to_string(k + 1));
        }
        expr_as(level.percent.get(), T.percent(), "the percent of a level");
        if (level.length) expr_as(level.length.get(), T.duration(), "the length of a level");
        if (level.at_most) expr_as(level.at_most.get(), T.duration(), "the longest length of a level");
    }
}

// A range `in LO..HI` of a fact or a table input: literals of its type, low end first.
void Checker::check_range(const syntax::FactRange& range, TypeId type, Bound* low, Bound* high) {
    TypeId base = m_->types.strip_optional(type);
    TypeKind k = m_->types.kind(base);
    if (!m_->types.is_numeric(base) && k != TypeKind::Date) {
        sink_->error(range.span, "a range applies to numbers, money, percents and dates, not " + type_name(type));
        return;
    }
    constant_only_ = true;
    for (auto [e, bound] : {std::pair<const Expr*, Bound*>{range.low.get(), low}, {range.high.get(), high}}) {
        if (!e) continue;
        Typed t = expr_as(e, base, "a bound of the range");
        if (t.type == m_->types.error()) continue;
        bool negative_literal = e->kind == ExprKind::Unary && e->op == syntax::Op::Neg;
        const Expr* lit = negative_literal ? e->args[0].get() : e;
        bound->present = true;
        if (k == TypeKind::Date) {
            if (!parse_date_literal(lit, &bound->date)) sink_->error(e->span, "a range bound is a literal date");
        } else {
            util::Rational r;
            bool ok = (lit->kind == ExprKind::IntLit || lit->kind == ExprKind::DecimalLit ||
                       lit->kind == ExprKind::MoneyLit || lit->kind == ExprKind::PercentLit) &&
                      util::parse_decimal(lit->text, &r, nullptr);
            if (ok && lit->kind == ExprKind::PercentLit) ok = util::div(r, util::Rational::of(100), &r);
            if (ok && negative_literal) ok = util::neg(r, &r);
            if (!ok) {
                sink_->error(e->span, "a range bound is a literal number");
                bound->present = false;
                continue;
            }
            bound->number = r;
            bound->integer = r.is_integer() ? r.num : 0;
        }
    }
    constant_only_ = false;
    if (low->present && high->present) {
        bool inverted = k == TypeKind::Date ? low->date > high->date : util::compare(low->number, high->number) > 0;
        if (inverted) sink_->error(range.span, "the range is empty: its low end is above its high end");
    }
}

void Checker::check_declarations() {
    rule_state_.assign(m_->rules.size(), CheckState::Unchecked);
    param_state_.assign(m_->params.size(), CheckState::Unchecked);
    function_state_.assign(m_->functions.size(), CheckState::Unchecked);
    table_state_.assign(m_->tables.size(), CheckState::Unchecked);
    ladder_state_.assign(m_->ladders.size(), CheckState::Unchecked);
    rule_exact_.assign(m_->rules.size(), {});
    param_exact_.assign(m_->params.size(), {});
    function_exact_.assign(m_->functions.size(), {});
    table_exact_.assign(m_->tables.size(), {});
    rule_uses_case_.assign(m_->rules.size(), false);
    function_uses_case_.assign(m_->functions.size(), false);
    table_uses_case_.assign(m_->tables.size(), false);
    function_expanded_.assign(m_->functions.size(), 0);
    table_expanded_.assign(m_->tables.size(), 0);
    fact_used_.assign(m_->facts.size(), false);

    // Fact ranges are literals of the fact's type.
    for (auto& f : m_->facts) {
        if (f.builtin || !f.origin.decl || !f.origin.decl->has_range) continue;
        check_range(f.origin.decl->range, f.type, &f.low, &f.high);
    }

    auto check_all = [&](SymbolKind kind, size_t n) {
        for (uint32_t i = 0; i < n; ++i) use_symbol(Symbol{kind, i}, syntax::Span{});
    };
    check_all(SymbolKind::Parameter, m_->params.size());
    check_all(SymbolKind::Function, m_->functions.size());
    check_all(SymbolKind::Table, m_->tables.size());
    check_all(SymbolKind::Ladder, m_->ladders.size());
    check_all(SymbolKind::Rule, m_->rules.size());
    uses_case_ = false;
}

// Every parameter's value, computed for each period of parameter values (latest first): an
// operation that fails on constants (an overflow, a division by zero) would otherwise fail only
// at run time, in every decision that uses the parameter, on every case. The work is bounded
// (each value counted at its expanded size, per period of parameter values, LANGUAGE.md §12): a
// ruleset with more periods times parameters than that has the rest checked when they are used.
constexpr uint64_t kMaxParameterChecks = 100000;

void Checker::check_parameter_values() {
    if (sink_->has_errors() || !options_.constants) return;
    std::vector<std::vector<bool>> reported(m_->params.size());
    for (size_t i = 0; i < m_->params.size(); ++i) reported[i].assign(m_->params[i].periods.size(), false);
    std::vector<util::Days> days = parameter_breaks(*m_);
    uint64_t work = 0;
    for (auto day = days.rbegin(); day != days.rend() && work <= kMaxParameterChecks; ++day) {
        std::unique_ptr<ConstantEvaluator> constants = options_.constants(*m_, *day);
        for (size_t i = 0; i < m_->params.size() && work <= kMaxParameterChecks; ++i) {
            const ParamInfo& p = m_->params[i];
            for (size_t k = 0; k < p.periods.size(); ++k) {
                const PeriodInfo& period = p.periods[k];
                if (*day < period.from || *day > period.to || reported[i][k]) continue;
                work += 1 + value_expanded_[period.value];
                eval::Cell value;
                eval::Fault fault = eval::Fault::None;
                if (constants->evaluate(period.value, p.type, &value, &fault) || fault == eval::Fault::None) continue;
                reported[i][k] = true;
                std::string when = *day > util::min_date() ? " on " + util::format_iso_date(*day) : "";
                sink_->error(period.value->span, "the value of parameter `" + p.name + "` cannot be computed" + when +
                                                     ": " + eval::fault_message(fault));
            }
        }
    }
}

void Checker::check_assignments(const std::vector<syntax::Assignment>& as) {
    // the day parameters in the values take their value on: the case's own as_of, when literal
    util::Days day = util::min_date();
    for (const auto& a : as) {
        util::Days d;
        if (dotted(a.path) == "as_of" && parse_date_literal(a.value.get(), &d) && d != util::kForever) day = d;
    }
    std::unique_ptr<ConstantEvaluator> constants;
    for (const auto& a : as) {
        std::string path = dotted(a.path);
        auto sym = m_->symbols.find(path);
        if (sym == m_->symbols.end() || sym->second.kind != SymbolKind::Fact) {
            sink_->error(a.span, "no fact `" + path + "`" + suggest(path, Wanted::Fact));
            continue;
        }
        const FactInfo& fact = m_->facts[sym->second.index];
        constant_only_ = true;
        Typed t = expr_as(a.value.get(), fact.type, ("the value of `" + path + "`").c_str());
        constant_only_ = false;
        // a value the case decoder would refuse makes a test that can pass on no real case
        if (t.type == m_->types.error() || (!fact.low.present && !fact.high.present) || !declarations_ok_ ||
            !options_.constants) {
            continue;
        }
        if (!constants) constants = options_.constants(*m_, day);
        eval::Cell value;
        std::string message;
        if (constants->evaluate(a.value.get(), fact.type, &value, nullptr) && value.s == eval::State::Ok &&
            !constants->in_range(fact, value.v, &message)) {
            sink_->error(a.value->span,
                         "the value of `" + path + "` is outside the range the fact declares: " + message);
        }
    }
}

void Checker::check_cases_and_tests() {
    if (!options_.tests) return;
    declarations_ok_ = !sink_->has_errors();  // test values can be computed (ranges) only then
    auto check_given = [&](const Decl& d) {
        for (size_t g = 0; g < d.given.size(); ++g) {
            auto sym = m_->symbols.find(d.given[g]);
            if (sym == m_->symbols.end() || sym->second.kind != SymbolKind::Case) {
                sink_->error(d.given_spans.size() > g ? d.given_spans[g] : d.span,
                             "no case `" + d.given[g] + "`" + suggest(d.given[g], Wanted::Case));
            }
        }
    };
    for (const CaseInfo& c : m_->cases) {
        check_given(*c.origin.decl);
        check_assignments(c.origin.decl->assignments);
    }
    // cases may start from each other: reject cycles
    for (uint32_t start = 0; start < m_->cases.size(); ++start) {
        std::vector<uint32_t> path{start};
        std::vector<uint32_t> todo{start};
        std::vector<bool> seen(m_->cases.size(), false);
        while (!todo.empty()) {
            uint32_t c = todo.back();
            todo.pop_back();
            for (const auto& g : m_->cases[c].origin.decl->given) {
                auto sym = m_->symbols.find(g);
                if (sym == m_->symbols.end() || sym->second.kind != SymbolKind::Case) continue;
                if (sym->second.index == start) {
                    sink_->error(m_->cases[start].origin.decl->name_span,
                                 "case `" + m_->cases[start].name + "` starts from itself through `given`");
                    todo.clear();
                    break;
                }
                if (!seen[sym->second.index]) {
                    seen[sym->second.index] = true;
                    todo.push_back(sym->second.index);
                }
            }
        }
    }
    std::vector<std::string> names;
    for (const TestInfo& t : m_->tests) {
        const Decl& d = *t.origin.decl;
        if (std::find(names.begin(), names.end(), d.name) != names.end()) {
            sink_->error(d.name_span, "there is already a test named `" + d.name + "`");
        }
        names.push_back(d.name);
        check_given(d);
        check_assignments(d.assignments);
        if (d.expectations.empty())
            sink_->error(d.name_span, "test `" + d.name + "` expects nothing: add `expect decision == value`");
        for (const auto& ex : d.expectations) {
            auto sym = m_->symbols.find(ex.decision);
            if (sym == m_->symbols.end() ||
                (sym->second.kind != SymbolKind::Rule && sym->second.kind != SymbolKind::Ladder)) {
                sink_->error(ex.decision_span,
                             "no decision or rule `" + ex.decision + "`" + suggest(ex.decision, Wanted::Value));
                continue;
            }
            tested_.insert(ex.decision);
            TypeId type = sym->second.kind == SymbolKind::Rule ? m_->rules[sym->second.index].type : m_->ladder_type;
            using K = syntax::Expectation::Kind;
            if (ex.kind == K::Equals) {
                constant_only_ = true;
                expr_as(ex.value.get(), type, ("the expected value of `" + ex.decision + "`").c_str());
                constant_only_ = false;
            } else if (ex.kind == K::Absent && !m_->types.is_optional(type)) {
                sink_->error(ex.span, "`" + ex.decision + "` is " + type_name(type) +
                                          ", never absent; absent applies to optional decisions");
            }
        }
    }
}

}  // namespace tenet::check
