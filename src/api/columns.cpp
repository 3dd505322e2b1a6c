// Columnar evaluation of many cases: typed input columns in, typed decision columns out.
//
// Rows are processed in chunks shared out among the threads. Each chunk's facts are converted to
// values once (validated as the JSON decoder validates them), grouped by the period of parameter
// values of each row's as_of, then the columnar decisions run through the BatchEvaluator and the
// others through the on-demand Evaluator, row by row, on the same converted facts. Given the
// ruleset's compiled code, each row's converted facts are gathered into one case instead, which
// the code answers (api/compiled_code.hpp) and the on-demand Evaluator completes.
#include "tenet/columns.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "api/compiled_code.hpp"
#include "api/outcome.hpp"
#include "api/ruleset_impl.hpp"
#include "compile/ops.hpp"
#include "eval/batch.hpp"
#include "eval/case_json.hpp"
#include "eval/step_bound.hpp"
#include "util/stack.hpp"

namespace tenet {

using check::TypeKind;
using compile::NodeId;
using eval::State;
using eval::Value;

InputColumn InputColumn::booleans(std::string fact, const uint8_t* values, const uint8_t* present) {
    InputColumn c;
    c.fact = std::move(fact);
    c.kind = Kind::Bool;
    c.bools = values;
    c.present = present;
    return c;
}

InputColumn InputColumn::integers(std::string fact, const int64_t* values, const uint8_t* present) {
    InputColumn c;
    c.fact = std::move(fact);
    c.kind = Kind::Integer;
    c.int64s = values;
    c.present = present;
    return c;
}

InputColumn InputColumn::scaled(std::string fact, const int64_t* values, int scale, const uint8_t* present) {
    InputColumn c = integers(std::move(fact), values, present);
    c.kind = Kind::Scaled;
    c.scale = scale;
    return c;
}

InputColumn InputColumn::days(std::string fact, const int64_t* values, const uint8_t* present) {
    InputColumn c = integers(std::move(fact), values, present);
    c.kind = Kind::Days;
    return c;
}

InputColumn InputColumn::text(std::string fact, const std::string_view* values, const uint8_t* present) {
    InputColumn c;
    c.fact = std::move(fact);
    c.kind = Kind::Text;
    c.texts = values;
    c.present = present;
    return c;
}

InputColumn InputColumn::list(std::string fact, const int64_t* offsets, std::vector<InputColumn> fields,
                              const uint8_t* present) {
    InputColumn c;
    c.fact = std::move(fact);
    c.kind = Kind::List;
    c.offsets = offsets;
    c.fields = std::move(fields);
    c.present = present;
    return c;
}

InputColumn InputColumn::dictionary_coded(std::string fact, const int32_t* codes, std::vector<std::string> dictionary) {
    InputColumn c;
    c.fact = std::move(fact);
    c.kind = Kind::Dictionary;
    c.codes = codes;
    c.dictionary = std::move(dictionary);
    return c;
}

namespace {

constexpr size_t kChunk = 2048;        // rows converted and evaluated together by one thread
constexpr size_t kSpreadRows = 65536;  // fewer rows: the result's columns are sized on one thread
// With compiled code, a chunk's rows are converted and answered this many at a time: each row's
// facts are then gathered from the cache (134 facts x 128 rows of values: some 270 KB for Weld)
constexpr size_t kCompiledRows = 128;

const char* kind_name(InputColumn::Kind k) {
    switch (k) {
        case InputColumn::Kind::Bool: return "bool";
        case InputColumn::Kind::Integer: return "integer";
        case InputColumn::Kind::Scaled: return "scaled integer";
        case InputColumn::Kind::Days: return "days";
        case InputColumn::Kind::Text: return "text";
        case InputColumn::Kind::Dictionary: return "dictionary";
        case InputColumn::Kind::List: return "list";
    }
    return "?";
}

// One input column bound to its fact, or to a record field of a list fact's elements.
struct BoundColumn {
    const InputColumn* in = nullptr;  // null: an optional field left out (none)
    uint32_t fact = 0;
    check::TypeId type{};                    // of the fact or field
    const check::FactInfo* range = nullptr;  // the fact's bounds; null for a field
    TypeKind kind = TypeKind::Error;         // of the type, optional stripped
    bool optional = false;
    bool json = false;                // a list or record fact: JSON text
    bool arrow = false;               // a list fact: offsets and field columns
    std::string name;                 // a field's name
    std::vector<BoundColumn> fields;  // arrow: per field of the element record, or one for scalars
    int64_t scale_divisor = 1;
    // Dictionary: each spelling converted once
    std::vector<Value> entry_values;
    std::vector<std::string> entry_errors;  // "" when the spelling is valid
};

class Converter {
public:
    explicit Converter(const check::Model& m) : m_(m) {}

    bool in_range(const BoundColumn& c, const Value& v, std::string* message) const {
        return !c.range || eval::fact_value_in_range(*c.range, c.kind, v, message);
    }

    // A number of the fact's kind from an exact rational given in the fact's own unit (percent
    // in points); `places` is the number of decimals it was written with.
    bool number(const BoundColumn& c, util::Rational r, int places, Value* out, std::string* message) const {
        return eval::number_fact_value(c.kind, r, places, util::DecimalFault::None, {}, out, message);
    }

    // The value a text spells for a scalar fact.
    bool text(const BoundColumn& c, std::string_view s, Value* out, std::string* message) const {
        std::string quoted = eval::quote_input(s);
        switch (c.kind) {
            case TypeKind::Int:
            case TypeKind::Decimal:
            case TypeKind::Money:
            case TypeKind::Percent: {
                util::Rational r;
                int places = 0;
                if (!util::parse_decimal(s, &r, &places))
                    return *message = quoted + " is not a number that fits", false;
                if (c.kind == TypeKind::Int && s.find_first_of(".eE") != std::string_view::npos) {
                    return *message = quoted + " is not a whole number", false;
                }
                return eval::number_fact_value(c.kind, r, places, util::DecimalFault::None, quoted, out, message);
            }
            default: return eval::text_fact_value(m_, c.type, s, quoted, out, message);
        }
    }

