// Typing expressions: names, arithmetic and its exactness, comparisons, optional narrowing,
// calls, aggregates, and the policy forms (collect, limit).
#include <algorithm>

#include "check/checker_impl.hpp"
#include "syntax/operators.hpp"
#include "util/date.hpp"

namespace tenet::check {

using syntax::Expr;
using syntax::ExprKind;
using syntax::Op;

bool is_builtin_name(const std::string& name);

namespace {

// Guards the checker's recursion on very long operator chains (`a + b + c + ...`), which the
// parser's nesting limit does not bound.
constexpr int kMaxCheckDepth = 1000;

struct BuiltinSpec {
    const char* name;
    Builtin id;
};
const BuiltinSpec kBuiltins[] = {
    {"min", Builtin::Min},
    {"max", Builtin::Max},
    {"clamp", Builtin::Clamp},
    {"abs", Builtin::Abs},
    {"floor", Builtin::Floor},
    {"ceil", Builtin::Ceil},
    {"round_down", Builtin::RoundDown},
    {"round_up", Builtin::RoundUp},
    {"round_half_up", Builtin::RoundHalfUp},
    {"round_half_even", Builtin::RoundHalfEven},
    {"percent_points", Builtin::PercentPoints},
    {"days_between", Builtin::DaysBetween},
    {"months_between", Builtin::MonthsBetween},
    {"year", Builtin::Year},
    {"month", Builtin::Month},
    {"day", Builtin::Day},
    {"federal_fiscal_year", Builtin::FederalFiscalYear},
    {"state_fiscal_year", Builtin::StateFiscalYear},
    {"first_of_month", Builtin::FirstOfMonth},
    {"last_of_month", Builtin::LastOfMonth},
    {"date", Builtin::MakeDate},
    {"days", Builtin::Days},
    {"weeks", Builtin::Weeks},
    {"months", Builtin::Months},
    {"years", Builtin::Years},
    {"length", Builtin::Length},
};

struct DepthGuard {
    int& depth;
    explicit DepthGuard(int& d) : depth(d) { ++depth; }
    ~DepthGuard() { --depth; }
};

}  // namespace

std::string path_of(const Expr* e) {
    if (!e) return "";
    if (e->kind == ExprKind::Name) return e->text;
    if (e->kind == ExprKind::Field) {
        std::string base = path_of(e->args[0].get());
        return base.empty() ? "" : base + "." + e->text;
    }
    return "";
}

// Paths known present when `cond` evaluates to `truth` (LANGUAGE.md §7.5).
static void facts_when(const Expr* cond, bool truth, std::vector<std::string>* out) {
    if (!cond) return;
    switch (cond->kind) {
        case ExprKind::Is: {
            bool present_when_true = cond->op == Op::IsPresent ? !cond->negated
                                     : cond->op == Op::IsNone  ? cond->negated
                                                               : false;
            if (cond->op == Op::IsEmpty) return;
            if (present_when_true == truth) {
                std::string p = path_of(cond->args[0].get());
                if (!p.empty()) out->push_back(p);
            }
            return;
        }
        case ExprKind::Unary:
            if (cond->op == Op::Not) facts_when(cond->args[0].get(), !truth, out);
            return;
        case ExprKind::Binary:
            if ((cond->op == Op::And && truth) || (cond->op == Op::Or && !truth)) {
                facts_when(cond->args[0].get(), truth, out);
                facts_when(cond->args[1].get(), truth, out);
            }
            return;
        default: return;
    }
}

namespace {
// Pushes narrowing facts for the duration of a scope.
struct Narrow {
    std::vector<std::string>& list;
    size_t size;
    Narrow(std::vector<std::string>& l, const Expr* cond, bool truth) : list(l), size(l.size()) {
        facts_when(cond, truth, &list);
    }
    ~Narrow() { list.resize(size); }
};
}  // namespace

bool Checker::assignable(TypeId from, TypeId to) const {
    const TypeTable& t = m_->types;
    if (from == to || from == t.error() || to == t.error()) return true;
    TypeKind fk = t.kind(from), tk = t.kind(to);
    if (tk == TypeKind::Optional) {
        if (fk == TypeKind::None) return true;
        if (fk == TypeKind::Optional) return assignable(t.element(from), t.element(to));
        return assignable(from, t.element(to));
    }
    if (fk == TypeKind::Int && (tk == TypeKind::Decimal || tk == TypeKind::Money)) return true;
    if (fk == TypeKind::Decimal && tk == TypeKind::Money) return true;
    if (fk == TypeKind::EmptyList && tk == TypeKind::List) return true;
    return false;
}

TypeId Checker::unify(TypeId a, TypeId b) const {
    const TypeTable& t = m_->types;
    if (a == b) return a;
    if (a == t.error() || b == t.error()) return t.error();
    if (assignable(a, b)) return b;
    if (assignable(b, a)) return a;
    TypeKind ak = t.kind(a), bk = t.kind(b);
    // none with T gives T?; T? with U gives the optional of their union
    if (ak == TypeKind::None) return const_cast<TypeTable&>(t).optional(b);
    if (bk == TypeKind::None) return const_cast<TypeTable&>(t).optional(a);
    if (ak == TypeKind::Optional || bk == TypeKind::Optional) {
        TypeId inner = unify(t.strip_optional(a), t.strip_optional(b));
        return inner == t.error() ? inner : const_cast<TypeTable&>(t).optional(inner);
    }
    return t.error();
}

Typed Checker::expr_as(const Expr* e, TypeId target, const char* what) {
    Typed got = expr(e, target);
    if (!assignable(got.type, target)) {
        std::string msg = std::string(what) + " must be " + type_name(target) + ", but this is " + type_name(got.type);
        if (m_->types.is_optional(got.type) && assignable(m_->types.element(got.type), target)) {
            msg += ": it may be none, so test `is present` first or give a default with `otherwise`";
        } else if (m_->types.kind(target) == TypeKind::Percent && m_->types.is_numeric(got.type)) {
            msg += " (write a percent as `25%`)";
        }
        sink_->error(e->span, msg);
        return Typed{m_->types.error(), {}};
    }
    return got;
}

void Checker::require_exact(const Expr* e, TypeId t, Exactness x, const std::string& what) {
    const TypeTable& ty = m_->types;
    TypeId base = t;
    while (ty.kind(base) == TypeKind::List || ty.kind(base) == TypeKind::Optional) base = ty.element(base);
    TypeKind k = ty.kind(base);
    bool has_money = k == TypeKind::Money;
    bool has_fraction = k == TypeKind::Decimal || k == TypeKind::Percent;
    if (k == TypeKind::Record) {
        for (const auto& f : m_->records[ty.get(base).ref].fields) {
            TypeKind fk = ty.kind(ty.strip_optional(f.type));
            has_money = has_money || fk == TypeKind::Money;
            has_fraction = has_fraction || fk == TypeKind::Decimal || fk == TypeKind::Percent;
        }
    }
    if (has_money && !x.cents) {
        sink_->error(e->span, what +
                                  " is money and may hold fractions of a cent here; round it "
                                  "explicitly, e.g. `round_down(..., cent)` or `round_half_up(..., cent)`");
    } else if (has_fraction && !x.finite) {
        sink_->error(e->span, what +
                                  " may be a fraction without an exact decimal form (it divides); "
                                  "round it explicitly, e.g. `round_half_up(..., 2)`");
    }
}

static Exactness literal_exactness(const std::string& text) {
    size_t dot = text.find('.');
    size_t places = dot == std::string::npos ? 0 : text.size() - dot - 1;
    return Exactness{true, places <= 2};
}

// Records what was found for e (its type, and whether its value is exact); the result is what
// expr returns for it.
Typed Checker::done(const Expr* e, TypeId t, Exactness x) {
    ExprInfo& i = m_->info[e];  // looked up again: recursion may have added entries
    i.type = t;
    i.exact = t == m_->types.error() ? true : x.finite;
    return Typed{t, x};
}

Typed Checker::fail(const Expr* e, const std::string& message) {
    sink_->error(e->span, message);
    return done(e, m_->types.error());
}

Typed Checker::expr(const Expr* e, TypeId expected) {
    const TypeTable& T = m_->types;
    TypeId err = T.error();
    ExprInfo& info = m_->info[e];
    DepthGuard guard(depth_);
    count_expansion(1);
    if (depth_ > kMaxCheckDepth) {
        sink_->error(e->span, "expression too complex: more than 1000 nested operations; split it into rules");
        info.type = err;
        return Typed{err, {}};
    }
    switch (e->kind) {
        case ExprKind::IntLit:
        case ExprKind::DecimalLit:
        case ExprKind::MoneyLit:
        case ExprKind::PercentLit:
        case ExprKind::DateLit:
        case ExprKind::DurationLit:
        case ExprKind::BoolLit:
        case ExprKind::NoneLit:
        case ExprKind::StringLit: return expr_literal(e, expected);
        case ExprKind::Name: return expr_name(e, expected);
        case ExprKind::Field: return expr_field(e);
        case ExprKind::Unary: return expr_unary(e, expected);
        case ExprKind::Binary: return expr_binary(e);
        case ExprKind::Compare: return expr_compare(e);
        case ExprKind::Is: return expr_is(e);
        case ExprKind::In: return expr_in(e);
        case ExprKind::Within: return expr_within(e);
        case ExprKind::Otherwise: return expr_otherwise(e, expected);
        case ExprKind::If: return expr_if(e, expected);
        case ExprKind::Call: return expr_call(e, expected);
        case ExprKind::Aggregate: return expr_aggregate(e);
        case ExprKind::ListLit: return expr_list(e, expected);
        case ExprKind::RecordLit: return expr_record(e, expected);
        case ExprKind::Collect: return expr_collect(e, expected);
        case ExprKind::Limit: return expr_limit(e, expected);
        case ExprKind::Block: return expr_block(e, expected);
    }
    return done(e, m_->types.error());
}

// A literal: its type, and whether its value is one the language can hold.
Typed Checker::expr_literal(const Expr* e, TypeId expected) {
    const TypeTable& T = m_->types;
    TypeId err = T.error();
    switch (e->kind) {
        case ExprKind::IntLit: {
            util::Rational r;
            if (!util::parse_decimal(e->text, &r, nullptr) || !r.is_integer()) {
                return fail(e, "integer `" + e->text + "` is too large (the limit is 9223372036854775807)");
            }
            return done(e, T.integer());
        }
        case ExprKind::DecimalLit: {
            util::Rational r;
            if (!util::parse_decimal(e->text, &r, nullptr)) return fail(e, "number `" + e->text + "` is too large");
            return done(e, T.decimal(), literal_exactness(e->text));
        }
        case ExprKind::MoneyLit: {
            util::Rational r;
            if (!util::parse_decimal(e->text, &r, nullptr)) return fail(e, "amount `$" + e->text + "` is too large");
            return done(e, T.money(), literal_exactness(e->text));
        }
        case ExprKind::PercentLit: {
            util::Rational r;
            if (!util::parse_decimal(e->text, &r, nullptr)) return fail(e, "percent `" + e->text + "%` is too large");
            return done(e, T.percent(), Exactness{true, false});
        }
        case ExprKind::DateLit: {
            if (e->text == "forever") return done(e, T.date());
            util::Days d;
            if (!util::parse_iso_date(e->text, &d)) {
                return fail(e, "`" + e->text + "` is not a date between 1800-01-01 and 2299-12-31");
            }
            return done(e, T.date());
        }
        case ExprKind::DurationLit: {
            util::Rational r;
            if (!util::parse_decimal(e->text, &r, nullptr) || !r.is_integer() || r.num > 100000 || r.num < -100000) {
                return fail(e, "duration `" + e->text + "` is out of range (at most 100000 units)");
            }
            return done(e, T.duration());
        }
        case ExprKind::BoolLit: return done(e, T.boolean());
        case ExprKind::NoneLit: return done(e, expected != kNone && T.is_optional(expected) ? expected : T.none());
        case ExprKind::StringLit:
            return fail(e, "text is only allowed in citations, readings and titles, not in expressions");
        default: break;
    }
    return done(e, err);
}

// A name: a local, a fact, a parameter, a rule or decision, a fact group, a unit or an enum value.
Typed Checker::expr_name(const Expr* e, TypeId expected) {
    const TypeTable& T = m_->types;
    TypeId err = T.error();
    ExprInfo& info = m_->info[e];
    for (auto it = locals_.rbegin(); it != locals_.rend(); ++it) {
        if (it->name == e->text) {
            info.ref = RefKind::Local;
            TypeId t = it->type;
            if (T.is_optional(t) && std::find(narrowed_.begin(), narrowed_.end(), e->text) != narrowed_.end()) {
                t = T.element(t);
            }
            return done(e, t, it->exact);
        }
    }
    auto sym = m_->symbols.find(e->text);
    if (sym != m_->symbols.end()) {
        Symbol s = sym->second;
        switch (s.kind) {
            case SymbolKind::Fact: {
                info.ref = RefKind::Fact;
                info.index = s.index;
                if (constant_only_) return fail(e, "`" + e->text + "` is a fact: only constants are allowed here");
                uses_case_ = true;
                fact_used_[s.index] = true;
                TypeId t = m_->facts[s.index].type;
                if (T.is_optional(t) && std::find(narrowed_.begin(), narrowed_.end(), e->text) != narrowed_.end()) {
                    t = T.element(t);
                }
                return done(e, t);
            }
            case SymbolKind::Parameter:
            case SymbolKind::Rule:
            case SymbolKind::Ladder: {
                m_->info[e].ref = s.kind == SymbolKind::Parameter ? RefKind::Parameter
                                  : s.kind == SymbolKind::Rule    ? RefKind::Rule
                                                                  : RefKind::Ladder;
                m_->info[e].index = s.index;
                if (constant_only_ && s.kind != SymbolKind::Parameter) {
                    return fail(e, "`" + e->text + "` is a " + kind_name(s) +
                                       " computed from a case: only constants are allowed here");
                }
                Typed t = use_symbol(s, e->span);
                TypeId ty = t.type;
                if (T.is_optional(ty) && std::find(narrowed_.begin(), narrowed_.end(), e->text) != narrowed_.end()) {
                    ty = T.element(ty);
                }
                return done(e, ty, t.exact);
            }
            case SymbolKind::Table:
            case SymbolKind::Function:
                return fail(
                    e, "`" + e->text + "` is a " + kind_name(s) + ": call it with arguments, `" + e->text + "(...)`");
            case SymbolKind::Enum:
            case SymbolKind::Record: return fail(e, "`" + e->text + "` is a type, not a value");
            case SymbolKind::Case: return fail(e, "`" + e->text + "` is a case: cases are only used by tests");
            case SymbolKind::FactGroup: break;
        }
    }
    if (m_->fact_groups.count(e->text)) {
        info.ref = RefKind::FactGroup;
        return fail(
            e, "`" + e->text + "` is a group of facts, not a value: name one of its facts, e.g. `" + e->text + ".…`");
    }
    auto ev = m_->enum_values.find(e->text);
    if (ev != m_->enum_values.end()) {
        const auto& options = ev->second;
        const std::pair<uint32_t, uint32_t>* pick = nullptr;
        TypeId want = expected == kNone ? err : T.strip_optional(expected);
        if (T.kind(want) == TypeKind::List) want = T.element(want);
        for (const auto& o : options) {
            if (T.kind(want) == TypeKind::Enum && T.get(want).ref == o.first) pick = &o;
        }
        if (!pick && options.size() == 1) pick = &options[0];
        if (!pick) {
            std::string names;
            for (const auto& o : options)
                names += (names.empty() ? "" : ", ") + m_->enums[o.first].name + "." + e->text;
            return fail(e, "`" + e->text + "` is a value of several enums; write which: " + names);
        }
        ExprInfo& i = m_->info[e];
        i.ref = RefKind::EnumValue;
        i.index = pick->first;
        i.index2 = pick->second;
        return done(e, const_cast<TypeTable&>(T).enumeration(pick->first));
    }
    if (e->text == "cent" || e->text == "dollar") {
        info.ref = RefKind::Unit;
        info.index = e->text == "cent" ? 0 : 1;
        return done(e, T.unit());
    }
    if (e->text == "as_of") return done(e, T.date());
    return fail(e, "unknown name `" + e->text + "`" + suggest(e->text, Wanted::Value));
}

// `x.field`: a record field, a fact in a group, or an enum value written `Enum.value`.
Typed Checker::expr_field(const Expr* e) {
    const TypeTable& T = m_->types;
    TypeId err = T.error();
    ExprInfo& info = m_->info[e];
    const Expr* base = e->args[0].get();
    std::string path = path_of(e);
    std::string root = path.substr(0, path.find('.'));
    bool root_is_local = std::any_of(locals_.begin(), locals_.end(), [&](const Local& l) { return l.name == root; });
    if (!path.empty() && !root_is_local) {
        // a fact path, a group prefix, or Enum.value
        auto sym = m_->symbols.find(path);
        std::string base_path = path_of(base);
        if (sym != m_->symbols.end() && sym->second.kind == SymbolKind::Fact) {
            info.ref = RefKind::Fact;
            info.index = sym->second.index;
            if (constant_only_) return fail(e, "`" + path + "` is a fact: only constants are allowed here");
            uses_case_ = true;
            fact_used_[sym->second.index] = true;
            TypeId t = m_->facts[sym->second.index].type;
            if (T.is_optional(t) && std::find(narrowed_.begin(), narrowed_.end(), path) != narrowed_.end()) {
                t = T.element(t);
            }
            return done(e, t);
        }
        if (m_->fact_groups.count(path)) {
            info.ref = RefKind::FactGroup;
            return fail(e, "`" + path + "` is a group of facts, not a value");
        }
        if (m_->fact_groups.count(base_path)) {
            return fail(e, "no fact `" + path + "`" + suggest(path, Wanted::Fact));
        }
        auto en = m_->symbols.find(base_path);
        if (en != m_->symbols.end() && en->second.kind == SymbolKind::Enum) {
            const EnumInfo& ei = m_->enums[en->second.index];
            auto v = std::find(ei.values.begin(), ei.values.end(), e->text);
            if (v == ei.values.end()) return fail(e, "enum `" + ei.name + "` has no value `" + e->text + "`");
            info.ref = RefKind::EnumValue;
            info.index = en->second.index;
            info.index2 = static_cast<uint32_t>(v - ei.values.begin());
            return done(e, const_cast<TypeTable&>(T).enumeration(en->second.index));
        }
    }
    Typed b = expr(base, kNone);
    if (b.type == err) return done(e, err);
    TypeId bt = b.type;
    if (T.is_optional(bt)) {
        return fail(e, "`" + (path.empty() ? std::string("this value") : path_of(base)) +
                           "` may be none: test `is present` before reading `." + e->text + "`");
    }
    if (T.kind(bt) != TypeKind::Record) {
        return fail(e, "a " + type_name(bt) + " has no field `" + e->text + "`");
    }
    const RecordInfo& rec = m_->records[T.get(bt).ref];
    int fi = rec.field_index(e->text);
    if (fi < 0) {
        std::string fields;
        for (const auto& f : rec.fields) fields += (fields.empty() ? "" : ", ") + f.name;
        return fail(e, "`" + rec.name + "` has no field `" + e->text + "` (its fields: " + fields + ")");
    }
    ExprInfo& i = m_->info[e];
    i.ref = RefKind::Field;
    i.index = static_cast<uint32_t>(fi);
    TypeId t = rec.fields[fi].type;
    if (T.is_optional(t) && !path.empty() && std::find(narrowed_.begin(), narrowed_.end(), path) != narrowed_.end()) {
        t = T.element(t);
    }
    return done(e, t, b.exact);
}

// `not a`, `-a`.
Typed Checker::expr_unary(const Expr* e, TypeId expected) {
    const TypeTable& T = m_->types;
    TypeId err = T.error();
    if (e->op == Op::Not) {
        Typed a = expr_as(e->args[0].get(), T.boolean(), "the operand of `not`");
        return done(e, a.type == err ? err : T.boolean());
    }
    Typed a = expr(e->args[0].get(), expected);
    if (a.type == err) return done(e, err);
    if (!T.is_numeric(a.type) && T.kind(a.type) != TypeKind::Duration) {
        return fail(e, "cannot negate a " + type_name(a.type));
    }
    return done(e, a.type, a.exact);
}

// `a and b`, `a or b`, and arithmetic: the result type of each pair of operand types.
Typed Checker::expr_binary(const Expr* e) {
    const TypeTable& T = m_->types;
    TypeId err = T.error();
    if (e->op == Op::And || e->op == Op::Or) {
        std::string sides = std::string("each side of `") + operator_info(e->op).spelling + "`";
        Typed a = expr_as(e->args[0].get(), T.boolean(), sides.c_str());
        Narrow n(narrowed_, e->args[0].get(), e->op == Op::And);
        Typed b = expr_as(e->args[1].get(), T.boolean(), sides.c_str());
        return done(e, a.type == err || b.type == err ? err : T.boolean());
    }
    // numeric context flows down for literals such as `$303 * 25%`
    Typed a = expr(e->args[0].get(), kNone);
    Typed b = expr(e->args[1].get(), kNone);
    if (a.type == err || b.type == err) return done(e, err);
    TypeKind ak = T.kind(a.type), bk = T.kind(b.type);
    const char* verb = operator_info(e->op).verb;
    if (ak == TypeKind::Optional || bk == TypeKind::Optional) {
        const Expr* opt = ak == TypeKind::Optional ? e->args[0].get() : e->args[1].get();
        sink_->error(opt->span,
                     "this value may be none: test `is present` first or give a default with `otherwise` before you " +
                         std::string(verb) + " it");
        return done(e, err);
    }
    auto is = [](TypeKind k, std::initializer_list<TypeKind> ks) {
        return std::find(ks.begin(), ks.end(), k) != ks.end();
    };
    using K = TypeKind;
    Exactness both = a.exact & b.exact;
    switch (e->op) {
        case Op::Add:
        case Op::Sub: {
            if (ak == K::Int && bk == K::Int) return done(e, T.integer(), both);
            if (is(ak, {K::Int, K::Decimal}) && is(bk, {K::Int, K::Decimal})) return done(e, T.decimal(), both);
            if ((ak == K::Money && is(bk, {K::Money, K::Int, K::Decimal})) ||
                (bk == K::Money && is(ak, {K::Int, K::Decimal}))) {
                return done(e, T.money(), both);
            }
            if (ak == K::Percent && bk == K::Percent) return done(e, T.percent(), both);
            if (ak == K::Date && bk == K::Duration) return done(e, T.date());
            if (e->op == Op::Add && ak == K::Duration && bk == K::Date) return done(e, T.date());
            if (e->op == Op::Sub && ak == K::Date && bk == K::Date) return done(e, T.duration());
            if (ak == K::Duration && bk == K::Duration) return done(e, T.duration());
            if ((ak == K::Percent && is(bk, {K::Int, K::Decimal})) ||
                (bk == K::Percent && is(ak, {K::Int, K::Decimal}))) {
                bool is_int = (ak == K::Percent ? bk : ak) == K::Int;
                return fail(e, std::string("cannot ") + verb + " a percent and " + (is_int ? "an int" : "a decimal") +
                                   ": write the number as a percent, e.g. `67%`");
            }
            if ((ak == K::Date && is(bk, {K::Int, K::Decimal})) || (bk == K::Date && is(ak, {K::Int, K::Decimal}))) {
                return fail(e,
                            std::string("cannot ") + verb + " a date and a number: add a duration such as `30 days`");
            }
            return fail(e, std::string("cannot ") + verb + " " + type_name(a.type) + " and " + type_name(b.type));
        }
        case Op::Mul: {
            if (ak == K::Int && bk == K::Int) return done(e, T.integer(), both);
            if (is(ak, {K::Int, K::Decimal}) && is(bk, {K::Int, K::Decimal})) return done(e, T.decimal(), both);
            if (ak == K::Money && bk == K::Money) {
                return fail(e, "cannot multiply money by money: one side must be a number or a percent");
            }
            if ((ak == K::Money && is(bk, {K::Int, K::Decimal, K::Percent})) ||
                (bk == K::Money && is(ak, {K::Int, K::Decimal, K::Percent}))) {
                Exactness x = both;
                // money times a whole number stays in whole cents; anything else may not
                x.cents = x.cents && (ak == K::Int || bk == K::Int);
                return done(e, T.money(), x);
            }
            if ((ak == K::Percent && is(bk, {K::Int, K::Decimal, K::Percent})) ||
                (bk == K::Percent && is(ak, {K::Int, K::Decimal}))) {
                return done(e, T.percent(), Exactness{both.finite, false});
            }
            if ((ak == K::Duration && bk == K::Int) || (ak == K::Int && bk == K::Duration))
                return done(e, T.duration());
            return fail(e, "cannot multiply " + type_name(a.type) + " by " + type_name(b.type));
        }
        case Op::Div: {
            Exactness x{false, false};
            if (is(ak, {K::Int, K::Decimal}) && is(bk, {K::Int, K::Decimal})) return done(e, T.decimal(), x);
            if (ak == K::Money && is(bk, {K::Int, K::Decimal, K::Percent})) return done(e, T.money(), x);
            if (ak == K::Money && bk == K::Money) return done(e, T.decimal(), x);
            if (ak == K::Percent && is(bk, {K::Int, K::Decimal})) return done(e, T.percent(), x);
            if (ak == K::Percent && bk == K::Percent) return done(e, T.decimal(), x);
            return fail(e, "cannot divide " + type_name(a.type) + " by " + type_name(b.type));
        }
        default: return fail(e, "unexpected operator");
    }
}

// A chain of comparisons `a < b <= c`: each pair must be comparable.
Typed Checker::expr_compare(const Expr* e) {
    const TypeTable& T = m_->types;
    TypeId err = T.error();
    std::vector<Typed> operands;
    bool bad = false;
    for (size_t i = 0; i < e->args.size(); ++i) {
        // an enum literal on either side takes its enum from the other side
        TypeId hint = kNone;
        if (i > 0 && !operands.empty()) hint = operands.back().type;
        Typed t = expr(e->args[i].get(), hint);
        operands.push_back(t);
        bad = bad || t.type == err;
    }
    if (bad) return done(e, err);
    for (size_t i = 0; i + 1 < operands.size(); ++i) {
        TypeId l = operands[i].type, r = operands[i + 1].type;
        Op op = e->ops[i];
        const Expr* le = e->args[i].get();
        const Expr* re = e->args[i + 1].get();
        if (T.is_optional(l) || T.is_optional(r) || T.kind(l) == TypeKind::None || T.kind(r) == TypeKind::None) {
            const Expr* opt = T.is_optional(l) || T.kind(l) == TypeKind::None ? le : re;
            if (opt->kind == ExprKind::NoneLit) {
                sink_->error(opt->span, "compare with none using `is none` or `is present`, not `==`");
            } else {
                sink_->error(opt->span,
                             "this value may be none: test `is present` first, or give a default with `otherwise`");
            }
            return done(e, err);
        }
        TypeKind lk = T.kind(l), rk = T.kind(r);
        bool numeric_ok =
            (T.is_numeric(l) && T.is_numeric(r)) && ((lk == TypeKind::Percent) == (rk == TypeKind::Percent));
        bool equality = op == Op::Eq || op == Op::Ne;
        bool ok = numeric_ok || (lk == rk && (lk == TypeKind::Date || lk == TypeKind::Duration)) ||
                  (equality && l == r &&
                   (lk == TypeKind::Bool || lk == TypeKind::Enum || lk == TypeKind::List || lk == TypeKind::Record)) ||
                  (equality && ((lk == TypeKind::List && rk == TypeKind::EmptyList) ||
                                (rk == TypeKind::List && lk == TypeKind::EmptyList)));
        if (!ok) {
            std::string msg = "cannot compare " + type_name(l) + " with " + type_name(r);
            if ((lk == TypeKind::Percent) != (rk == TypeKind::Percent) && T.is_numeric(l) && T.is_numeric(r)) {
                msg += ": write the number as a percent, e.g. `25%`";
            } else if (!equality && l == r && (lk == TypeKind::Enum || lk == TypeKind::Bool)) {
                msg = "values of " + type_name(l) + " have no order: only `==` and `!=` apply";
            }
            sink_->error(
                re->span.begin > le->span.begin ? syntax::Span{e->span.file, le->span.begin, re->span.end} : e->span,
                msg);
            return done(e, err);
        }
    }
    return done(e, T.boolean());
}

// `a is [not] present|none|empty`.
Typed Checker::expr_is(const Expr* e) {
    const TypeTable& T = m_->types;
    TypeId err = T.error();
    Typed a = expr(e->args[0].get(), kNone);
    if (a.type == err) return done(e, err);
    if (e->op == Op::IsEmpty) {
        if (!T.is_list(a.type) && T.kind(a.type) != TypeKind::EmptyList) {
            return fail(e, "`is empty` applies to lists; this is " + type_name(a.type));
        }
        return done(e, T.boolean());
    }
    if (!T.is_optional(a.type)) {
        return fail(e, "this " + type_name(a.type) + " is never none, so `is " +
                           std::string(operator_info(e->op).spelling) + "` is always " +
                           ((e->op == Op::IsPresent) != e->negated ? "true" : "false"));
    }
    return done(e, T.boolean());
}

// `a [not] in list`.
Typed Checker::expr_in(const Expr* e) {
    const TypeTable& T = m_->types;
    TypeId err = T.error();
    Typed a = expr(e->args[0].get(), kNone);
    if (a.type == err) return done(e, err);
    if (T.is_optional(a.type)) return fail(e, "this value may be none: test `is present` before `in`");
    Typed b = expr(e->args[1].get(), const_cast<TypeTable&>(T).list(a.type));
    if (b.type == err) return done(e, err);
    if (T.kind(b.type) == TypeKind::EmptyList) return done(e, T.boolean());
    if (!T.is_list(b.type))
        return fail(e, "`in` needs a list on its right, e.g. `x in [a, b]`; this is " + type_name(b.type));
    TypeId el = T.element(b.type);
    bool ok = el == a.type || (T.is_numeric(el) && T.is_numeric(a.type) &&
                               (T.kind(el) == TypeKind::Percent) == (T.kind(a.type) == TypeKind::Percent));
    if (!ok) return fail(e, "cannot look for a " + type_name(a.type) + " in a " + type_name(b.type));
    return done(e, T.boolean());
}

// `d within D before|after e`.
Typed Checker::expr_within(const Expr* e) {
    const TypeTable& T = m_->types;
    TypeId err = T.error();
    Typed a = expr_as(e->args[0].get(), T.date(), "the date before `within`");
    Typed d = expr_as(e->args[1].get(), T.duration(), "the length after `within`");
    Typed b = expr_as(e->args[2].get(), T.date(), "the date after `before`/`after`");
    if (a.type == err || d.type == err || b.type == err) return done(e, err);
    return done(e, T.boolean());
}

// `a otherwise b`: the default of an optional value.
Typed Checker::expr_otherwise(const Expr* e, TypeId expected) {
    const TypeTable& T = m_->types;
    TypeId err = T.error();
    Typed a = expr(e->args[0].get(), expected == kNone ? kNone : const_cast<TypeTable&>(T).optional(expected));
    if (a.type == err) return done(e, err);
    if (!T.is_optional(a.type)) {
        return fail(e, "this " + type_name(a.type) + " is never none, so `otherwise` never applies");
    }
    TypeId inner = T.element(a.type);
    Typed b = expr(e->args[1].get(), expected == kNone ? inner : expected);
    if (b.type == err) return done(e, err);
    TypeId t = unify(inner, b.type);
    if (t == err) {
        sink_->error(e->args[1]->span,
                     "the default must be " + type_name(inner) + ", but this is " + type_name(b.type));
        return done(e, err);
    }
    return done(e, t, a.exact & b.exact);
}

// `if c then a else b`: the branches unify; a condition narrows optional paths in its branch.
Typed Checker::expr_if(const Expr* e, TypeId expected) {
    const TypeTable& T = m_->types;
    TypeId err = T.error();
    expr_as(e->args[0].get(), T.boolean(), "the condition of `if`");
    Typed a, b;
    {
        Narrow n(narrowed_, e->args[0].get(), true);
        a = expr(e->args[1].get(), expected);
    }
    {
        Narrow n(narrowed_, e->args[0].get(), false);
        b = expr(e->args[2].get(), expected);
    }
    if (a.type == err || b.type == err) return done(e, err);
    TypeId t = unify(a.type, b.type);
    if (t == err) {
        return fail(e, "the branches of `if` have different types: " + type_name(a.type) + " and " + type_name(b.type));
    }
    return done(e, t, a.exact & b.exact);
}

// A call of a builtin, a function or a table.
Typed Checker::expr_call(const Expr* e, TypeId expected) {
    const std::string& name = e->text;
    auto sym = m_->symbols.find(name);
    if (sym != m_->symbols.end() &&
        (sym->second.kind == SymbolKind::Function || sym->second.kind == SymbolKind::Table)) {
        return call_declared(e, sym->second);
    }
    const BuiltinSpec* spec = nullptr;
    for (const auto& b : kBuiltins) {
        if (name == b.name) spec = &b;
    }
    if (!spec && sym != m_->symbols.end()) {
        return fail(e, "`" + name + "` is a " + kind_name(sym->second) + ", not a function");
    }
    if (!spec) {
        if (name == "sum" || name == "count" || name == "all" || name == "first" || name == "last") {
            return fail(e, "`" + name + "` takes a generator: `" + name + "(x in list where condition)`" +
                               (name == "sum" ? " or `sum(e for x in list)`" : ""));
        }
        return fail(e, "unknown function `" + name + "`" + suggest(name, Wanted::Callable));
    }
    ExprInfo& info = m_->info[e];
    info.ref = RefKind::Builtin;
    info.index = static_cast<uint32_t>(spec->id);
    switch (spec->id) {
        case Builtin::Min:
        case Builtin::Max:
        case Builtin::Clamp: return call_extreme(e, spec->id, expected);
        case Builtin::Abs:
        case Builtin::Floor:
        case Builtin::Ceil:
        case Builtin::PercentPoints: return call_number(e, spec->id, expected);
        case Builtin::RoundDown:
        case Builtin::RoundUp:
        case Builtin::RoundHalfUp:
        case Builtin::RoundHalfEven: return call_round(e);
        case Builtin::DaysBetween:
        case Builtin::MonthsBetween:
        case Builtin::Year:
        case Builtin::Month:
        case Builtin::Day:
        case Builtin::FederalFiscalYear:
        case Builtin::StateFiscalYear:
        case Builtin::FirstOfMonth:
        case Builtin::LastOfMonth:
        case Builtin::MakeDate: return call_date(e, spec->id);
        case Builtin::Days:
        case Builtin::Weeks:
        case Builtin::Months:
        case Builtin::Years: return call_duration(e);
        case Builtin::Length: return call_length(e);
    }
    return done(e, m_->types.error());
}

// A call of a declared function or table: its arguments against its parameters (inputs), and
// whether what it expands to reads the case.
Typed Checker::call_declared(const Expr* e, Symbol s) {
    TypeId err = m_->types.error();
    const std::string& name = e->text;
    ExprInfo& info = m_->info[e];
    info.ref = s.kind == SymbolKind::Function ? RefKind::Function : RefKind::Table;
    info.index = s.index;
    const std::vector<FieldInfo>& params =
        s.kind == SymbolKind::Function ? m_->functions[s.index].params : m_->tables[s.index].inputs;
    if (e->args.size() != params.size()) {
        return fail(e, "`" + name + "` takes " + std::to_string(params.size()) + " argument" +
                           (params.size() == 1 ? "" : "s") + ", not " + std::to_string(e->args.size()));
    }
    bool bad = false;
    for (size_t i = 0; i < params.size(); ++i) {
        std::string what = "argument `" + params[i].name + "` of `" + name + "`";
        Typed a = expr_as(e->args[i].get(), params[i].type, what.c_str());
        bad = bad || a.type == err;
    }
    bool outer_uses_case = uses_case_;
    uses_case_ = false;
    Typed r = use_symbol(s, e->span);
    check_expansion(e, s.kind == SymbolKind::Function ? function_expanded_[s.index] : table_expanded_[s.index]);
    bool reads_case = uses_case_;
    uses_case_ = outer_uses_case || reads_case;
    if (constant_only_ && reads_case) {
        return fail(e, "`" + name + "` reads facts of the case: only constants are allowed here");
    }
    if (bad || r.type == err) return done(e, err);
    return done(e, r.type, r.exact);
}

// False, with an error at the call, when a builtin is not given `n` arguments.
bool Checker::arity(const Expr* e, size_t n) {
    if (e->args.size() == n) return true;
    sink_->error(e->span, "`" + e->text + "` takes " + std::to_string(n) + " argument" + (n == 1 ? "" : "s") +
                              ", not " + std::to_string(e->args.size()));
    return false;
}

// `min`, `max` (two values or more) and `clamp(x, low, high)`: values of one ordered type.
Typed Checker::call_extreme(const Expr* e, Builtin id, TypeId expected) {
    const TypeTable& T = m_->types;
    TypeId err = T.error();
    const std::string& name = e->text;
    if (id == Builtin::Clamp ? !arity(e, 3) : e->args.size() < 2) {
        if (id != Builtin::Clamp) {
            return fail(e, "`" + name + "` needs at least two values, or a generator: `" + name + "(e for x in list)`");
        }
        return done(e, err);
    }
    TypeId t = kNone;
    Exactness x;
    for (const auto& a : e->args) {
        Typed at = expr(a.get(), expected);
        if (at.type == err) return done(e, err);
        x = x & at.exact;
        t = t == kNone ? at.type : unify(t, at.type);
        if (t == err) return fail(e, "`" + name + "` of values of different types");
    }
    if (T.is_optional(t))
        return fail(e, "a value given to `" + name + "` may be none: give a default with `otherwise`");
    if (!T.is_numeric(t) && T.kind(t) != TypeKind::Date && T.kind(t) != TypeKind::Duration) {
        return fail(e, "`" + name + "` compares numbers, money, percents, dates or durations, not " + type_name(t));
    }
    return done(e, t, x);
}

// `abs`, `floor`, `ceil` and `percent_points`: one number in, one number out.
Typed Checker::call_number(const Expr* e, Builtin id, TypeId expected) {
    const TypeTable& T = m_->types;
    TypeId err = T.error();
    if (!arity(e, 1)) return done(e, err);
    if (id == Builtin::PercentPoints) {
        Typed a = expr_as(e->args[0].get(), T.percent(), "the argument of `percent_points`");
        return done(e, a.type == err ? err : T.decimal(), a.exact);
    }
    if (id == Builtin::Abs) {
        Typed a = expr(e->args[0].get(), expected);
        if (a.type == err) return done(e, err);
        if (!T.is_numeric(a.type) && T.kind(a.type) != TypeKind::Duration)
            return fail(e, "`abs` of a " + type_name(a.type));
        return done(e, a.type, a.exact);
    }
    Typed a = expr(e->args[0].get(), kNone);  // floor, ceil
    if (a.type == err) return done(e, err);
    if (!T.is_numeric(a.type)) return fail(e, "`" + e->text + "` of a " + type_name(a.type) + "; it takes a number");
    return done(e, T.integer());
}

// `round_down|round_up|round_half_up|round_half_even(x, unit)`: money to `cent` or `dollar`,
// other numbers to a literal count of decimal places.
Typed Checker::call_round(const Expr* e) {
    const TypeTable& T = m_->types;
    TypeId err = T.error();
    const std::string& name = e->text;
    if (!arity(e, 2)) return done(e, err);
    Typed a = expr(e->args[0].get(), kNone);
    Typed u = expr(e->args[1].get(), kNone);
    if (a.type == err || u.type == err) return done(e, err);
    TypeKind k = T.kind(a.type);
    if (k == TypeKind::Money) {
        if (u.type != T.unit()) {
            return fail(e, "round money to `cent` or `dollar`: `" + name + "(amount, cent)`");
        }
        return done(e, T.money(), Exactness{true, true});
    }
    if (k == TypeKind::Decimal || k == TypeKind::Percent || k == TypeKind::Int) {
        if (u.type != T.integer() || e->args[1]->kind != ExprKind::IntLit) {
            return fail(e, "round a " + type_name(a.type) +
                               " to a number of decimal places given as an integer, e.g. `" + name + "(x, 2)`");
        }
        util::Rational places;
        util::parse_decimal(e->args[1]->text, &places, nullptr);
        if (places.num < -18 || places.num > 18) return fail(e, "decimal places must be between -18 and 18");
        return done(e, k == TypeKind::Int ? T.decimal() : a.type,
                    Exactness{true, places.num <= 2 && k != TypeKind::Percent});
    }
    return fail(e, "`" + name + "` rounds money, decimals and percents, not " + type_name(a.type));
}

// The calendar: days and months between two dates, a date's parts and fiscal years, the first
// and last day of its month, and `date(year, month, day)`.
Typed Checker::call_date(const Expr* e, Builtin id) {
    const TypeTable& T = m_->types;
    TypeId err = T.error();
    switch (id) {
        case Builtin::DaysBetween:
        case Builtin::MonthsBetween: {
            if (!arity(e, 2)) return done(e, err);
            Typed a = expr_as(e->args[0].get(), T.date(), "the first date");
            Typed b = expr_as(e->args[1].get(), T.date(), "the second date");
            return done(e, a.type == err || b.type == err ? err : T.integer());
        }
        case Builtin::MakeDate: {
            if (!arity(e, 3)) return done(e, err);
            bool bad = false;
            for (const auto& a : e->args) bad = bad || expr_as(a.get(), T.integer(), "year, month and day").type == err;
            return done(e, bad ? err : T.date());
        }
        default: {  // one date in: its year, month, day or fiscal year, or the first or last day of its month
            if (!arity(e, 1)) return done(e, err);
            Typed a = expr_as(e->args[0].get(), T.date(), "the argument");
            bool to_date = id == Builtin::FirstOfMonth || id == Builtin::LastOfMonth;
            return done(e, a.type == err ? err : to_date ? T.date() : T.integer());
        }
    }
}

// `days|weeks|months|years(n)`: a duration of a whole count.
Typed Checker::call_duration(const Expr* e) {
    const TypeTable& T = m_->types;
    TypeId err = T.error();
    if (!arity(e, 1)) return done(e, err);
    Typed a = expr_as(e->args[0].get(), T.integer(), "the count");
    return done(e, a.type == err ? err : T.duration());
}

// `length(list)`.
Typed Checker::call_length(const Expr* e) {
    const TypeTable& T = m_->types;
    TypeId err = T.error();
    if (!arity(e, 1)) return done(e, err);
    Typed a = expr(e->args[0].get(), kNone);
    if (a.type == err) return done(e, err);
    if (!T.is_list(a.type) && T.kind(a.type) != TypeKind::EmptyList)
        return fail(e, "`length` of a " + type_name(a.type));
    return done(e, T.integer());
}

// `sum|count|any|all|max|min|first|last|list x in xs [where c] [of e]`.
Typed Checker::expr_aggregate(const Expr* e) {
    const TypeTable& T = m_->types;
    TypeId err = T.error();
    Typed list = expr(e->args[0].get(), kNone);
    if (list.type == err) return done(e, err);
    if (!T.is_list(list.type)) {
        sink_->error(e->args[0]->span, "`for " + e->var + " in` needs a list; this is " + type_name(list.type));
        return done(e, err);
    }
    TypeId el = T.element(list.type);
    // the new variable hides any narrowing of an outer path with the same root
    std::vector<std::string> outer_narrowed = narrowed_;
    narrowed_.erase(std::remove_if(narrowed_.begin(), narrowed_.end(),
                                   [&](const std::string& p) { return p == e->var || p.rfind(e->var + ".", 0) == 0; }),
                    narrowed_.end());
    locals_.push_back(Local{e->var, el, list.exact});
    Typed filter{T.boolean(), {}};
    if (e->args.size() > 1 && e->args[1]) filter = expr_as(e->args[1].get(), T.boolean(), "the `where` condition");
    Typed body{el, list.exact};
    bool has_body = e->args.size() > 2 && e->args[2];
    {
        Narrow n(narrowed_, e->args.size() > 1 ? e->args[1].get() : nullptr, true);
        if (has_body) body = expr(e->args[2].get(), kNone);
    }
    locals_.pop_back();
    narrowed_ = std::move(outer_narrowed);
    if (filter.type == err || body.type == err) return done(e, err);
    const std::string& k = e->text;
    if (k == "count") return done(e, T.integer());
    if (k == "any" || k == "all") return done(e, T.boolean());
    if (k == "first" || k == "last") return done(e, const_cast<TypeTable&>(T).optional(el), list.exact);
    if (k == "list") return done(e, const_cast<TypeTable&>(T).list(body.type), body.exact);
    if (k == "sum") {
        if (!T.is_numeric(body.type) && T.kind(body.type) != TypeKind::Duration) {
            return fail(e, "`sum` adds numbers, money, percents or durations, not " + type_name(body.type));
        }
        return done(e, body.type, body.exact);
    }
    if (k == "max" || k == "min") {
        if (T.is_optional(body.type))
            return fail(e, "the values given to `" + k + "` may be none: filter them with `where ... is present`");
        if (!T.is_numeric(body.type) && T.kind(body.type) != TypeKind::Date &&
            T.kind(body.type) != TypeKind::Duration) {
            return fail(
                e, "`" + k + "` compares numbers, money, percents, dates or durations, not " + type_name(body.type));
        }
        return done(e, const_cast<TypeTable&>(T).optional(body.type), body.exact);
    }
    return fail(e, "unknown aggregate `" + k + "`");
}

// `[a, b, ...]`: the elements unify.
Typed Checker::expr_list(const Expr* e, TypeId expected) {
    const TypeTable& T = m_->types;
    TypeId err = T.error();
    TypeId want =
        expected != kNone && T.is_list(T.strip_optional(expected)) ? T.element(T.strip_optional(expected)) : kNone;
    if (e->args.empty()) return done(e, want != kNone ? const_cast<TypeTable&>(T).list(want) : T.empty_list());
    TypeId t = kNone;
    Exactness x;
    for (const auto& a : e->args) {
        Typed at = want != kNone ? expr_as(a.get(), want, "a list element") : expr(a.get(), t);
        if (at.type == err) return done(e, err);
        x = x & at.exact;
        TypeId u = want != kNone ? want : (t == kNone ? at.type : unify(t, at.type));
        if (u == err) {
            // With an expected element type, err means that type was wrong, and said so
            // where it was written; there is no earlier element to name (found by the
            // compile fuzzer: `list<Unknown>` expected in a test crashed the checker).
            if (want == kNone) {
                sink_->error(a->span,
                             "list elements must have one type: " + type_name(t) + " and " + type_name(at.type));
            }
            return done(e, err);
        }
        t = u;
    }
    return done(e, const_cast<TypeTable&>(T).list(t), x);
}

// `{field: value, ...}` of the record type expected here.
Typed Checker::expr_record(const Expr* e, TypeId expected) {
    const TypeTable& T = m_->types;
    TypeId err = T.error();
    TypeId want = expected == kNone ? kNone : T.strip_optional(expected);
    if (want != kNone && T.is_list(want)) want = kNone;
    if (want == kNone || T.kind(want) != TypeKind::Record) {
        return fail(e, "a record literal needs a known record type here (for example as a list element of a fact)");
    }
    const RecordInfo& rec = m_->records[T.get(want).ref];
    Exactness x;
    bool bad = false;
    for (size_t i = 0; i < e->names.size(); ++i) {
        int fi = rec.field_index(e->names[i]);
        if (fi < 0) {
            sink_->error(e->name_spans.size() > i ? e->name_spans[i] : e->span,
                         "`" + rec.name + "` has no field `" + e->names[i] + "`");
            bad = true;
            continue;
        }
        for (size_t j = 0; j < i; ++j) {
            if (e->names[j] == e->names[i]) {
                sink_->error(e->span, "field `" + e->names[i] + "` is given twice");
                bad = true;
            }
        }
        std::string what = "field `" + e->names[i] + "`";
        Typed at = expr_as(e->args[i].get(), rec.fields[fi].type, what.c_str());
        bad = bad || at.type == err;
        x = x & at.exact;
    }
    for (const auto& f : rec.fields) {
        bool given = std::find(e->names.begin(), e->names.end(), f.name) != e->names.end();
        if (!given && !T.is_optional(f.type)) {
            sink_->error(e->span, "field `" + f.name + "` of `" + rec.name + "` is missing");
            bad = true;
        }
    }
    return done(e, bad ? err : want, x);
}

// `collect { value when condition ... }`: a list of the values whose conditions hold.
Typed Checker::expr_collect(const Expr* e, TypeId expected) {
    const TypeTable& T = m_->types;
    TypeId err = T.error();
    TypeId want = expected != kNone && T.is_list(expected) ? T.element(expected) : kNone;
    TypeId t = want;
    Exactness x;
    bool bad = false;
    for (const auto& entry : e->entries) {
        Typed c = expr_as(entry.condition.get(), T.boolean(), "the condition after `when`");
        Typed v = want != kNone ? expr_as(entry.value.get(), want, "each collected value") : expr(entry.value.get(), t);
        bad = bad || c.type == err || v.type == err;
        if (v.type != err && want == kNone) {
            TypeId u = t == kNone ? v.type : unify(t, v.type);
            if (u == err) {
                sink_->error(entry.value->span,
                             "collected values must have one type: " + type_name(t) + " and " + type_name(v.type));
                bad = true;
            } else {
                t = u;
            }
        }
        x = x & v.exact;
    }
    if (bad) return done(e, err);
    if (t == kNone) return fail(e, "`collect` needs at least one entry");
    return done(e, const_cast<TypeTable&>(T).list(t), x);
}

// `limit start { at most b [unless c] ... at least b }`: each bound has the type of the start.
Typed Checker::expr_limit(const Expr* e, TypeId expected) {
    const TypeTable& T = m_->types;
    TypeId err = T.error();
    Typed start = expr(e->args[0].get(), expected);
    if (start.type == err) return done(e, err);
    TypeId t = start.type;
    Exactness x = start.exact;
    if (!T.is_numeric(t) && T.kind(t) != TypeKind::Date && T.kind(t) != TypeKind::Duration) {
        return fail(e, "`limit` applies to numbers, money, percents, dates or durations, not " + type_name(t));
    }
    for (const auto& step : e->steps) {
        Typed b = expr(step.bound.get(), t);
        if (b.type == err) return done(e, err);
        TypeId u = unify(t, b.type);
        if (u == err || T.is_optional(u)) {
            sink_->error(step.bound->span, "a bound must be " + type_name(t) + ", but this is " + type_name(b.type));
            return done(e, err);
        }
        t = u;
        x = x & b.exact;
        if (step.unless) {
            if (expr_as(step.unless.get(), T.boolean(), "the condition after `unless`").type == err)
                return done(e, err);
        }
    }
    return done(e, t, x);
}

// `{ let x = a ... result }`: each let is a local of the expressions after it.
Typed Checker::expr_block(const Expr* e, TypeId expected) {
    TypeId err = m_->types.error();
    size_t n = e->args.size();
    size_t saved = locals_.size();
    bool bad = false;
    for (size_t i = 0; i + 1 < n; ++i) {
        Typed v = expr(e->args[i].get(), kNone);
        bad = bad || v.type == err;
        const std::string& name = e->names[i];
        if (m_->symbols.count(name) || m_->fact_groups.count(name)) {
            sink_->error(e->name_spans.size() > i ? e->name_spans[i] : e->args[i]->span,
                         "`let " + name + "` hides a declaration of the same name; choose another name");
            bad = true;
        }
        locals_.push_back(Local{name, v.type, v.exact});
        narrowed_.erase(std::remove(narrowed_.begin(), narrowed_.end(), name), narrowed_.end());
    }
    Typed r = expr(e->args[n - 1].get(), expected);
    locals_.resize(saved);
    if (bad) return done(e, err);
    return done(e, r.type, r.exact);
}

}  // namespace tenet::check
