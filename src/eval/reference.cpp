// The reference interpreter: LANGUAGE.md read as directly as possible, one construct at a time.
//
// Conventions shared by every construct (LANGUAGE.md §7.1):
// - A strict construct (an operator, a built-in, a table's inputs, a list or record literal)
//   evaluates all its operands; the first error, left to right, is its result; otherwise, if any
//   operand is missing, it is missing with the facts of all of them.
// - `and`, `or`, `if`, `otherwise`, collect entries, limit steps, table rows, function arguments
//   and `let`s evaluate only what they take; a failure in what they do not take never surfaces.
#include "eval/reference.hpp"

#include <algorithm>

#include "eval/reference_support.hpp"

#include "syntax/operators.hpp"
#include "util/stack.hpp"

namespace tenet::eval {

void ReferenceInterpreter::begin(const RefFacts& facts) {
    facts_ = &facts;
    rules_.clear();
    params_.clear();
    ladders_.clear();
    depth_ = 0;
    thread_local uintptr_t floor = util::stack_floor(256 * 1024);
    stack_floor_ = floor;
}

RefValue ReferenceInterpreter::coerce(RefValue v, TypeId type) const {
    const check::TypeTable& T = m_.types;
    if (!v.present() || type == check::kNone) return v;
    TypeId t = T.strip_optional(type);
    switch (T.kind(t)) {
        case TypeKind::Decimal:
        case TypeKind::Money:
        case TypeKind::Percent:
            if (v.kind == Kind::Int) return RefValue::of_number(util::Rational::of(v.integer));
            return v;
        case TypeKind::List:
            for (auto& item : v.items) item = coerce(std::move(item), T.element(t));
            return v;
        case TypeKind::Record: {
            const auto& rec = m_.records[T.get(t).ref];
            for (size_t i = 0; i < v.items.size() && i < rec.fields.size(); ++i) {
                v.items[i] = coerce(std::move(v.items[i]), rec.fields[i].type);
            }
            return v;
        }
        default: return v;
    }
}

RefOutcome ReferenceInterpreter::rule(uint32_t index) {
    auto it = rules_.find(index);
    if (it != rules_.end()) return it->second;
    const check::RuleInfo& r = m_.rules[index];
    RefOutcome o = eval_to(r.origin.decl->body.get(), r.type, nullptr);
    rules_[index] = o;
    return o;
}

RefOutcome ReferenceInterpreter::parameter(uint32_t index) {
    auto it = params_.find(index);
    if (it != params_.end()) return it->second;
    const check::ParamInfo& p = m_.params[index];
    // the value in force on the case's as_of (LANGUAGE.md §5)
    RefOutcome o = RefOutcome::failure(RefFault::UndefinedParameter);
    const auto& as_of = facts_->values[0];
    if (as_of && as_of->present()) {
        for (const auto& period : p.periods) {
            if (period.from <= as_of->date && as_of->date <= period.to) {
                o = eval_to(period.value, p.type, nullptr);
                break;
            }
        }
    }
    params_[index] = o;
    return o;
}

RefOutcome ReferenceInterpreter::eval_to(const Expr* e, TypeId type, const ScopePtr& scope) {
    RefOutcome o = eval(e, scope);
    if (o.ok()) o.value = coerce(std::move(o.value), type);
    return o;
}

RefOutcome ReferenceInterpreter::eval(const Expr* e, const ScopePtr& scope) {
    struct Depth {
        int& d;
        explicit Depth(int& x) : d(++x) {}
        ~Depth() { --d; }
    } depth(depth_);
    if (depth_ > kMaxDepth || util::stack_here() < stack_floor_) return RefOutcome::failure(RefFault::TooDeep);

    const check::TypeTable& T = m_.types;
    TypeId type = m_.at(e).type;
    auto number_text = [](const std::string& text) {
        util::Rational r;
        util::parse_decimal(text, &r, nullptr);
        return r;
    };
    switch (e->kind) {
        case ExprKind::IntLit: return RefOutcome::of(RefValue::of_int(number_text(e->text).num));
        case ExprKind::DecimalLit:
        case ExprKind::MoneyLit: return RefOutcome::of(RefValue::of_number(number_text(e->text)));
        case ExprKind::PercentLit: {
            util::Rational r;
            if (!make_rational(static_cast<__int128>(number_text(e->text).num),
                               static_cast<__int128>(number_text(e->text).den) * 100, &r)) {
                return RefOutcome::failure(RefFault::Overflow);
            }
            return RefOutcome::of(RefValue::of_number(r));
        }
        case ExprKind::DateLit: {
            util::Days d = util::kForever;
            if (e->text != "forever") util::parse_iso_date(e->text, &d);
            return RefOutcome::of(RefValue::of_date(d));
        }
        case ExprKind::DurationLit: {
            int64_t n = number_text(e->text).num;
            switch (e->unit) {
                case syntax::DurationUnit::Days: return RefOutcome::of(RefValue::of_duration(n, false));
                case syntax::DurationUnit::Weeks: return RefOutcome::of(RefValue::of_duration(n * 7, false));
                case syntax::DurationUnit::Months: return RefOutcome::of(RefValue::of_duration(n, true));
                case syntax::DurationUnit::Years: return RefOutcome::of(RefValue::of_duration(n * 12, true));
            }
            break;
        }
        case ExprKind::BoolLit: return RefOutcome::of(RefValue::of_bool(e->text == "true"));
        case ExprKind::NoneLit: return RefOutcome::of(RefValue::none());
        case ExprKind::StringLit: break;

        case ExprKind::Name:
        case ExprKind::Field: return name(e, scope);

        case ExprKind::Unary: {
            RefOutcome a = eval(e->args[0].get(), scope);
            if (!a.ok()) return a;
            const RefValue& v = a.value;
            if (e->op == syntax::Op::Not) return RefOutcome::of(RefValue::of_bool(!v.boolean));
            RefOutcome out;
            if (v.kind == Kind::Int || v.kind == Kind::Duration) {
                if (!checked(v.integer == INT64_MIN, &out)) return out;
                RefValue r = v;
                r.integer = -v.integer;
                return RefOutcome::of(r);
            }
            util::Rational r;
            if (!checked(!util::neg(v.number, &r), &out)) return out;
            return RefOutcome::of(RefValue::of_number(r));
        }

        case ExprKind::Binary:
            if (e->op == syntax::Op::And || e->op == syntax::Op::Or) return logic(e, scope);
            return arithmetic(e, scope);

        case ExprKind::Compare: return comparison(e, scope);

        case ExprKind::Is: {
            RefOutcome a = eval(e->args[0].get(), scope);
            if (!a.ok()) return a;
            bool r = e->op == syntax::Op::IsEmpty     ? a.value.items.empty()
                     : e->op == syntax::Op::IsPresent ? a.value.present()
                                                      : !a.value.present();
            return RefOutcome::of(RefValue::of_bool(r != e->negated));
        }

        case ExprKind::In: {
            std::vector<RefOutcome> ops{eval(e->args[0].get(), scope), eval(e->args[1].get(), scope)};
            RefOutcome f;
            if (strict_failure(ops, &f)) return f;
            bool found = false;
            for (const auto& item : ops[1].value.items) {
                if (item.present() && ref_equal(item, ops[0].value)) found = true;
            }
            return RefOutcome::of(RefValue::of_bool(found != e->negated));
        }

        case ExprKind::Within: {
            // before: e - D < d <= e; after: e <= d < e + D
            std::vector<RefOutcome> ops{eval(e->args[0].get(), scope), eval(e->args[1].get(), scope),
                                        eval(e->args[2].get(), scope)};
            RefOutcome f;
            if (strict_failure(ops, &f)) return f;
            util::Days d = ops[0].value.date, ref = ops[2].value.date;
            int64_t count = ops[1].value.integer;
            bool before = e->op == syntax::Op::Before;
            if (before) {
                if (count == INT64_MIN) return RefOutcome::failure(RefFault::Overflow);
                count = -count;
            }
            util::Days edge;
            if (!shift_date(ref, count, ops[1].value.months, &edge))
                return RefOutcome::failure(RefFault::DateOutOfRange);
            bool r = before ? (edge < d && d <= ref) : (ref <= d && d < edge);
            return RefOutcome::of(RefValue::of_bool(r));
        }

        case ExprKind::Otherwise: {
            RefOutcome a = eval_to(e->args[0].get(), type, scope);
            if (!a.ok() || a.value.present()) return a;
            return eval_to(e->args[1].get(), type, scope);
        }

        case ExprKind::If: {
            RefOutcome c = eval(e->args[0].get(), scope);
            if (!c.ok()) return c;
            return eval_to(e->args[c.value.boolean ? 1 : 2].get(), type, scope);
        }

        case ExprKind::Call: return call(e, scope);
        case ExprKind::Aggregate: return aggregate(e, scope);

        case ExprKind::ListLit: {
            TypeId el = T.kind(type) == TypeKind::List ? T.element(type) : check::kNone;
            std::vector<RefOutcome> items;
            for (const auto& a : e->args) items.push_back(eval_to(a.get(), el, scope));
            RefOutcome f;
            if (strict_failure(items, &f)) return f;
            std::vector<RefValue> values;
            for (auto& i : items) values.push_back(std::move(i.value));
            return RefOutcome::of(RefValue::of_list(std::move(values)));
        }

        case ExprKind::RecordLit: {
            const auto& rec = m_.records[T.get(T.strip_optional(type)).ref];
            std::vector<RefOutcome> given;
            std::vector<RefValue> fields(rec.fields.size());
            for (size_t i = 0; i < e->names.size(); ++i) {
                int f = rec.field_index(e->names[i]);
                given.push_back(eval_to(e->args[i].get(), rec.fields[static_cast<size_t>(f)].type, scope));
            }
            RefOutcome f;
            if (strict_failure(given, &f)) return f;
            for (size_t i = 0; i < e->names.size(); ++i) {
                fields[static_cast<size_t>(rec.field_index(e->names[i]))] = std::move(given[i].value);
            }
            return RefOutcome::of(RefValue::of_record(std::move(fields)));
        }

        case ExprKind::Collect: return collect(e, scope);
        case ExprKind::Limit: return limit(e, scope);

        case ExprKind::Block: {
            ScopePtr inner = scope;
            for (size_t i = 0; i + 1 < e->args.size(); ++i) {
                auto thunk = std::make_shared<Thunk>();
                thunk->expr = e->args[i].get();
                thunk->scope = inner;
                inner = std::make_shared<const Scope>(Scope{e->names[i], thunk, inner});
            }
            return eval_to(e->args.back().get(), type, inner);
        }
    }
    return RefOutcome::failure(RefFault::Overflow);
}

RefOutcome ReferenceInterpreter::fact(uint32_t i) const {
    const auto& v = facts_->values[i];
    if (!v) {
        RefOutcome o;
        o.state = State::Missing;
        o.missing.insert(i);
        return o;
    }
    return RefOutcome::of(*v);
}

RefOutcome ReferenceInterpreter::name(const Expr* e, const ScopePtr& scope) {
    const check::ExprInfo& info = m_.at(e);
    switch (info.ref) {
        case RefKind::Local:
            for (const Scope* s = scope.get(); s; s = s->parent.get()) {
                if (s->name != e->text) continue;
                Thunk& t = *s->thunk;
                if (!t.result) t.result = eval_to(t.expr, t.type, t.scope);
                return *t.result;
            }
            return RefOutcome::failure(RefFault::Overflow);
        case RefKind::Fact: return fact(info.index);
        case RefKind::Parameter: return parameter(info.index);
        case RefKind::Rule: return rule(info.index);
        case RefKind::Ladder: return ladder(info.index);
        case RefKind::EnumValue: return RefOutcome::of(RefValue::of_enum(info.index2));
        case RefKind::Field: {
            RefOutcome base = eval(e->args[0].get(), scope);
            if (!base.ok()) return base;
            return RefOutcome::of(base.value.items[info.index]);
        }
        default:
            if (e->text == "as_of") return fact(0);
            return RefOutcome::failure(RefFault::Overflow);
    }
}

RefOutcome ReferenceInterpreter::logic(const Expr* e, const ScopePtr& scope) {
    // three-valued, left to right: `false and x` is false, `true or x` is true (LANGUAGE.md §7.1)
    bool deciding = e->op == syntax::Op::Or;
    RefOutcome a = eval(e->args[0].get(), scope);
    if (a.state == State::Error) return a;
    if (a.ok() && a.value.boolean == deciding) return a;
    RefOutcome b = eval(e->args[1].get(), scope);
    if (b.state == State::Error) return b;
    if (b.ok() && (a.ok() || b.value.boolean == deciding)) return b;
    if (a.ok()) return b;  // b is missing
    if (b.ok()) return a;  // a is missing and b does not decide
    return missing_union(a, b);
}

RefOutcome ReferenceInterpreter::arithmetic(const Expr* e, const ScopePtr& scope) {
    std::vector<RefOutcome> ops{eval(e->args[0].get(), scope), eval(e->args[1].get(), scope)};
    RefOutcome f;
    if (strict_failure(ops, &f)) return f;
    RefValue a = ops[0].value, b = ops[1].value;
    syntax::Op op = e->op;
    bool sub = op == syntax::Op::Sub;
    RefOutcome out;

    // dates and durations
    if (a.kind == Kind::Duration && b.kind == Kind::Date) std::swap(a, b);  // D + date
    if (a.kind == Kind::Date && b.kind == Kind::Duration) {
        int64_t count = b.integer;
        if (sub) {
            if (!checked(count == INT64_MIN, &out)) return out;
            count = -count;
        }
        util::Days d;
        if (!shift_date(a.date, count, b.months, &d)) return RefOutcome::failure(RefFault::DateOutOfRange);
        return RefOutcome::of(RefValue::of_date(d));
    }
    if (a.kind == Kind::Date && b.kind == Kind::Date) {
        if (a.date == util::kForever || b.date == util::kForever)
            return RefOutcome::failure(RefFault::ForeverArithmetic);
        return RefOutcome::of(RefValue::of_duration(static_cast<int64_t>(a.date) - b.date, false));
    }
    if (a.kind == Kind::Duration && b.kind == Kind::Duration) {
        if (mixed_units(a, b)) return RefOutcome::failure(RefFault::MixedDurations);
        int64_t r;
        bool over =
            sub ? __builtin_sub_overflow(a.integer, b.integer, &r) : __builtin_add_overflow(a.integer, b.integer, &r);
        if (!checked(over, &out)) return out;
        // a zero duration has no unit of its own: the result takes the other's
        return RefOutcome::of(RefValue::of_duration(r, a.integer != 0 ? a.months : b.months));
    }
    if (a.kind == Kind::Int && b.kind == Kind::Duration) std::swap(a, b);  // n * D
    if (a.kind == Kind::Duration) {
        int64_t r;
        if (!checked(__builtin_mul_overflow(a.integer, b.integer, &r), &out)) return out;
        return RefOutcome::of(RefValue::of_duration(r, a.months));
    }

    // numbers: int with int stays int except for division
    if (a.kind == Kind::Int && b.kind == Kind::Int && op != syntax::Op::Div) {
        int64_t r;
        bool over = op == syntax::Op::Add   ? __builtin_add_overflow(a.integer, b.integer, &r)
                    : op == syntax::Op::Sub ? __builtin_sub_overflow(a.integer, b.integer, &r)
                                            : __builtin_mul_overflow(a.integer, b.integer, &r);
        if (!checked(over, &out)) return out;
        return RefOutcome::of(RefValue::of_int(r));
    }
    util::Rational x = as_number(a), y = as_number(b), r;
    bool ok;
    switch (op) {
        case syntax::Op::Add: ok = util::add(x, y, &r); break;
        case syntax::Op::Sub: ok = util::sub(x, y, &r); break;
        case syntax::Op::Mul: ok = util::mul(x, y, &r); break;
        default:
            if (y.num == 0) return RefOutcome::failure(RefFault::DivisionByZero);
            ok = util::div(x, y, &r);
            break;
    }
    if (!checked(!ok, &out)) return out;
    return RefOutcome::of(RefValue::of_number(r));
}

RefOutcome ReferenceInterpreter::compare_pair(const RefValue& a, const RefValue& b, syntax::Op op) const {
    if (a.kind == Kind::List || a.kind == Kind::Record || b.kind == Kind::List) {
        bool eq = ref_equal(a, b);
        return RefOutcome::of(RefValue::of_bool(op == syntax::Op::Eq ? eq : !eq));
    }
    if (a.kind == Kind::Duration && mixed_units(a, b)) return RefOutcome::failure(RefFault::MixedDurations);
    return RefOutcome::of(RefValue::of_bool(syntax::comparison_holds(op, order(a, b))));
}

RefOutcome ReferenceInterpreter::comparison(const Expr* e, const ScopePtr& scope) {
    // `a < b <= c` is `a < b and b <= c`, with the three-valued `and`
    RefOutcome result;
    bool first = true;
    for (size_t i = 0; i + 1 < e->args.size(); ++i) {
        std::vector<RefOutcome> ops{eval(e->args[i].get(), scope), eval(e->args[i + 1].get(), scope)};
        RefOutcome f, c;
        if (strict_failure(ops, &f)) c = f;
        else c = compare_pair(ops[0].value, ops[1].value, e->ops[i]);
        if (first) {
            result = c;
            first = false;
            continue;
        }
        // and-combination of `result` (left) with `c` (right); left false stops before c
        if (result.state == State::Error) return result;
        if (result.ok() && !result.value.boolean) return result;
        if (c.state == State::Error) return c;
        if (c.ok() && (result.ok() || !c.value.boolean)) {
            result = c;
            continue;
        }
        if (result.ok()) result = c;
        else if (!c.ok()) result = missing_union(result, c);
    }
    return result;
}

RefOutcome ReferenceInterpreter::call(const Expr* e, const ScopePtr& scope) {
    const check::ExprInfo& info = m_.at(e);
    if (info.ref == RefKind::Builtin) return builtin(e, scope);
    if (info.ref == RefKind::Table) return table(e, info.index, scope);
    // a function: its body with the parameters bound to the arguments, read when first needed
    const check::FunctionInfo& fn = m_.functions[info.index];
    ScopePtr inner;
    for (size_t i = 0; i < fn.params.size(); ++i) {
        auto thunk = std::make_shared<Thunk>();
        thunk->expr = e->args[i].get();
        thunk->type = fn.params[i].type;
        thunk->scope = scope;
        inner = std::make_shared<const Scope>(Scope{fn.params[i].name, thunk, inner});
    }
    return eval_to(fn.origin.decl->body.get(), fn.result, inner);
}
bool ReferenceInterpreter::literal(const Expr* e, TypeId type, RefValue* out) {
    RefOutcome o = eval_to(e, type, nullptr);
    if (!o.ok()) return false;
    *out = std::move(o.value);
    return true;
}

}  // namespace tenet::eval
