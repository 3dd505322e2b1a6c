// Columnar evaluation: many cases given as typed columns (one per fact path), decisions returned
// as typed columns (one per decision), without JSON.
//
//   std::vector<int64_t> size = ...;  std::vector<int64_t> income_cents = ...;
//   std::vector<tenet::InputColumn> in{
//       tenet::InputColumn::integers("household.size", size.data()),
//       tenet::InputColumn::scaled("household.monthly_gross_income", income_cents.data(), 2)};
//   tenet::FrameOptions options;
//   options.as_of = "1999-06-01";
//   options.decisions = {"eligible", "adjusted_grant"};
//   tenet::FrameResult r;
//   tenet::InputError error;
//   if (!tenet::evaluate_columns(*ruleset, rows, in, options, &r, &error)) { ... error.path ... }
//   r.columns[0].states[i], r.columns[0].bools[i], ...
//
// Frames carry scalar facts (bool, int, decimal, money, percent, date, enum) and list facts. A
// list fact (a history of payments, say) is a List column in the Arrow layout: one offsets array
// and one column per record field over all the rows' elements end to end,
//
//   // row 0 has two payments, row 1 none, row 2 one
//   std::vector<int64_t> offsets{0, 2, 2, 3}, day{10550, 10580, 10600}, cents{5000, 2500, 10000};
//   std::vector<tenet::InputColumn> fields{tenet::InputColumn::days("date", day.data()),
//                                          tenet::InputColumn::scaled("amount", cents.data(), 2), ...};
//   in.push_back(tenet::InputColumn::list("history.diversion_payments", offsets.data(), std::move(fields)));
//
// or a Text (or Dictionary) column holding each row's JSON array, decoded exactly as the JSON
// case reader decodes that key, once per row. Results are those of the JSON path
// (Session::evaluate_json) for the same cases, decision by decision.
//
// Decisions are computed block by block by the columnar kernels, lists included (aggregates,
// collect and the sanction ladder: eval/batch.hpp), which do not count the evaluation budget of
// LANGUAGE.md §12. Rows whose evaluation could pass that budget go row by row through the
// on-demand evaluator, which counts it, and so fail as in JSON: rows whose lists hold more than
// kColumnarElements elements in all (nested lists included), and rows whose lists are long
// enough for the aggregates nested in the decisions to pass it (three deep over 250 elements is
// 15.6 million steps: eval/step_bound.hpp bounds the steps by the lengths of the row's lists,
// one compare per row). So do `hit collect` tables. Rows are
// grouped by the period of parameter values their as_of falls in. Inputs are validated first
// (types, ranges, money cents, enum names, dates, offsets): a bad value fails the whole call,
// naming the column and row. A list (or record) column that no requested decision reads is left
// unread: its kind must fit the fact, but its values are neither checked nor decoded
// (Ruleset::facts_read says which facts the decisions read). Given the ruleset's compiled code
// (FrameOptions::compiled_code, docs/COMPILED.md), the decisions of each row are computed by it
// instead, on the same validated values, with the same results.
//
// Thread safety: evaluate_columns only reads the Ruleset (shareable) and the input buffers, which
// must not change during the call; `threads` workers split the rows among themselves.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tenet/tenet.hpp"

namespace tenet {

// One fact's values for the rows of a frame. The buffers are borrowed: they must hold `rows`
// elements and outlive the call.
struct InputColumn {
    enum class Kind {
        Bool,        // bools: 0 or 1 (a numpy bool array)
        Integer,     // int64s: int facts; whole numbers for decimal, money and percent facts
        Scaled,      // int64s / 10^scale for decimal, money and percent (money with scale 2: cents)
        Days,        // int64s: days since 1970-01-01 for date facts (numpy datetime64[D];
                     //   INT64_MIN, numpy's NaT, is absent)
        Text,        // texts: each value as its JSON text would spell it without quotes:
                     //   "1234.56", "single_parent", "1999-06-01"; list facts: a JSON array
        Dictionary,  // codes: index into `dictionary` (the Text spellings); a negative code is
                     //   absent. Each distinct spelling is read once (pandas categoricals)
        List,        // a list fact: row i's elements are offsets[i] .. offsets[i + 1] - 1 of
                     //   `fields` (rows + 1 offsets, from 0, never decreasing), one column per
                     //   record field named by the field ("date"), of any kind above; a field
                     //   column may leave out an optional field (none) and mark elements absent
                     //   with `present`. A list of scalars has one field column named "".
    };
    std::string fact;  // the fact path: "household.size"
    Kind kind = Kind::Integer;
    const uint8_t* bools = nullptr;
    const int64_t* int64s = nullptr;
    int scale = 0;  // Scaled: 0..18
    // Percent facts are in percentage points, as in JSON: 25 is 25%.
    const std::string_view* texts = nullptr;
    const int32_t* codes = nullptr;
    std::vector<std::string> dictionary;
    // Null: every row has a value. Otherwise present[i] == 0 marks row i absent: a `T?` fact is
    // then none, any other fact missing (its decisions unresolved), as when a JSON case leaves
    // the key out.
    const uint8_t* present = nullptr;
    // List: the offsets and field columns (their buffers hold offsets[rows] elements)
    const int64_t* offsets = nullptr;
    std::vector<InputColumn> fields;

