// The reference interpreter's built-ins, tables, aggregates, collect, limit and ladders, each read
// from LANGUAGE.md as directly as possible (the conventions are at the top of reference.cpp).
#include "eval/reference.hpp"

#include <algorithm>

#include "eval/reference_support.hpp"
#include "util/stack.hpp"

namespace tenet::eval {

RefOutcome ReferenceInterpreter::builtin(const Expr* e, const ScopePtr& scope) {
    const check::TypeTable& T = m_.types;
    TypeId type = m_.at(e).type;
    Builtin which = static_cast<Builtin>(m_.at(e).index);
    bool rounding = which == Builtin::RoundDown || which == Builtin::RoundUp || which == Builtin::RoundHalfUp ||
                    which == Builtin::RoundHalfEven;
    std::vector<RefOutcome> args;
    for (size_t i = 0; i < e->args.size(); ++i) {
        if (rounding && i == 1) break;  // the unit or the places: read from the text below
        bool same_type =
            which == Builtin::Min || which == Builtin::Max || which == Builtin::Clamp || which == Builtin::Abs;
        args.push_back(eval_to(e->args[i].get(), same_type ? type : check::kNone, scope));
    }
    RefOutcome f;
    if (strict_failure(args, &f)) return f;
    auto v = [&](size_t i) -> const RefValue& { return args[i].value; };
    RefOutcome out;
    auto no_forever = [&](std::initializer_list<size_t> which_args) {
        for (size_t i : which_args) {
            if (v(i).date == util::kForever) return false;
        }
        return true;
    };
    switch (which) {
        case Builtin::Min:
        case Builtin::Max: {
            RefValue best = v(0);
            for (size_t i = 1; i < args.size(); ++i) {
                if (best.kind == Kind::Duration && mixed_units(best, v(i)))
                    return RefOutcome::failure(RefFault::MixedDurations);
                int c = order(v(i), best);
                if (which == Builtin::Min ? c < 0 : c > 0) best = v(i);
            }
            return RefOutcome::of(best);
        }
        case Builtin::Clamp: {
            // min(max(x, lo), hi): each comparison on its own may mix days and months
            if (v(0).kind == Kind::Duration && mixed_units(v(0), v(1)))
                return RefOutcome::failure(RefFault::MixedDurations);
            RefValue x = order(v(1), v(0)) > 0 ? v(1) : v(0);
            if (x.kind == Kind::Duration && mixed_units(x, v(2))) return RefOutcome::failure(RefFault::MixedDurations);
            if (order(v(2), x) < 0) x = v(2);
            return RefOutcome::of(x);
        }
        case Builtin::Abs: {
            RefValue x = v(0);
            if (x.kind == Kind::Int || x.kind == Kind::Duration) {
                if (!checked(x.integer == INT64_MIN, &out)) return out;
                x.integer = x.integer < 0 ? -x.integer : x.integer;
                return RefOutcome::of(x);
            }
            if (x.number.num < 0 && !util::neg(x.number, &x.number)) return RefOutcome::failure(RefFault::Overflow);
            return RefOutcome::of(x);
        }
        case Builtin::Floor:
        case Builtin::Ceil: {
            if (v(0).kind == Kind::Int) return RefOutcome::of(v(0));
            __int128 num = v(0).number.num, den = v(0).number.den;
            // a percent is floored in points (LANGUAGE.md §7.2)
            if (T.kind(m_.at(e->args[0].get()).type) == TypeKind::Percent) num *= 100;
            __int128 k = round_quotient(num, den, which == Builtin::Floor ? Mode::Down : Mode::Up);
            if (!checked(!fits(k), &out)) return out;
            return RefOutcome::of(RefValue::of_int(static_cast<int64_t>(k)));
        }
        case Builtin::RoundDown:
        case Builtin::RoundUp:
        case Builtin::RoundHalfUp:
        case Builtin::RoundHalfEven: {
            const Expr* unit = e->args[1].get();
            int places;
            if (m_.at(unit).ref == RefKind::Unit) {
                places = m_.at(unit).index == 0 ? 2 : 0;  // cent, dollar
            } else {
                places = static_cast<int>(std::stoll(unit->text));
                if (T.kind(m_.at(e->args[0].get()).type) == TypeKind::Percent) places += 2;  // places of the points
            }
            Mode mode = which == Builtin::RoundDown     ? Mode::Down
                        : which == Builtin::RoundUp     ? Mode::Up
                        : which == Builtin::RoundHalfUp ? Mode::HalfUp
                                                        : Mode::HalfEven;
            util::Rational r;
            if (!checked(!round_places(as_number(v(0)), places, mode, &r), &out)) return out;
            return RefOutcome::of(RefValue::of_number(r));
        }
        case Builtin::PercentPoints: {
            util::Rational r;
            if (!checked(!util::mul(v(0).number, util::Rational::of(100), &r), &out)) return out;
            return RefOutcome::of(RefValue::of_number(r));
        }
        case Builtin::DaysBetween:
            if (!no_forever({0, 1})) return RefOutcome::failure(RefFault::ForeverArithmetic);
            return RefOutcome::of(RefValue::of_int(static_cast<int64_t>(v(1).date) - v(0).date));
        case Builtin::MonthsBetween:
            if (!no_forever({0, 1})) return RefOutcome::failure(RefFault::ForeverArithmetic);
            return RefOutcome::of(RefValue::of_int(util::months_between(v(0).date, v(1).date)));
        case Builtin::Year:
        case Builtin::Month:
        case Builtin::Day:
        case Builtin::FederalFiscalYear:
        case Builtin::StateFiscalYear: {
            if (!no_forever({0})) return RefOutcome::failure(RefFault::ForeverArithmetic);
            int y, mo, d;
            util::days_to_civil(v(0).date, &y, &mo, &d);
            int64_t r = which == Builtin::Year                ? y
                        : which == Builtin::Month             ? mo
                        : which == Builtin::Day               ? d
                        : which == Builtin::FederalFiscalYear ? (mo >= 10 ? y + 1 : y)  // FY N from N-1-10-01
                                                              : (mo >= 7 ? y + 1 : y);  // SFY N from N-1-07-01
            return RefOutcome::of(RefValue::of_int(r));
        }
        case Builtin::FirstOfMonth:
        case Builtin::LastOfMonth: {
            if (v(0).date == util::kForever) return RefOutcome::of(v(0));
            int y, mo, d;
            util::days_to_civil(v(0).date, &y, &mo, &d);
            util::Days first;
            util::civil_to_days(y, mo, 1, &first);
            if (which == Builtin::FirstOfMonth) return RefOutcome::of(RefValue::of_date(first));
            // the day before the first of the next month
            util::Days next;
            bool ok = mo == 12 ? util::civil_to_days(y + 1, 1, 1, &next) : util::civil_to_days(y, mo + 1, 1, &next);
            if (!ok) {  // December 2299: the last supported month
                util::civil_to_days(y, 12, 31, &next);
                return RefOutcome::of(RefValue::of_date(next));
            }
            return RefOutcome::of(RefValue::of_date(next - 1));
        }
        case Builtin::MakeDate: {
            util::Days d;
            if (!util::civil_to_days(v(0).integer, v(1).integer, v(2).integer, &d))
                return RefOutcome::failure(RefFault::InvalidDate);
            return RefOutcome::of(RefValue::of_date(d));
        }
        case Builtin::Days:
        case Builtin::Weeks:
        case Builtin::Months:
        case Builtin::Years: {
            int64_t unit = which == Builtin::Weeks ? 7 : which == Builtin::Years ? 12 : 1;
            int64_t n;
            if (!checked(__builtin_mul_overflow(v(0).integer, unit, &n), &out)) return out;
            return RefOutcome::of(RefValue::of_duration(n, which == Builtin::Months || which == Builtin::Years));
        }
        case Builtin::Length: return RefOutcome::of(RefValue::of_int(static_cast<int64_t>(v(0).items.size())));
    }
    return RefOutcome::failure(RefFault::Overflow);
}
RefOutcome ReferenceInterpreter::table(const Expr* e, uint32_t index, const ScopePtr& scope) {
    const check::TableInfo& t = m_.tables[index];
    const syntax::Decl& d = *t.origin.decl;
    std::vector<RefOutcome> inputs;
    for (size_t i = 0; i < t.inputs.size(); ++i) inputs.push_back(eval_to(e->args[i].get(), t.inputs[i].type, scope));
    RefOutcome f;
    if (strict_failure(inputs, &f)) return f;

    auto cell_holds = [&](const syntax::CellTest& test, TypeId type, const RefValue& x) {
        using K = syntax::CellTest::Kind;
        RefValue low, high;
        if (test.value && !literal(test.value.get(), type, &low)) return false;
        if (test.high && !literal(test.high.get(), type, &high)) return false;
        switch (test.kind) {
            case K::Any: return true;
            case K::Equal: return order(x, low) == 0;
            case K::NotEqual: return order(x, low) != 0;
            case K::Less: return order(x, low) < 0;
            case K::LessEq: return order(x, low) <= 0;
            case K::Greater: return order(x, low) > 0;
            case K::GreaterEq: return order(x, low) >= 0;
            case K::Range: return (!test.value || order(x, low) >= 0) && (!test.high || order(x, high) <= 0);
        }
        return false;
    };
    auto row_matches = [&](const syntax::TableRow& row) {
        for (size_t c = 0; c < row.inputs.size(); ++c) {
            const auto& tests = row.inputs[c].tests;
            if (tests.empty()) continue;  // any
            bool any = std::any_of(tests.begin(), tests.end(), [&](const syntax::CellTest& test) {
                return cell_holds(test, t.inputs[c].type, inputs[c].value);
            });
            if (!any) return false;
        }
        return true;
    };
    // the outputs may name the inputs
    ScopePtr inner;
    for (size_t i = 0; i < t.inputs.size(); ++i) {
        auto thunk = std::make_shared<Thunk>();
        thunk->result = inputs[i];
        inner = std::make_shared<const Scope>(Scope{t.inputs[i].name, thunk, inner});
    }
    auto output = [&](const syntax::TableRow& row) {
        if (t.output_record == check::kNone) return eval_to(row.outputs[0].get(), t.outputs[0].type, inner);
        std::vector<RefOutcome> fields;
        for (size_t o = 0; o < row.outputs.size(); ++o)
            fields.push_back(eval_to(row.outputs[o].get(), t.outputs[o].type, inner));
        RefOutcome failed;
        if (strict_failure(fields, &failed)) return failed;
        std::vector<RefValue> values;
        for (auto& x : fields) values.push_back(std::move(x.value));
        return RefOutcome::of(RefValue::of_record(std::move(values)));
    };

    std::vector<size_t> matching;
    for (size_t r = 0; r < d.rows.size(); ++r) {
        if (row_matches(d.rows[r])) matching.push_back(r);
    }
    switch (d.hit) {
        case syntax::HitPolicy::Collect: {
            std::vector<RefOutcome> outs;
            for (size_t r : matching) outs.push_back(output(d.rows[r]));
            RefOutcome failed;
            if (strict_failure(outs, &failed)) return failed;
            std::vector<RefValue> values;
            for (auto& x : outs) values.push_back(std::move(x.value));
            return RefOutcome::of(RefValue::of_list(std::move(values)));
        }
        case syntax::HitPolicy::Unique:
            if (matching.size() > 1) return RefOutcome::failure(RefFault::SeveralTableRows);
            [[fallthrough]];
        case syntax::HitPolicy::First:
            if (matching.empty()) return RefOutcome::failure(RefFault::NoTableRow);
            return output(d.rows[matching[0]]);
    }
    return RefOutcome::failure(RefFault::Overflow);
}

RefOutcome ReferenceInterpreter::aggregate(const Expr* e, const ScopePtr& scope) {
    const check::TypeTable& T = m_.types;
    TypeId type = m_.at(e).type;
    RefOutcome list = eval(e->args[0].get(), scope);
    if (!list.ok()) return list;
    const std::string& k = e->text;
    const Expr* filter = e->args.size() > 1 ? e->args[1].get() : nullptr;
    const Expr* body = e->args.size() > 2 ? e->args[2].get() : nullptr;
    TypeId body_type = k == "list" ? T.element(type) : T.strip_optional(type);
    // `any`, `all` and `count` can still be decided (or fail) by a later element after one whose
    // filter is missing; the others cannot, and stop at the first missing value.
    bool keeps_going = k == "any" || k == "all" || k == "count";

    // Elements are taken one at a time, in order: filter, then value, then into the result, so
    // the first failure in that order is the aggregate's.
    RefOutcome missing;
    missing.state = State::Missing;
    bool is_missing = false;
    std::vector<RefValue> selected;  // the elements the filter keeps (first, last, count)
    std::vector<RefValue> values;    // the body's values for them (list)
    TypeKind bk = T.kind(body_type);
    RefValue total = bk == TypeKind::Int        ? RefValue::of_int(0)
                     : bk == TypeKind::Duration ? RefValue::of_duration(0, false)
                                                : RefValue::of_number(util::Rational::of(0));
    std::optional<RefValue> best;  // max, min
    RefOutcome out;
    for (const RefValue& item : list.value.items) {
        auto thunk = std::make_shared<Thunk>();
        thunk->result = RefOutcome::of(item);
        ScopePtr inner = std::make_shared<const Scope>(Scope{e->var, thunk, scope});
        if (filter) {
            RefOutcome c = eval(filter, inner);
            if (c.state == State::Error) return c;
            if (c.state == State::Missing) {
                // unresolved for want of the facts the first undecided element needed
                if (!is_missing) missing.missing = c.missing;
                is_missing = true;
                if (!keeps_going) break;
                continue;
            }
            if (!c.value.boolean) {
                if (k == "all") return RefOutcome::of(RefValue::of_bool(false));
                continue;
            }
        }
        if (k == "any") return RefOutcome::of(RefValue::of_bool(true));
        selected.push_back(item);
        if (k == "first") break;
        if (!body) continue;
        RefOutcome b = eval_to(body, body_type, inner);
        if (b.state == State::Error) return b;
        if (b.state == State::Missing) {
            if (!is_missing) missing.missing = b.missing;
            is_missing = true;
            break;
        }
        const RefValue& x = b.value;
        if (k == "list") {
            values.push_back(x);
        } else if (k == "sum") {
            if (total.kind == Kind::Int) {
                if (!checked(__builtin_add_overflow(total.integer, x.integer, &total.integer), &out)) return out;
            } else if (total.kind == Kind::Duration) {
                if (mixed_units(total, x)) return RefOutcome::failure(RefFault::MixedDurations);
                if (x.integer != 0) total.months = x.months;
                if (!checked(__builtin_add_overflow(total.integer, x.integer, &total.integer), &out)) return out;
            } else if (!checked(!util::add(total.number, as_number(x), &total.number), &out)) {
                return out;
            }
        } else if (k == "max" || k == "min") {
            if (best && best->kind == Kind::Duration && mixed_units(*best, x))
                return RefOutcome::failure(RefFault::MixedDurations);
            int c = best ? order(x, *best) : 0;
            if (!best || (k == "max" ? c > 0 : c < 0)) best = x;
        }
    }
    if (is_missing) return missing;

    if (k == "count") return RefOutcome::of(RefValue::of_int(static_cast<int64_t>(selected.size())));
    if (k == "any") return RefOutcome::of(RefValue::of_bool(false));
    if (k == "all") return RefOutcome::of(RefValue::of_bool(true));
    if (k == "first") return RefOutcome::of(selected.empty() ? RefValue::none() : selected.front());
    if (k == "last") return RefOutcome::of(selected.empty() ? RefValue::none() : selected.back());
    if (k == "list") return RefOutcome::of(RefValue::of_list(std::move(values)));
    if (k == "sum") return RefOutcome::of(total);
    return RefOutcome::of(best ? *best : RefValue::none());  // max, min: none when nothing is selected
}

RefOutcome ReferenceInterpreter::collect(const Expr* e, const ScopePtr& scope) {
    TypeId el = m_.types.element(m_.at(e).type);
    std::vector<RefValue> items;
    RefOutcome missing;
    missing.state = State::Missing;
    bool is_missing = false;
    for (const auto& entry : e->entries) {
        RefOutcome c = eval(entry.condition.get(), scope);
        if (c.state == State::Error) return c;
        if (c.state == State::Missing) {
            // a later entry may still fail with an error, which then is the result
            is_missing = true;
            missing.missing.insert(c.missing.begin(), c.missing.end());
            continue;
        }
        if (!c.value.boolean) continue;
        RefOutcome v = eval_to(entry.value.get(), el, scope);
        if (!v.ok()) return v;
        items.push_back(std::move(v.value));
    }
    if (is_missing) return missing;
    return RefOutcome::of(RefValue::of_list(std::move(items)));
}

RefOutcome ReferenceInterpreter::limit(const Expr* e, const ScopePtr& scope) {
    // the steps apply in order, each to the result of the previous ones (LANGUAGE.md §7.4)
    TypeId type = m_.at(e).type;
    RefOutcome x = eval_to(e->args[0].get(), type, scope);
    if (!x.ok()) return x;
    for (const auto& step : e->steps) {
        if (step.unless) {
            RefOutcome u = eval(step.unless.get(), scope);
            if (!u.ok()) return u;
            if (u.value.boolean) continue;
        }
        RefOutcome b = eval_to(step.bound.get(), type, scope);
        if (!b.ok()) return b;
        if (x.value.kind == Kind::Duration && mixed_units(x.value, b.value))
            return RefOutcome::failure(RefFault::MixedDurations);
        int c = order(b.value, x.value);
        if (step.at_most ? c < 0 : c > 0) x = b;
    }
    return x;
}

RefOutcome ReferenceInterpreter::ladder(uint32_t index) {
    auto memo = ladders_.find(index);
    if (memo != ladders_.end()) return memo->second;
    const check::LadderInfo& info = m_.ladders[index];
    const syntax::Decl& d = *info.origin.decl;
    TypeId percent = m_.types.percent(), duration = m_.types.duration();

    auto compute = [&]() -> RefOutcome {
        std::vector<RefOutcome> inputs{eval(d.episodes.get(), nullptr), fact(0)};
        for (const auto& level : d.levels) {
            inputs.push_back(eval_to(level.percent.get(), percent, nullptr));
            // a missing length (plain `until cured`, no `at most`) stands as an absent value
            inputs.push_back(level.length ? eval_to(level.length.get(), duration, nullptr) : RefOutcome{});
            inputs.push_back(level.at_most ? eval_to(level.at_most.get(), duration, nullptr) : RefOutcome{});
        }
        RefOutcome f;
        if (strict_failure(inputs, &f)) return f;
        util::Days as_of = inputs[1].value.date;
        const auto& episodes = inputs[0].value.items;
        int top = static_cast<int>(d.levels.size());

        // episodes that started by as_of, by start; ties keep list order
        std::vector<size_t> order_;
        for (size_t i = 0; i < episodes.size(); ++i) {
            if (episodes[i].items[info.start_field].date <= as_of) order_.push_back(i);
        }
        std::stable_sort(order_.begin(), order_.end(), [&](size_t a, size_t b) {
            return episodes[a].items[info.start_field].date < episodes[b].items[info.start_field].date;
        });

        struct Span {
            size_t episode;
            int level;
            util::Days first, last;  // last: kForever when open-ended
        };
        std::vector<Span> spans;
        for (size_t ep : order_) {
            util::Days start = episodes[ep].items[info.start_field].date;
            const RefValue& cure_value = episodes[ep].items[info.cure_field];
            bool cured = cure_value.present();
            util::Days cure = cured ? cure_value.date : util::kForever;
            int level = 1;
            if (d.carry_highest) {
                // one above the highest level reached by earlier episodes before this one began
                int highest = 0;
                for (const auto& s : spans) {
                    if (s.first < start) highest = std::max(highest, s.level);
                }
                level = std::min(top, highest + 1);
            }
            util::Days first = start;
            for (;;) {
                const auto& spec = d.levels[static_cast<size_t>(level - 1)];
                const RefValue& length = inputs[2 + 3 * static_cast<size_t>(level - 1) + 1].value;
                const RefValue& at_most = inputs[2 + 3 * static_cast<size_t>(level - 1) + 2].value;
                util::Days after = first;  // the day after the level's (minimum) length
                if (spec.length && !shift_date(first, length.integer, length.months, &after)) {
                    return RefOutcome::failure(RefFault::DateOutOfRange);
                }
                util::Days last = after - 1;
                if (spec.until_cured) {
                    // at least its length, and until the day before the cure
                    util::Days end = cured ? std::max(last, cure - 1) : util::kForever;
                    if (!spec.at_most) {
                        spans.push_back(Span{ep, level, first, end});
                        break;
                    }
                    // ... but no longer than `at most`; uncured by then, the next level follows
                    util::Days after_most;
                    if (!shift_date(first, at_most.integer, at_most.months, &after_most)) {
                        return RefOutcome::failure(RefFault::DateOutOfRange);
                    }
                    last = after_most - 1;
                    spans.push_back(Span{ep, level, first, std::min(end, last)});
                } else {
                    spans.push_back(Span{ep, level, first, last});
                }
                // cured by the level's last day, or at the top: the episode ends here
                if (level == top || (cured && cure <= last)) break;
                first = last + 1;
                ++level;
            }
        }
        // the level in force: the highest; of equal levels, the latest episode's
        const Span* now = nullptr;
        for (const auto& s : spans) {
            if (s.first <= as_of && as_of <= s.last && (!now || s.level >= now->level)) now = &s;
        }
        const auto& rec = m_.records[m_.types.get(m_.ladder_type).ref];
        std::vector<RefValue> fields(rec.fields.size());
        auto set = [&](const char* field, RefValue v) {
            fields[static_cast<size_t>(rec.field_index(field))] = std::move(v);
        };
        if (!now) {
            set("level", RefValue::of_int(0));
            set("percent", RefValue::of_number(util::Rational::of(0)));
        } else {
            set("level", RefValue::of_int(now->level));
            set("percent", inputs[2 + 3 * static_cast<size_t>(now->level - 1)].value);
            set("level_started", RefValue::of_date(now->first));
            if (now->last != util::kForever) set("level_ends", RefValue::of_date(now->last));
            set("episode_start", RefValue::of_date(episodes[now->episode].items[info.start_field].date));
        }
        return RefOutcome::of(RefValue::of_record(std::move(fields)));
    };
    RefOutcome o = compute();
    ladders_[index] = o;
    return o;
}

}  // namespace tenet::eval