    // Converts rows [first, first + n) of a scalar column into values and states. On a bad
    // value: false with the row and message.
    bool convert(const BoundColumn& c, size_t first, size_t n, Value* v, State* st, size_t* bad_row,
                 std::string* message) const {
        const InputColumn& in = *c.in;
        const State absent = c.optional ? State::None : State::Missing;
        // The rows of the column, with its kind's conversion `one(i, k)` (row i into v[k]: false for a
        // bad value; it may make the row absent) inlined in the loop: the kind's switch out of it
        // (most of a sample case's facts are absent, and the loop was a tenth of a compiled Weld row)
        auto each = [&](auto one) {
            const uint8_t* present = in.present;
            for (size_t k = 0; k < n; ++k) {
                size_t i = first + k;
                if (present && !present[i]) {
                    st[k] = absent;
                    continue;
                }
                st[k] = State::Ok;
                if (!one(i, k) || (st[k] == State::Ok && !in_range(c, v[k], message))) {
                    *bad_row = i;
                    return false;
                }
            }
            return true;
        };
        switch (in.kind) {
            case InputColumn::Kind::Bool:
                return each([&](size_t i, size_t k) {
                    uint8_t b = in.bools[i];
                    if (b > 1) {
                        *message = "a bool column holds " + std::to_string(b) + ", not 0 or 1";
                        return false;
                    }
                    v[k] = Value::of_bool(b != 0);
                    return true;
                });
            case InputColumn::Kind::Integer:
                if (c.kind == TypeKind::Int) {
                    return each([&](size_t i, size_t k) {
                        v[k] = Value::of_int(in.int64s[i]);
                        return true;
                    });
                }
                return each(
                    [&](size_t i, size_t k) { return number(c, util::Rational::of(in.int64s[i]), 0, &v[k], message); });
            case InputColumn::Kind::Scaled:
                return each([&](size_t i, size_t k) {
                    util::Rational r;
                    if (!util::Rational::make(in.int64s[i], c.scale_divisor, &r)) {
                        *message = "does not fit";
                        return false;
                    }
                    // the decimals it was written with: trailing zeros of the scaled integer do not count
                    int places = in.scale;
                    for (int64_t x = in.int64s[i]; places > 0 && x % 10 == 0; x /= 10) --places;
                    return number(c, r, places, &v[k], message);
                });
            case InputColumn::Kind::Days:
                return each([&](size_t i, size_t k) {
                    int64_t d = in.int64s[i];
                    if (d == INT64_MIN) {
                        st[k] = absent;
                        return true;
                    }
                    return eval::day_fact_value(d, &v[k], message);
                });
            case InputColumn::Kind::Text:
                return each([&](size_t i, size_t k) { return text(c, in.texts[i], &v[k], message); });
            case InputColumn::Kind::Dictionary:
                return each([&](size_t i, size_t k) {
                    int32_t code = in.codes[i];
                    if (code < 0) {
                        st[k] = absent;
                        return true;
                    }
                    if (static_cast<size_t>(code) >= c.entry_values.size()) {
                        *message = "code " + std::to_string(code) + " is past the end of the dictionary";
                        return false;
                    }
                    if (!c.entry_errors[static_cast<size_t>(code)].empty()) {
                        *message = c.entry_errors[static_cast<size_t>(code)];
                        return false;
                    }
                    v[k] = c.entry_values[static_cast<size_t>(code)];
                    return true;
                });
            case InputColumn::Kind::List:
                return each([&](size_t, size_t) {
                    *message = "a list column holds no scalar";
                    return false;
                });
        }
        return true;
    }

private:
    const check::Model& m_;
};

// What a period of parameter values needs: its program, the columnar plan and the decisions
// left to the on-demand evaluator.
struct PeriodPlan {
    const compile::Program* program = nullptr;
    std::vector<size_t> columnar;  // indices into the requested decisions
    std::vector<size_t> scalar;
    std::unique_ptr<eval::BatchPlan> batch;
    std::vector<uint32_t> batch_facts;  // the facts the columnar plan reads
    // Of all the requested decisions, which the JSON path evaluates under one budget: rows whose
    // lists it does not prove within the budget go row by row
    eval::StepBound steps;
};

// Whether the columnar kernels compute this root (all but `hit collect` tables, eval/batch.hpp).
bool columnar_root(const compile::Program& p, NodeId root) { return eval::BatchPlan(p, {root}).supported(); }

// A row's lists, nested ones included: how many elements in all, and the longest.
struct ListSizes {
    size_t elements = 0;
    size_t longest = 0;
    void add(size_t length) {
        elements += length;
        longest = std::max(longest, length);
    }
};

// A copy of `v`, of type `t`, whose lists and records are built in `arena`; its lists counted
// into `sizes`.
Value copy_value(const check::Model& m, check::TypeId t, const Value& v, eval::Arena& arena, ListSizes* sizes) {
    t = m.types.strip_optional(t);
    switch (m.types.kind(t)) {
        case TypeKind::List: {
            check::TypeId element = m.types.element(t);
            eval::Cell* items = arena.cells(v.list.size);
            sizes->add(v.list.size);
            for (uint32_t j = 0; j < v.list.size; ++j) {
                items[j].s = v.list.items[j].s;
                items[j].v = items[j].s == State::Ok ? copy_value(m, element, v.list.items[j].v, arena, sizes)
                                                     : v.list.items[j].v;
            }
            return Value::of_list(items, v.list.size);
        }
        case TypeKind::Record: {
            const auto& fields = m.records[m.types.get(t).ref].fields;
            eval::Cell* cells = arena.cells(fields.size());
            for (size_t k = 0; k < fields.size(); ++k) {
                cells[k].s = v.rec[k].s;
                cells[k].v =
                    cells[k].s == State::Ok ? copy_value(m, fields[k].type, v.rec[k].v, arena, sizes) : v.rec[k].v;
            }
            return Value::of_record(cells);
        }
        default: return v;
    }
}

class FrameRun {
public:
    FrameRun(const Ruleset& rs, size_t rows, const FrameOptions& options, FrameResult* result)
        : rs_(rs),
          impl_(rs.impl()),
          m_(*impl_.model),
          rows_(rows),
          options_(options),
          result_(result),
          converter_(m_),
          periods_(impl_.breaks.size()),
          period_once_(new std::once_flag[impl_.breaks.size()]) {}

    bool bind(const std::vector<InputColumn>& columns, InputError* error);
    bool bind_column(const InputColumn& in, check::TypeId type, BoundColumn* out, std::string* message);
    bool resolve_decisions(InputError* error);
    bool run(InputError* error);

private:
    // How many threads evaluate: the option's, at most one per chunk
    unsigned thread_count() const;
    struct Worker;
    const PeriodPlan& period(size_t p);
    void work(Worker& w);
    bool chunk(Worker& w, size_t first, size_t n);
    void evaluate_group(Worker& w, const PeriodPlan& plan, const std::vector<uint32_t>& rows, size_t first);
    // Whether row `k` of the chunk surely keeps within the evaluation budget: one compare with the
    // longest list, and for a row with longer lists the bound by each list fact's length
    bool within_budget(Worker& w, const PeriodPlan& plan, uint32_t k);
    bool decode_lists(Worker& w, size_t row, eval::CaseData* data);
    // The list facts of rows [first, first + n) into the worker's values, built in its arena.
    bool convert_lists(Worker& w, size_t first, size_t n);
    bool convert_arrow(Worker& w, const BoundColumn& c, size_t first, size_t n);
    void scalar_row(Worker& w, const PeriodPlan& plan, uint32_t k, size_t first, const std::vector<size_t>& decisions);
    // Row `k` of the chunk into w.row: its facts as one case.
    void gather_row(Worker& w, uint32_t k);
    // `decisions` (indices into decisions_) of the case in w.row with the on-demand evaluator.
    void interpret(Worker& w, const compile::Program& prog, size_t row, const std::vector<size_t>& decisions);
    // Rows [first, first + n) with the compiled code, completed by the interpreter.
    void compiled_rows(Worker& w, size_t first, size_t n);
    // `fault`: why an Error state failed (a parameter without a value leaves it unresolved)
    void write(Worker& w, size_t column, size_t row, const eval::Value& v, State s, eval::Fault fault);
    // The batch evaluator's results for `root` (rows[k] of the chunk from `first`) into a column
    void write_rows(Worker& w, size_t column, size_t first, const std::vector<uint32_t>& rows, size_t root);
    // The chunk's texts of the Json columns into chunk_json_ and their lengths into json_offsets;
    // join_json() puts them end to end once every chunk is done.
    void flush_json(Worker& w, size_t first, size_t n);
    void join_json();
    void fail(size_t row, const std::string& path, const std::string& message);
    void fail_at(size_t row, const std::string& path, const std::string& message);
    void fill_messages();

