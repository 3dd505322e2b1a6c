// The sanction ladder's walk over a case's episodes (LANGUAGE.md §8), shared by the on-demand
// evaluator (one case) and the columnar one (a block of cases, one walk each).
//
// Exports: LadderScratch, LadderSpan, walk_ladder, ladder_record. Levels of fixed length escalate
// unless cured by their last day; a level `until cured` lasts its minimum and until the day
// before the cure, and one with a longest length (`at most`) escalates when there is no cure by
// its last day. The walk allocates nothing once its scratch has grown.
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "compile/graph.hpp"
#include "compile/ops.hpp"
#include "value/value.hpp"

namespace tenet::eval {

struct LadderSpan {
    uint32_t episode;
    int level;
    util::Days first, last;
};

struct LadderScratch {
    std::vector<uint32_t> order;
    std::vector<std::pair<util::Days, int>> pending;  // spans by first day
    std::vector<LadderSpan> spans;
};

// Walks the episodes and sets *current to the span the level on `as_of` comes from (null: no
// level that day). `value(node)` is the value of a level's percent or length node, all present.
// Returns DateOutOfRange when a level's end passes the calendar, else None.
template <typename ValueOf>
Fault walk_ladder(const compile::LadderCall& call, ListRef list, util::Days as_of, ValueOf&& value, LadderScratch& s,
                  const LadderSpan** current) {
    s.order.clear();
    for (uint32_t i = 0; i < list.size; ++i) {
        const Cell* rec = list.items[i].v.rec;
        if (rec[call.start_field].v.d <= as_of) s.order.push_back(i);
    }
    // by start, ties in list order. std::sort with the index as the tie-break is that order and,
    // unlike std::stable_sort, needs no buffer (evaluation allocates nothing); an insertion sort
    // would be quadratic on a case's 100,000 episodes.
    std::sort(s.order.begin(), s.order.end(), [&](uint32_t x, uint32_t y) {
        util::Days sx = list.items[x].v.rec[call.start_field].v.d, sy = list.items[y].v.rec[call.start_field].v.d;
        return sx != sy ? sx < sy : x < y;
    });
    s.spans.clear();
    s.pending.clear();
    int highest = 0;
    auto later_first = [](const std::pair<util::Days, int>& a, const std::pair<util::Days, int>& b) {
        return a.first > b.first;
    };
    auto add_span = [&](const LadderSpan& span) {
        s.spans.push_back(span);
        if (call.carry_highest) {
            s.pending.emplace_back(span.first, span.level);
            std::push_heap(s.pending.begin(), s.pending.end(), later_first);
        }
    };
    int top = static_cast<int>(call.levels.size());
    for (uint32_t e : s.order) {
        const Cell* rec = list.items[e].v.rec;
        util::Days start = rec[call.start_field].v.d;
        bool cured = rec[call.cure_field].s == State::Ok;
        util::Days cure = cured ? rec[call.cure_field].v.d : util::kForever;
        int level = 1;
        if (call.carry_highest) {
            // the highest level of the spans that began before this start: episodes come in
            // order of start, so a span that began before one start began before every later
            // one (a heap of the others by first day: linear in the spans, not quadratic)
            while (!s.pending.empty() && s.pending.front().first < start) {
                highest = std::max(highest, s.pending.front().second);
                std::pop_heap(s.pending.begin(), s.pending.end(), later_first);
                s.pending.pop_back();
            }
            level = std::min(top, highest + 1);
        }
        util::Days first = start;
        for (;;) {
            const auto& spec = call.levels[static_cast<size_t>(level - 1)];
            // the last day of a level `first` .. that lasts `length` (first - 1 when none)
            auto last_day = [&](compile::NodeId length, util::Days* last) {
                if (length == compile::kNoNode) return *last = first - 1, true;
                Duration len = value(length).dur;
                util::Days end;
                bool ok =
                    len.months ? util::add_months(first, len.count, &end) : util::add_days(first, len.count, &end);
                *last = end - 1;
                return ok;
            };
            util::Days last;  // the minimum's last day (the fixed length's)
            if (!last_day(spec.length, &last)) return Fault::DateOutOfRange;
            if (spec.until_cured) {
                util::Days longest = util::kForever;
                if (spec.at_most != compile::kNoNode && !last_day(spec.at_most, &longest)) return Fault::DateOutOfRange;
                // the day before the cure, no sooner than the minimum, no later than the longest
                last = std::min(longest, cured ? std::max(last, cure - 1) : util::kForever);
                add_span(LadderSpan{e, level, first, last});
                if (longest == util::kForever || level == top || (cured && cure <= longest)) break;
            } else {
                add_span(LadderSpan{e, level, first, last});
                if (level == top || (cured && cure <= last)) break;
            }
            first = last + 1;
            ++level;
        }
    }
    *current = nullptr;
    for (const auto& span : s.spans) {
        if (span.first <= as_of && as_of <= span.last && (!*current || span.level >= (*current)->level))
            *current = &span;
    }
    return Fault::None;
}

// The ladder's record (level, percent, level_start, level_end, episode_start) for the span
// walk_ladder found, built in `arena`.
template <typename ValueOf>
Value ladder_record(const compile::LadderCall& call, ListRef list, const LadderSpan* current, ValueOf&& value,
                    Arena& arena) {
    Cell* rec = arena.cells(5);
    if (!current) {
        rec[0].v = Value::of_int(0);
        rec[1].v = Value::of_number(util::Rational::of(0));
        rec[2].s = rec[3].s = rec[4].s = State::None;
    } else {
        rec[0].v = Value::of_int(current->level);
        rec[1].v = value(call.levels[static_cast<size_t>(current->level - 1)].percent);
        rec[2].v = Value::of_date(current->first);
        if (current->last == util::kForever) rec[3].s = State::None;
        else rec[3].v = Value::of_date(current->last);
        rec[4].v = Value::of_date(list.items[current->episode].v.rec[call.start_field].v.d);
    }
    return Value::of_record(rec);
}

}  // namespace tenet::eval