    static InputColumn booleans(std::string fact, const uint8_t* values, const uint8_t* present = nullptr);
    static InputColumn integers(std::string fact, const int64_t* values, const uint8_t* present = nullptr);
    static InputColumn scaled(std::string fact, const int64_t* values, int scale, const uint8_t* present = nullptr);
    static InputColumn days(std::string fact, const int64_t* values, const uint8_t* present = nullptr);
    static InputColumn text(std::string fact, const std::string_view* values, const uint8_t* present = nullptr);
    static InputColumn dictionary_coded(std::string fact, const int32_t* codes, std::vector<std::string> dictionary);
    static InputColumn list(std::string fact, const int64_t* offsets, std::vector<InputColumn> fields,
                            const uint8_t* present = nullptr);
};

// Rows whose list facts hold more elements than this in all (nested lists included) are evaluated
// row by row, where the evaluation budget (kMaxEvaluationSteps) is counted exactly as for a JSON
// case; so are rows with fewer whose lists are long enough for nested aggregates to pass it.
constexpr size_t kColumnarElements = 1000;

struct FrameOptions {
    // The day the decisions are for, "YYYY-MM-DD", for every row; it overrides an `as_of`
    // column. Empty: each row's as_of comes from the `as_of` column, which is then required.
    std::string as_of;
    std::vector<std::string> decisions;  // by name; empty: every decision, in output order
    unsigned threads = 1;                // 0: one per hardware thread
    // Fill OutputColumn::messages: for unresolved rows the reasons of the JSON path's
    // "unresolved" entry, for failed rows the message of its "errors" entry. Costs a scalar
    // re-evaluation of just those rows.
    bool messages = false;
    // The ruleset's compiled code (CompiledCode::build of this very Ruleset; another's is an
    // error of the call): each row's decisions are then computed by it, one case at a time with a
    // context per thread, instead of by the columnar kernels. What it leaves to the interpreter
    // (decisions not compiled, rows with lists over kColumnarElements elements) and, with
    // `messages`, the unresolved and failed decisions are evaluated by the interpreter for those
    // rows, so the results are those of the interpreter byte for byte. Null: the interpreter.
    std::shared_ptr<const CompiledCode> compiled_code;
};

enum class RowState : uint8_t {
    Ok,          // the value is in the column
    Absent,      // an optional decision with no value (left out of JSON "decisions")
    Unresolved,  // a fact it needs is missing, or a parameter it needs has no value on the
                 //   row's day (JSON "unresolved")
    Error,       // computing it failed: division by zero, overflow, no table row... (JSON "errors")
};

// One decision's results, row by row. Only the vectors of its value type are filled; the value
// of a row whose state is not Ok is zero. Each type has its natural width (a bool 1 byte, a date
// or enum 4, an int or money 8): a 1,000,000-row batch's results are mostly these columns.
struct OutputColumn {
    enum class Type {
        Bool,     // bools
        Integer,  // int64s
        Number,   // decimal, percent: exactly numerators[i] / denominators[i] (percent as a
                  //   fraction: 25% is 1/4)
        Money,    // int64s: whole cents (money is always whole cents), 8 bytes a row
        Date,     // int32s: days since 1970-01-01 (as util::Days); kForeverDays is `forever`
        Enum,     // int32s: index into enum_values
        Json,     // lists and records: json(i), the JSON text of the value ("" unless Ok)
    };
    std::string decision;
    std::string type_name;  // as DecisionInfo::type: "money", "date?"
    Type type = Type::Integer;
    bool money = false;
    bool percent = false;
    std::string forever_as = "forever";  // how JSON spells the date `forever` for this decision
    std::vector<std::string> enum_values;
    std::vector<RowState> states;
    std::vector<uint8_t> bools;
    std::vector<int64_t> int64s;
    std::vector<int32_t> int32s;
    std::vector<int64_t> numerators;
    std::vector<int64_t> denominators;
    // Json: every row's text end to end in one buffer, row i's from json_offsets[i] to
    // json_offsets[i + 1] (rows + 1 offsets: the Arrow layout of a string column), rather than
    // a std::string of 32 bytes a row
    std::string json_text;
    std::vector<int64_t> json_offsets;
    std::string_view json(size_t row) const {
        return std::string_view(json_text).substr(static_cast<size_t>(json_offsets[row]),
                                                  static_cast<size_t>(json_offsets[row + 1] - json_offsets[row]));
    }
    // With FrameOptions::messages: "" for Ok and Absent rows; unresolved rows: the reasons,
    // comma-separated (fact paths, "parameter X has no value before 1998-03-01"); Error rows:
    // the failure's message.
    std::vector<std::string> messages;
};

constexpr int32_t kForeverDays = 2147483647;

struct FrameResult {
    std::vector<OutputColumn> columns;  // in the order of FrameOptions::decisions
    size_t rows = 0;
    size_t columnar_decisions = 0;  // how many went through the columnar kernels
    size_t compiled_decisions = 0;  // with FrameOptions::compiled_code: how many it has compiled
    // Without compiled code: how many rows went row by row through the on-demand evaluator because
    // their lists could take them past the evaluation budget (see kColumnarElements)
    size_t budget_rows = 0;
};

// Evaluates `rows` cases. False, with `error` (path: the column, or "column[row]" for a value;
// message: what is wrong), when a column names no fact, names one twice, has a kind that does not
// fit the fact's type, or holds a bad value; when a decision name is unknown; or when a row has
// no as_of. A decision that fails for a row is not an error of the call: see RowState.
bool evaluate_columns(const Ruleset& ruleset, size_t rows, const std::vector<InputColumn>& columns,
                      const FrameOptions& options, FrameResult* result, InputError* error);

}  // namespace tenet