    const Ruleset& rs_;
    const Ruleset::Impl& impl_;
    const check::Model& m_;
    size_t rows_;
    const FrameOptions& options_;
    FrameResult* result_;
    Converter converter_;

    std::vector<BoundColumn> scalars_;         // scalar fact columns
    std::vector<BoundColumn> lists_;           // list and record fact columns (JSON text)
    std::vector<BoundColumn> arrow_;           // list fact columns (offsets and field columns)
    std::vector<const BoundColumn*> by_fact_;  // fact -> its column, or null
    bool as_of_fixed_ = false;
    util::Days as_of_ = 0;
    std::vector<int> decisions_;  // requested decision indices
    std::vector<uint32_t> decision_types_;
    std::vector<size_t> json_columns_;                  // the Json ones among the decisions
    std::vector<std::vector<std::string>> chunk_json_;  // per Json column, per chunk: its rows' texts

    std::vector<std::unique_ptr<PeriodPlan>> periods_;
    std::unique_ptr<std::once_flag[]> period_once_;

    std::atomic<size_t> next_chunk_{0};
    std::atomic<size_t> columnar_used_{0};
    std::atomic<size_t> budget_rows_{0};  // rows that went row by row for the evaluation budget
    std::mutex error_mutex_;
    std::atomic<size_t> error_row_{SIZE_MAX};
    InputError first_error_;
};

struct FrameRun::Worker {
    explicit Worker(const check::Model& m) : evaluator(m) {}
    std::vector<std::vector<Value>> values;  // per fact: the chunk's values
    std::vector<std::vector<State>> states;
    std::vector<std::vector<Value>> gathered_values;  // per fact: one period's rows
    std::vector<std::vector<State>> gathered_states;
    std::vector<eval::FactColumn> fact_columns;
    std::vector<std::vector<Value>> out_values;  // per columnar root
    std::vector<std::vector<State>> out_states;
    std::vector<std::vector<eval::Fault>> out_faults;
    std::vector<eval::RootColumn> roots;
    std::vector<uint32_t> row_period;
    std::vector<std::vector<uint32_t>> period_rows;
    std::map<const eval::BatchPlan*, std::unique_ptr<eval::BatchEvaluator>> batch;
    eval::Evaluator evaluator;
    eval::CaseData row;
    std::string json;
    std::vector<eval::InputError> json_errors;
    eval::Arena lists;                             // the chunk's lists and records
    eval::CaseData decoded;                        // a row's JSON list texts, decoded
    std::vector<std::vector<Value>> field_values;  // per field of a list column: the chunk's elements
    std::vector<std::vector<State>> field_states;
    std::vector<ListSizes> lists_of_row;  // per row of the chunk: its lists, nested ones included
    std::vector<uint32_t> short_rows, long_rows;
    std::vector<uint64_t> fact_lengths;  // per StepBound::facts(): a row's lengths
    std::vector<size_t> all_decisions;
    size_t first = 0;                                 // the chunk's first row
    std::vector<std::vector<std::string>> json_rows;  // per Json column: the chunk's rows' texts
    std::unique_ptr<CompiledRun> compiled;            // FrameOptions::compiled_code, with its context
    std::vector<size_t> interpreted;                  // a row's decisions the compiled code left
    // compiled_rows(): the facts' columns, the typed output columns per decision, and the columns
    // written from the code's results (JSON) or by the interpreter (decisions the code lacks)
    std::vector<const Value*> fact_values;
    std::vector<const State*> fact_states;
    std::vector<emit::COutput> outputs;
    std::vector<size_t> row_json, row_interpreted;
};

// Binds a column to a value of `type` (a fact's, or a list element's field): whether its kind
// can hold that type, and for a list column its offsets and field columns.
bool FrameRun::bind_column(const InputColumn& in, check::TypeId type, BoundColumn* out, std::string* message) {
    BoundColumn& c = *out;
    c.in = &in;
    c.type = type;
    c.kind = m_.types.kind(m_.types.strip_optional(type));
    c.optional = m_.types.is_optional(type);
    c.json = (c.kind == TypeKind::List || c.kind == TypeKind::Record) && in.kind != InputColumn::Kind::List;
    using K = InputColumn::Kind;
    bool numeric = c.kind == TypeKind::Decimal || c.kind == TypeKind::Money || c.kind == TypeKind::Percent;
    bool fits = false;
    switch (in.kind) {
        case K::Bool: fits = c.kind == TypeKind::Bool && in.bools; break;
        case K::Integer: fits = (c.kind == TypeKind::Int || numeric) && in.int64s; break;
        case K::Scaled: fits = numeric && in.int64s && in.scale >= 0 && in.scale <= 18; break;
        case K::Days: fits = c.kind == TypeKind::Date && in.int64s; break;
        case K::Text: fits = in.texts != nullptr && (c.range || !c.json); break;
        case K::Dictionary: fits = in.codes != nullptr && (c.range || !c.json); break;
        case K::List: fits = c.kind == TypeKind::List && in.offsets && c.range; break;
    }
    if (!fits) {
        *message = std::string("a ") + kind_name(in.kind) + " column cannot hold " + (c.range ? "fact `" : "field `") +
                   (c.range ? in.fact : c.name) + "` of type " + m_.type_name(type) +
                   (in.kind == K::Scaled && numeric ? " (scale must be 0..18)" : "") +
                   (in.kind == K::List && !in.offsets ? " (it has no offsets)" : "");
        return false;
    }
    for (int s = 0; s < in.scale && in.kind == K::Scaled; ++s) c.scale_divisor *= 10;
    if (in.kind == K::Dictionary && !c.json) {
        c.entry_values.resize(in.dictionary.size());
        c.entry_errors.resize(in.dictionary.size());
        for (size_t e = 0; e < in.dictionary.size(); ++e) {
            std::string m;
            if (!converter_.text(c, in.dictionary[e], &c.entry_values[e], &m)) c.entry_errors[e] = m;
        }
    }
    if (in.kind != K::List) return true;
    c.arrow = true;
    // the offsets once, for every row: from 0 up, never decreasing, no list too long
    if (in.offsets[0] < 0) return *message = "offsets[0] is negative", false;
    for (size_t i = 0; i < rows_; ++i) {
        int64_t length = in.offsets[i + 1] - in.offsets[i];
        if (length < 0)
            return *message = "offsets[" + std::to_string(i + 1) + "] is below offsets[" + std::to_string(i) + "]",
                   false;
        if (length > static_cast<int64_t>(eval::kMaxListLength)) {
            return *message = "row " + std::to_string(i) + " has " + std::to_string(length) +
                              " elements, more than a list may hold (" + std::to_string(eval::kMaxListLength) + ")",
                   false;
        }
    }
    check::TypeId element = m_.types.element(m_.types.strip_optional(type));
    std::vector<char> used(in.fields.size(), 0);
    auto field = [&](const std::string& name, check::TypeId t, const char* what) {
        BoundColumn f;
        f.fact = c.fact;
        f.name = name;
        for (size_t k = 0; k < in.fields.size(); ++k) {
            if (in.fields[k].fact != name) continue;
            if (used[k]) return *message = "two columns for " + std::string(what) + " `" + name + "`", false;
            used[k] = 1;
            if (!bind_column(in.fields[k], t, &f, message)) return false;
            if (f.json || f.arrow) return *message = "field `" + name + "` of a list column must be a scalar", false;
        }
        // a required field needs a column unless no row has an element
        bool elements = in.offsets[rows_] > in.offsets[0];
        if (!f.in && !m_.types.is_optional(t) && elements)
            return *message = "no column for " + std::string(what) + " `" + name + "`", false;
        if (!f.in) f.type = t, f.optional = true;
        c.fields.push_back(std::move(f));
        return true;
    };
    if (m_.types.kind(m_.types.strip_optional(element)) == TypeKind::Record) {
        for (const auto& rf : m_.records[m_.types.get(m_.types.strip_optional(element)).ref].fields) {
            if (!field(rf.name, rf.type, "field")) return false;
        }
    } else if (!field("", element, "the elements, named")) {
        return false;
    }
    for (size_t k = 0; k < in.fields.size(); ++k) {
        if (!used[k])
            return *message = "no field `" + in.fields[k].fact + "` in the elements of type " + m_.type_name(element),
                   false;
    }
    return true;
}

bool FrameRun::bind(const std::vector<InputColumn>& columns, InputError* error) {
    by_fact_.assign(m_.facts.size(), nullptr);
    std::vector<char> seen(m_.facts.size(), 0);
    std::vector<char> read;  // per fact: whether a requested decision reads it, once needed
    for (const InputColumn& in : columns) {
        int f = rs_.find_fact(in.fact);
        if (f < 0) {
            *error = InputError{in.fact, "no fact `" + in.fact + "` in ruleset " + m_.name};
            return false;
        }
        if (seen[static_cast<size_t>(f)]) {
            *error = InputError{in.fact, "two columns for fact `" + in.fact + "`"};
            return false;
        }
        seen[static_cast<size_t>(f)] = 1;
        if (f == 0 && !options_.as_of.empty()) continue;  // the batch's as_of overrides the column
        BoundColumn c;
        c.fact = static_cast<uint32_t>(f);
        c.range = &m_.facts[static_cast<size_t>(f)];
        std::string message;
        if (!bind_column(in, m_.facts[static_cast<size_t>(f)].type, &c, &message)) {
            *error = InputError{in.fact, message};
            return false;
        }
        if (c.json || c.arrow) {
            // a list or record no requested decision reads is left unread: histories cost more
            // to convert than every scalar fact together
            if (read.empty()) read = impl_.facts_read(decisions_);
            if (!read[c.fact]) continue;
        }
        if (c.arrow) {
            arrow_.push_back(std::move(c));
            continue;
        }
        (c.json ? lists_ : scalars_).push_back(std::move(c));
    }
    // a row's list facts are written as one JSON object: paths sharing a group must be adjacent,
    // as they are in sorted order
    std::sort(lists_.begin(), lists_.end(), [&](const BoundColumn& a, const BoundColumn& b) {
        return m_.facts[a.fact].path < m_.facts[b.fact].path;
    });
    for (const auto& c : scalars_) by_fact_[c.fact] = &c;
    for (const auto& c : lists_) by_fact_[c.fact] = &c;
    for (const auto& c : arrow_) by_fact_[c.fact] = &c;
    if (!options_.as_of.empty()) {
        if (!util::parse_iso_date(options_.as_of, &as_of_)) {
            *error = InputError{"as_of", "`" + options_.as_of + "` is not a date YYYY-MM-DD between 1800 and 2299"};
            return false;
        }
        as_of_fixed_ = true;
    } else if (!by_fact_[0]) {
        *error = InputError{"as_of", "no `as_of` column and no as_of for the batch: the day the decisions are for"};
        return false;
    }
    return true;
}

unsigned FrameRun::thread_count() const {
    unsigned threads = options_.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : options_.threads;
    size_t chunks = (rows_ + kChunk - 1) / kChunk;
    return static_cast<unsigned>(std::min<size_t>(threads, std::max<size_t>(chunks, 1)));
}

// Runs the jobs on `threads` threads (the calling one among them); the first exception a job
// throws (std::bad_alloc) is thrown here once all have stopped.
void run_spread(std::vector<std::function<void()>>& jobs, unsigned threads) {
    std::atomic<size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto take = [&] {
        for (size_t i; (i = next.fetch_add(1)) < jobs.size();) {
            try {
                jobs[i]();
            } catch (...) {
                std::lock_guard<std::mutex> lock(failure_mutex);
                if (!failure) failure = std::current_exception();
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads && t < jobs.size(); ++t) pool.emplace_back(take);
    take();
    for (auto& th : pool) th.join();
    if (failure) std::rethrow_exception(failure);
}

bool FrameRun::resolve_decisions(InputError* error) {
    if (options_.decisions.empty()) {
        for (size_t d = 0; d < impl_.decisions.size(); ++d) decisions_.push_back(static_cast<int>(d));
    } else {
        for (const std::string& name : options_.decisions) {
            int d = rs_.find_decision(name);
            if (d < 0) {
                *error = InputError{name, "no decision `" + name + "` in ruleset " + m_.name};
                return false;
            }
            decisions_.push_back(d);
        }
    }
    if (const auto& code = options_.compiled_code) {
        if (&code->ruleset() != &rs_) {
            *error = InputError{"compiled_code", "the compiled code was built for another Ruleset (" +
                                                     code->ruleset().name() + "), not for this one (" + m_.name + ")"};
            return false;
        }
        std::vector<char> left(impl_.decisions.size(), 0);
        for (const auto& nc : code->not_compiled()) {
            int d = rs_.find_decision(nc.first);
            if (d >= 0) left[static_cast<size_t>(d)] = 1;
        }
        result_->compiled_decisions = 0;
        for (int d : decisions_) result_->compiled_decisions += !left[static_cast<size_t>(d)];
    }
    result_->rows = rows_;
    result_->columns.clear();
    result_->columns.resize(decisions_.size());
    // The columns are sized (and their pages first touched) by as many threads as will evaluate:
    // a million rows of Weld's decisions are some 900 MB, and zeroing them on the calling thread
    // alone held two threads to 1.45x one.
    std::vector<std::function<void()>> fills;
    const size_t n = rows_;
    for (size_t k = 0; k < decisions_.size(); ++k) {
        size_t d = static_cast<size_t>(decisions_[k]);
        uint32_t rule = impl_.decision_rules[d];
        check::TypeId type = m_.rules[rule].type;
        check::TypeId bare = m_.types.strip_optional(type);
        decision_types_.push_back(type);
        OutputColumn& col = result_->columns[k];
        col.decision = impl_.decisions[d].name;
        col.type_name = impl_.decisions[d].type;
        fills.push_back([&col, n] { col.states.assign(n, RowState::Unresolved); });
        const syntax::Decl& decl = *m_.rules[rule].origin.decl;
        if (decl.has_forever_as) col.forever_as = decl.forever_as;
        switch (m_.types.kind(bare)) {
            case TypeKind::Bool:
                col.type = OutputColumn::Type::Bool;
                fills.push_back([&col, n] { col.bools.assign(n, 0); });
                break;
            case TypeKind::Int:
                col.type = OutputColumn::Type::Integer;
                fills.push_back([&col, n] { col.int64s.assign(n, 0); });
                break;
            case TypeKind::Date:
                col.type = OutputColumn::Type::Date;
                fills.push_back([&col, n] { col.int32s.assign(n, 0); });
                break;
            case TypeKind::Enum:
                col.type = OutputColumn::Type::Enum;
                fills.push_back([&col, n] { col.int32s.assign(n, 0); });
                col.enum_values = m_.enums[m_.types.get(bare).ref].values;
                break;
            case TypeKind::Money:
                col.type = OutputColumn::Type::Money;
                col.money = true;
                fills.push_back([&col, n] { col.int64s.assign(n, 0); });
                break;
            case TypeKind::Decimal:
            case TypeKind::Percent:
                col.type = OutputColumn::Type::Number;
                col.money = m_.types.kind(bare) == TypeKind::Money;
                col.percent = m_.types.kind(bare) == TypeKind::Percent;
                fills.push_back([&col, n] { col.numerators.assign(n, 0); });
                fills.push_back([&col, n] { col.denominators.assign(n, 1); });
                break;
            default:
                col.type = OutputColumn::Type::Json;
                fills.push_back([&col, n] { col.json_offsets.assign(n + 1, 0); });
                json_columns_.push_back(k);
                break;
        }
        if (options_.messages) fills.push_back([&col, n] { col.messages.assign(n, std::string()); });
    }
    run_spread(fills, n < kSpreadRows ? 1 : thread_count());
    chunk_json_.resize(decisions_.size());
    for (size_t k : json_columns_) chunk_json_[k].resize((rows_ + kChunk - 1) / kChunk);
    return true;
}

const PeriodPlan& FrameRun::period(size_t p) {
    std::call_once(period_once_[p], [&] {
        auto plan = std::make_unique<PeriodPlan>();
        plan->program = &impl_.program(p);
        const compile::Program& prog = *plan->program;
        std::vector<NodeId> roots, all_roots;
        for (size_t k = 0; k < decisions_.size(); ++k) {
            NodeId root = prog.rule_nodes[impl_.decision_rules[static_cast<size_t>(decisions_[k])]];
            all_roots.push_back(root);
            if (columnar_root(prog, root)) {
                plan->columnar.push_back(k);
                roots.push_back(root);
            } else {
                plan->scalar.push_back(k);
            }
        }
        if (!roots.empty()) {
            plan->batch = std::make_unique<eval::BatchPlan>(prog, roots);
            for (NodeId x : plan->batch->order()) {
                if (prog.nodes[x].op == compile::Op::Fact) plan->batch_facts.push_back(prog.nodes[x].aux);
            }
        }
        plan->steps = eval::step_bound(prog, all_roots);
        periods_[p] = std::move(plan);
    });
    return *periods_[p];
}

void FrameRun::fail(size_t row, const std::string& path, const std::string& message) {
    fail_at(row, path + "[" + std::to_string(row) + "]", message);
}

void FrameRun::fail_at(size_t row, const std::string& path, const std::string& message) {
    std::lock_guard<std::mutex> lock(error_mutex_);
    if (row >= error_row_.load()) return;
    error_row_.store(row);
    first_error_ = InputError{path, message};
}

bool FrameRun::convert_lists(Worker& w, size_t first, size_t n) {
    w.lists.reset();
    w.lists_of_row.assign(n, ListSizes{});
    for (const BoundColumn& c : arrow_) {
        if (!convert_arrow(w, c, first, n)) return false;
    }
    if (lists_.empty()) return true;
    for (size_t k = 0; k < n; ++k) {
        if (!decode_lists(w, first + k, &w.decoded)) return false;
        for (const BoundColumn& c : lists_) {
            State s = w.decoded.states[c.fact];
            w.states[c.fact][k] = s;
            if (s != State::Ok) continue;
            const Value& v = w.decoded.values[c.fact];
            w.values[c.fact][k] = copy_value(m_, c.type, v, w.lists, &w.lists_of_row[k]);
        }
    }
    return true;
}

// A list column's rows: each field column's elements converted once for the chunk, then each
// row's cells (and records) built over them.
bool FrameRun::convert_arrow(Worker& w, const BoundColumn& c, size_t first, size_t n) {
    const InputColumn& in = *c.in;
    const int64_t* offsets = in.offsets;
    const size_t begin = static_cast<size_t>(offsets[first]), count = static_cast<size_t>(offsets[first + n]) - begin;
    const size_t fields = c.fields.size();
    w.field_values.resize(std::max(w.field_values.size(), fields));
    w.field_states.resize(std::max(w.field_states.size(), fields));
    auto row_of = [&](size_t element) {
        return static_cast<size_t>(
                   std::upper_bound(offsets + first, offsets + first + n + 1, static_cast<int64_t>(element)) -
                   offsets) -
               1;
    };
    auto where = [&](size_t row, size_t element, const BoundColumn& f) {
        std::string path = in.fact + "[" + std::to_string(row) + "][" +
                           std::to_string(element - static_cast<size_t>(offsets[row])) + "]";
        return f.name.empty() ? path : path + "." + f.name;
    };
    for (size_t k = 0; k < fields; ++k) {
        const BoundColumn& f = c.fields[k];
        auto& values = w.field_values[k];
        auto& states = w.field_states[k];
        if (values.size() < count) {
            values.resize(count);
            states.resize(count);
        }
        if (!f.in) {
            std::fill(states.begin(), states.begin() + static_cast<long>(count), State::None);
            continue;
        }
        size_t bad = 0;
        std::string message;
        if (!converter_.convert(f, begin, count, values.data(), states.data(), &bad, &message)) {
            size_t row = row_of(bad);
            fail_at(row, where(row, bad, f), message);
            return false;
        }
    }
    const check::TypeId element_type = m_.types.strip_optional(m_.types.element(m_.types.strip_optional(c.type)));
    const bool record = m_.types.kind(element_type) == TypeKind::Record;
    for (size_t k = 0; k < n; ++k) {
        size_t row = first + k;
        if (in.present && !in.present[row]) {
            w.states[c.fact][k] = c.optional ? State::None : State::Missing;
            continue;
        }
        size_t at = static_cast<size_t>(offsets[row]) - begin,
               length = static_cast<size_t>(offsets[row + 1] - offsets[row]);
        eval::Cell* items = w.lists.cells(length);
        for (size_t j = 0; j < length; ++j) {
            size_t e = at + j;
            eval::Cell* cells = record ? w.lists.cells(fields) : &items[j];
            for (size_t f = 0; f < fields; ++f) {
                State s = w.field_states[f][e];
                if (s == State::Missing) {
                    const BoundColumn& field = c.fields[f];
                    fail_at(row, where(row, begin + e, field),
                            field.name.empty() ? "no value, and the list's elements are not optional"
                                               : "missing required field `" + field.name + "`");
                    return false;
                }
                cells[f].v = w.field_values[f][e];
                cells[f].s = s;
            }
            if (record) items[j].v = Value::of_record(cells);
        }
        w.values[c.fact][k] = Value::of_list(items, static_cast<uint32_t>(length));
        w.states[c.fact][k] = State::Ok;
        w.lists_of_row[k].add(length);  // the elements are scalars or records of scalars
    }
    return true;
}

void FrameRun::write_rows(Worker& w, size_t column, size_t first, const std::vector<uint32_t>& rows, size_t root) {
    // the common columns with their type's store hoisted out of the loop over the rows: a value
    // stored for each Ok row (a failed one is written by write())
    OutputColumn& col = result_->columns[column];
    const Value* values = w.out_values[root].data();
    const State* states = w.out_states[root].data();
    const eval::Fault* faults = w.out_faults[root].data();
    auto each = [&](auto store) {
        for (size_t k = 0; k < rows.size(); ++k) {
            size_t row = first + rows[k];
            if (states[k] == State::Ok) {
                col.states[row] = RowState::Ok;
                store(row, values[k]);
            } else {
                write(w, column, row, values[k], states[k], faults[k]);
            }
        }
    };
    switch (col.type) {
        case OutputColumn::Type::Bool: each([&](size_t row, const Value& v) { col.bools[row] = v.b; }); return;
        case OutputColumn::Type::Integer: each([&](size_t row, const Value& v) { col.int64s[row] = v.i; }); return;
        case OutputColumn::Type::Enum:
            each([&](size_t row, const Value& v) { col.int32s[row] = static_cast<int32_t>(v.e); });
            return;
        case OutputColumn::Type::Date: each([&](size_t row, const Value& v) { col.int32s[row] = v.d; }); return;
        case OutputColumn::Type::Number:
            each([&](size_t row, const Value& v) {
                col.numerators[row] = v.r.num;
                col.denominators[row] = v.r.den;
            });
            return;
        default:
            for (size_t k = 0; k < rows.size(); ++k) write(w, column, first + rows[k], values[k], states[k], faults[k]);
            return;
    }
}

// Row `row` of a column from an Ok value (FrameRun::write's store, inline where the compiled code's
// results are written): its state and, but for a JSON column, its value; false for a JSON column,
// whose text write() then writes.
inline bool store_ok(OutputColumn& col, size_t row, const Value& v) {
    col.states[row] = RowState::Ok;
    switch (col.type) {
        case OutputColumn::Type::Bool: col.bools[row] = v.b; return true;
        case OutputColumn::Type::Integer: col.int64s[row] = v.i; return true;
        case OutputColumn::Type::Enum: col.int32s[row] = static_cast<int32_t>(v.e); return true;
        case OutputColumn::Type::Date: col.int32s[row] = v.d; return true;
        case OutputColumn::Type::Money:
            // whole cents: the checker rejects a money decision that may not be (LANGUAGE.md §4); an
            // amount of more cents than an int64 holds (about $92 quadrillion) is an error too
            if (100 % v.r.den != 0 || __builtin_mul_overflow(v.r.num, 100 / v.r.den, &col.int64s[row]))
                col.states[row] = RowState::Error;
            return true;
        case OutputColumn::Type::Number:
            col.numerators[row] = v.r.num;
            col.denominators[row] = v.r.den;
            return true;
        case OutputColumn::Type::Json: return false;
    }
    return false;
}

void FrameRun::write(Worker& w, size_t column, size_t row, const Value& v, State s, eval::Fault fault) {
    OutputColumn& col = result_->columns[column];
    switch (s) {
        case State::Ok:
            if (store_ok(col, row, v)) return;
            break;
        case State::None: col.states[row] = RowState::Absent; return;
        case State::Missing: col.states[row] = RowState::Unresolved; return;
        case State::Error:
            col.states[row] = fault == eval::Fault::UndefinedParameter ? RowState::Unresolved : RowState::Error;
            return;
    }
    eval::write_value(m_, decision_types_[column], v, s, &w.json_rows[column][row - w.first], col.forever_as.c_str());
}

// The JSON case holding a row's list facts, decoded by the JSON reader into `data`, which then
// has every other fact missing or none; false (and the first error recorded) when a text is bad.
bool FrameRun::decode_lists(Worker& w, size_t row, eval::CaseData* data) {
    std::string& j = w.json;
    j = "{";
    std::vector<std::string> open;  // the groups of the previous path
    for (const BoundColumn& c : lists_) {
        const InputColumn& in = *c.in;
        std::string_view text;
        if (in.kind == InputColumn::Kind::Dictionary) {
            int32_t code = in.codes[row];
            if (code < 0) continue;
            if (static_cast<size_t>(code) >= in.dictionary.size()) {
                fail(row, in.fact, "code " + std::to_string(code) + " is past the end of the dictionary");
                return false;
            }
            text = in.dictionary[static_cast<size_t>(code)];
        } else {
            if (in.present && !in.present[row]) continue;
            text = in.texts[row];
        }
        // Each text is spliced into one object: a text that is not one whole JSON value would
        // reach into the keys around it (`[]}, "caretaker": {"age": 5`) or be misreported.
        if (!nlohmann::json::accept(text.begin(), text.end())) {
            fail(row, in.fact, "not one JSON value (a list fact's column holds JSON array texts)");
            return false;
        }
        const auto& segs = m_.facts[c.fact].segments;
        size_t common = 0;
        while (common < open.size() && common + 1 < segs.size() && open[common] == segs[common]) ++common;
        for (size_t k = open.size(); k > common; --k) j += '}';
        open.resize(common);
        if (j.size() > 1 && j.back() != '{') j += ',';
        for (size_t k = common; k + 1 < segs.size(); ++k) {
            util::write_string(segs[k], &j);
            j += ":{";
            open.push_back(segs[k]);
        }
        util::write_string(segs.back(), &j);
        j += ':';
        j.append(text.data(), text.size());
    }
    for (size_t k = open.size(); k > 0; --k) j += '}';
    j += '}';
    w.json_errors.clear();
    util::Days day = 0;  // replaced by the row's as_of afterwards
    if (!impl_.decoder->decode(j, data, &w.json_errors, &day)) {
        const eval::InputError& e = w.json_errors.empty() ? eval::InputError{"$", "invalid JSON"} : w.json_errors[0];
        // "$.history.diversion_payments[0].amount" -> the column and the place inside its text
        std::string column, inner = e.path;
        for (const BoundColumn& c : lists_) {
            std::string prefix = "$." + m_.facts[c.fact].path;
            if (e.path.compare(0, prefix.size(), prefix) == 0) {
                column = m_.facts[c.fact].path;
                inner = "$" + e.path.substr(prefix.size());
            }
        }
        if (column.empty()) column = lists_.size() == 1 ? m_.facts[lists_[0].fact].path : "(list columns)";
        fail(row, column, inner + ": " + e.message);
        return false;
    }
    return true;
}

// Rows [first, first + n): convert, then evaluate per period.
bool FrameRun::chunk(Worker& w, size_t first, size_t n) {
    size_t facts = m_.facts.size();
    w.values.resize(facts);
    w.states.resize(facts);
    w.first = first;
    w.json_rows.resize(decisions_.size());
    for (size_t c : json_columns_) {
        w.json_rows[c].resize(kChunk);
        for (size_t k = 0; k < n; ++k) w.json_rows[c][k].clear();
    }
    for (size_t f = 0; f < facts; ++f) {
        if (w.values[f].size() < n) {
            w.values[f].resize(kChunk);
            w.states[f].resize(kChunk);
        }
        if (!by_fact_[f] || by_fact_[f]->json || by_fact_[f]->arrow) {
            State absent = m_.types.is_optional(m_.facts[f].type) ? State::None : State::Missing;
            std::fill(w.states[f].begin(), w.states[f].begin() + static_cast<long>(n), absent);
        }
    }
    for (const BoundColumn& c : scalars_) {
        size_t bad = 0;
        std::string message;
        if (!converter_.convert(c, first, n, w.values[c.fact].data(), w.states[c.fact].data(), &bad, &message)) {
            fail(bad, c.in->fact, message);
            return false;
        }
    }
    if (!convert_lists(w, first, n)) return false;
    if (as_of_fixed_) {
        std::fill(w.values[0].begin(), w.values[0].begin() + static_cast<long>(n), Value::of_date(as_of_));
        std::fill(w.states[0].begin(), w.states[0].begin() + static_cast<long>(n), State::Ok);
    }
    for (size_t k = 0; k < n; ++k) {
        if (w.states[0][k] != State::Ok) {
            fail(first + k, "as_of", "no as_of: the day the decisions are for");
            return false;
        }
    }
    if (w.compiled) {
        compiled_rows(w, first, n);
        flush_json(w, first, n);
        return true;
    }
    // group the rows by period
    w.row_period.resize(n);
    w.period_rows.resize(periods_.size());
    for (auto& r : w.period_rows) r.clear();
    for (size_t k = 0; k < n; ++k) {
        size_t p = impl_.period_of(w.values[0][k].d);
        w.period_rows[p].push_back(static_cast<uint32_t>(k));
    }
    for (size_t p = 0; p < periods_.size(); ++p) {
        if (w.period_rows[p].empty()) continue;
        if (error_row_.load() < first) return false;  // an earlier row failed: stop evaluating
        evaluate_group(w, period(p), w.period_rows[p], first);
    }
    flush_json(w, first, n);
    return true;
}

void FrameRun::flush_json(Worker& w, size_t first, size_t n) {
    for (size_t c : json_columns_) {
        std::string& text = chunk_json_[c][first / kChunk];
        OutputColumn& col = result_->columns[c];
        for (size_t k = 0; k < n; ++k) {
            text += w.json_rows[c][k];
            col.json_offsets[first + k + 1] = static_cast<int64_t>(w.json_rows[c][k].size());
        }
    }
}

void FrameRun::join_json() {
    for (size_t c : json_columns_) {
        OutputColumn& col = result_->columns[c];
        for (size_t row = 0; row < rows_; ++row) col.json_offsets[row + 1] += col.json_offsets[row];
        col.json_text.reserve(static_cast<size_t>(col.json_offsets[rows_]));
        for (std::string& text : chunk_json_[c]) {
            col.json_text += text;
            std::string().swap(text);
        }
    }
}

bool FrameRun::within_budget(Worker& w, const PeriodPlan& plan, uint32_t k) {
    const eval::StepBound& bound = plan.steps;
    size_t longest = w.lists_of_row[k].longest;
    if (bound.within(longest)) return true;
    w.fact_lengths.resize(bound.facts().size());
    for (size_t i = 0; i < bound.facts().size(); ++i) {
        uint32_t f = bound.facts()[i];
        w.fact_lengths[i] = w.states[f][k] == State::Ok ? w.values[f][k].list.size : 0;
    }
    return bound.within(longest, w.fact_lengths);
}

void FrameRun::evaluate_group(Worker& w, const PeriodPlan& plan, const std::vector<uint32_t>& group, size_t first) {
    // rows whose lists could take the evaluation past its budget go row by row, where the budget
    // is counted: those with many elements, or lists long enough for nested aggregates
    const std::vector<uint32_t>* batch_rows = &group;
    w.long_rows.clear();
    if (!plan.steps.within(0)) {
        w.long_rows = group;  // the program's own lists are too long
        w.short_rows.clear();
        batch_rows = &w.short_rows;
    } else if (!arrow_.empty() || !lists_.empty()) {
        w.short_rows.clear();
        for (uint32_t k : group) {
            bool budget_counted = w.lists_of_row[k].elements > kColumnarElements || !within_budget(w, plan, k);
            (budget_counted ? w.long_rows : w.short_rows).push_back(k);
        }
        batch_rows = &w.short_rows;
    }
    budget_rows_ += w.long_rows.size();
    const std::vector<uint32_t>& rows = *batch_rows;
    size_t n = rows.size();
    if (plan.batch && n > 0) {
        // the facts of these rows, contiguous
        bool all = n == rows.back() + 1u;  // the rows are 0..n-1: no gathering
        w.fact_columns.assign(m_.facts.size(), eval::FactColumn{});
        if (!all) {
            w.gathered_values.resize(m_.facts.size());
            w.gathered_states.resize(m_.facts.size());
        }
        for (uint32_t f : plan.batch_facts) {
            if (all) {
                w.fact_columns[f] = eval::FactColumn{w.values[f].data(), w.states[f].data()};
                continue;
            }
            auto& gv = w.gathered_values[f];
            auto& gs = w.gathered_states[f];
            gv.resize(n);
            gs.resize(n);
            for (size_t k = 0; k < n; ++k) {
                gv[k] = w.values[f][rows[k]];
                gs[k] = w.states[f][rows[k]];
            }
            w.fact_columns[f] = eval::FactColumn{gv.data(), gs.data()};
        }
        size_t roots = plan.columnar.size();
        w.out_values.resize(std::max(w.out_values.size(), roots));
        w.out_states.resize(std::max(w.out_states.size(), roots));
        w.out_faults.resize(std::max(w.out_faults.size(), roots));
        w.roots.clear();
        for (size_t r = 0; r < roots; ++r) {
            if (w.out_values[r].size() < n) {
                w.out_values[r].resize(kChunk);
                w.out_states[r].resize(kChunk);
                w.out_faults[r].resize(kChunk);
            }
            w.roots.push_back(eval::RootColumn{w.out_values[r].data(), w.out_states[r].data(), w.out_faults[r].data()});
        }
        auto& ev = w.batch[plan.batch.get()];
        if (!ev) ev = std::make_unique<eval::BatchEvaluator>(m_);
        ev->run(*plan.batch, n, w.fact_columns.data(), w.roots.data());
        for (size_t r = 0; r < roots; ++r) write_rows(w, plan.columnar[r], first, rows, r);
    }
    if (!plan.scalar.empty()) {
        for (uint32_t k : rows) scalar_row(w, plan, k, first, plan.scalar);
    }
    if (!w.long_rows.empty()) {
        w.all_decisions.resize(decisions_.size());
        for (size_t d = 0; d < decisions_.size(); ++d) w.all_decisions[d] = d;
        for (uint32_t k : w.long_rows) scalar_row(w, plan, k, first, w.all_decisions);
    }
}

// Row `k` of the chunk with the on-demand evaluator, for `decisions` (indices into decisions_).
void FrameRun::scalar_row(Worker& w, const PeriodPlan& plan, uint32_t k, size_t first,
                          const std::vector<size_t>& decisions) {
    gather_row(w, k);
    interpret(w, *plan.program, first + k, decisions);
}

void FrameRun::gather_row(Worker& w, uint32_t k) {
    eval::CaseData& data = w.row;
    const size_t facts = m_.facts.size();
    // every fact is overwritten: no reset, and the lists stay in the chunk's arena
    data.values.resize(facts);
    data.states.resize(facts);
    for (size_t f = 0; f < facts; ++f) {
        data.values[f] = w.values[f][k];
        data.states[f] = w.states[f][k];
    }
}

void FrameRun::interpret(Worker& w, const compile::Program& prog, size_t row, const std::vector<size_t>& decisions) {
    w.evaluator.begin(prog, w.row, false);
    for (size_t c : decisions) {
        NodeId root = prog.rule_nodes[impl_.decision_rules[static_cast<size_t>(decisions_[c])]];
        const eval::Slot& s = w.evaluator.force(root);
        write(w, c, row, s.v, s.s, s.s == State::Error ? w.evaluator.errors()[s.error].fault : eval::Fault::None);
    }
}

void FrameRun::compiled_rows(Worker& w, size_t first, size_t n) {
    CompiledRun& code = *w.compiled;
    OutputColumn* columns = result_->columns.data();
    const size_t count = decisions_.size();
    // The code reads the converted facts where they are and writes each decision of a typed column
    // into it (tenet_row_values); this part's row k is row first + k of those columns. The rest of
    // the requested decisions: JSON columns, written here from the code's results, and decisions
    // it does not compute, left to the interpreter.
    const size_t facts = m_.facts.size();
    w.fact_values.resize(facts);
    w.fact_states.resize(facts);
    for (size_t f = 0; f < facts; ++f) {
        w.fact_values[f] = w.values[f].data();
        w.fact_states[f] = w.states[f].data();
    }
    w.outputs.assign(impl_.decisions.size() + 1, emit::COutput{});
    w.row_json.clear();
    w.row_interpreted.clear();
    for (size_t c = 0; c < count; ++c) {
        size_t d = static_cast<size_t>(decisions_[c]);
        OutputColumn& col = columns[c];
        if (!code.computes(d)) {
            w.row_interpreted.push_back(c);
            continue;
        }
        emit::COutput& out = w.outputs[d];
        switch (col.type) {
            case OutputColumn::Type::Json: w.row_json.push_back(c); continue;
            case OutputColumn::Type::Bool: out.bools = col.bools.data() + first; break;
            case OutputColumn::Type::Integer:
            case OutputColumn::Type::Money: out.int64s = col.int64s.data() + first; break;
            case OutputColumn::Type::Date:
            case OutputColumn::Type::Enum: out.int32s = col.int32s.data() + first; break;
            case OutputColumn::Type::Number:
                out.numerators = col.numerators.data() + first;
                out.denominators = col.denominators.data() + first;
                break;
        }
        static_assert(sizeof(RowState) == 1, "a state is the byte the generated code writes");
        out.states = reinterpret_cast<uint8_t*>(col.states.data() + first);
    }
    for (uint32_t k = 0; k < n; ++k) {
        const size_t row = first + k;
        if (code.run_row(w.fact_values.data(), w.fact_states.data(), k, w.outputs.data()) == 0) {
            for (size_t c : w.row_json) {
                size_t d = static_cast<size_t>(decisions_[c]);
                State s = code.state(d);
                write(w, c, row, code.value(d), s, s == State::Error ? code.fault(d) : eval::Fault::None);
            }
            if (!w.row_interpreted.empty()) {
                gather_row(w, k);
                interpret(w, impl_.program(impl_.period_of(w.row.values[0].d)), row, w.row_interpreted);
            }
            continue;
        }
        // a row the code leaves to the interpreter as a whole, or in part (its decisions one by one)
        gather_row(w, k);
        code.run(w.row);
        w.interpreted.clear();
        for (size_t c = 0; c < count; ++c) {
            size_t d = static_cast<size_t>(decisions_[c]);
            // an unresolved or failed state is the interpreter's too; with messages,
            // fill_messages() words it afterwards, as for the columnar kernels
            if (code.left_to_interpreter(d)) {
                w.interpreted.push_back(c);
                continue;
            }
            State s = code.state(d);
            if (s == State::Ok && store_ok(columns[c], row, code.value(d))) continue;
            write(w, c, row, code.value(d), s, s == State::Error ? code.fault(d) : eval::Fault::None);
        }
        if (!w.interpreted.empty()) interpret(w, impl_.program(impl_.period_of(w.row.values[0].d)), row, w.interpreted);
    }
}

void FrameRun::work(Worker& w) {
    for (;;) {
        size_t c = next_chunk_.fetch_add(1);
        size_t first = c * kChunk;
        if (first >= rows_ || first > error_row_.load()) return;
        size_t n = std::min(kChunk, rows_ - first);
        if (!w.compiled) {
            chunk(w, first, n);
            continue;
        }
        // in order: each part's JSON texts go after the previous part's in the chunk's buffer
        for (size_t part = 0; part < n; part += kCompiledRows) {
            if (!chunk(w, first + part, std::min(kCompiledRows, n - part))) break;
        }
    }
}

bool FrameRun::run(InputError* error) {
    unsigned threads = thread_count();
    // the on-demand evaluator recurses along rule chains: workers get the stack it is checked against
    std::vector<std::unique_ptr<Worker>> workers;
    for (unsigned t = 0; t < threads; ++t) {
        workers.push_back(std::make_unique<Worker>(m_));
        if (!options_.compiled_code) continue;
        workers.back()->compiled = std::make_unique<CompiledRun>(options_.compiled_code);
        if (!workers.back()->compiled->usable()) workers.back()->compiled.reset();  // the interpreter, then
    }
    if (threads <= 1) {
        util::run_with_large_stack([&] { work(*workers[0]); });
    } else {
        std::vector<std::thread> pool;
        for (unsigned t = 0; t < threads; ++t) {
            pool.emplace_back([&, t] { util::run_with_large_stack([&] { work(*workers[t]); }); });
        }
        for (auto& th : pool) th.join();
    }
    if (error_row_.load() != SIZE_MAX) {
        *error = first_error_;
        return false;
    }
    size_t columnar = 0;
    for (size_t p = 0; p < periods_.size(); ++p) {
        if (periods_[p]) columnar = std::max(columnar, periods_[p]->columnar.size());
    }
    result_->columnar_decisions = columnar;
    result_->budget_rows = budget_rows_.load();
    join_json();
    if (options_.messages) fill_messages();
    return true;
}

void FrameRun::fill_messages() {
    // rows with an unresolved or failed decision, evaluated again on demand for their reasons
    Worker w(m_);
    util::run_with_large_stack([&] {
        for (size_t row = 0; row < rows_; ++row) {
            bool any = false;
            for (const auto& col : result_->columns) {
                if (col.states[row] == RowState::Unresolved || col.states[row] == RowState::Error) any = true;
            }
            if (!any) continue;
            size_t facts = m_.facts.size();
            w.values.resize(facts);
            w.states.resize(facts);
            for (size_t f = 0; f < facts; ++f) {
                w.values[f].resize(1);
                w.states[f].assign(1, m_.types.is_optional(m_.facts[f].type) ? State::None : State::Missing);
            }
            size_t bad = 0;
            std::string message;
            for (const BoundColumn& c : scalars_)
                converter_.convert(c, row, 1, w.values[c.fact].data(), w.states[c.fact].data(), &bad, &message);
            if (as_of_fixed_) {
                w.values[0][0] = Value::of_date(as_of_);
                w.states[0][0] = State::Ok;
            }
            convert_lists(w, row, 1);
            gather_row(w, 0);
            const eval::CaseData& data = w.row;
            const compile::Program& prog = impl_.program(impl_.period_of(data.values[0].d));
            w.evaluator.begin(prog, data, false);
            for (size_t k = 0; k < decisions_.size(); ++k) {
                OutputColumn& col = result_->columns[k];
                if (col.states[row] != RowState::Unresolved && col.states[row] != RowState::Error) continue;
                NodeId root = prog.rule_nodes[impl_.decision_rules[static_cast<size_t>(decisions_[k])]];
                w.evaluator.force(root);
                Outcome o;
                outcome_of(m_, prog, w.evaluator, root, data.values[0].d, &o);
                // a value the column could not hold (more cents than an int64) failed only here
                col.messages[row] = o.kind == Outcome::Kind::Ok ? "the amount is too large for the column's int64 cents"
                                                                : outcome_text(m_, o);
            }
        }
    });
}

}  // namespace

bool evaluate_columns(const Ruleset& ruleset, size_t rows, const std::vector<InputColumn>& columns,
                      const FrameOptions& options, FrameResult* result, InputError* error) {
    FrameRun run(ruleset, rows, options, result);
    if (!run.resolve_decisions(error)) return false;
    if (!run.bind(columns, error)) return false;
    return run.run(error);
}

}  // namespace tenet
