// JSON in and out: cases to CaseData, values to JSON text (docs/CASES.md §2).
//
// Exports: InputError, CaseDecoder (built once per model, immutable and shareable), the JSON
// limits, and write_value. Numbers are read from their text, never through a double; unknown
// keys, wrong types, money with more than two decimals, impossible dates and out-of-range values
// are errors naming the JSON path. Text that is not JSON is one error at `$` with the byte offset
// where that was found, reported alone.
//
// Two readers: a fast one (simdjson, eval/case_json_fast.cpp) that reads only cases it finds
// valid, and the reference one (nlohmann's SAX parser, eval/case_json.cpp) that decode() asks
// whenever the fast one gives up, so that every error message comes from one place.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "check/model.hpp"
#include "eval/evaluator.hpp"
#include "eval/fact_value.hpp"   // the checks of a fact value, shared with the columnar readers
#include "util/json_string.hpp"  // write_string, which writes the values' texts

namespace tenet::eval {

// Limits (docs/LANGUAGE.md §12).
constexpr int kMaxJsonDepth = 512;           // nesting of objects and arrays
constexpr uint32_t kMaxListLength = 100000;  // elements of one list in a case
constexpr size_t kMaxErrorsPerCase = 20;     // further errors are counted, not listed

struct InputError {
    std::string path;  // "$.household.size"
    std::string message;
    int64_t offset = -1;  // when the text is not JSON: the byte (from 0) where that was found
};

class CaseDecoder {
public:
    explicit CaseDecoder(const check::Model& m);
    ~CaseDecoder();

    // Decodes one case. `as_of`, when not null, is the day the decisions are for, whatever the
    // case says. Returns false and fills `errors` when the case is not valid.
    bool decode(std::string_view json, CaseData* out, std::vector<InputError>* errors,
                const util::Days* as_of = nullptr) const;

    // The two readers on their own (decode() is the first, else the second), for the tests that
    // compare them. decode_fast returns false, leaving `out` unspecified, on anything it does not
    // read as a valid case: an error, but also what it leaves to the reference reader (keys
    // that are escaped or not ASCII, integers of 19 digits or more, texts over kMaxFastBytes).
    static constexpr size_t kMaxFastBytes = size_t{1} << 20;
    bool decode_fast(std::string_view json, CaseData* out, const util::Days* as_of = nullptr) const;
    bool decode_reference(std::string_view json, CaseData* out, std::vector<InputError>* errors,
                          const util::Days* as_of = nullptr) const;

    struct Group;  // the tree of fact paths

private:
    // After reading: facts not in the case are none when optional, missing otherwise, and `as_of`
    // (when given) is the day. False when there is no day at all.
    bool settle(CaseData* out, const util::Days* as_of) const;

    const check::Model& m_;
    std::unique_ptr<Group> root_;
    std::vector<uint32_t> optional_facts_;  // what settle() makes none when the case leaves it out
};

// Appends the JSON form of a value of type `t` (a None optional is `null`). `forever_as` spells
// the date `forever` (a decision may say "lifetime").
void write_value(const check::Model& m, check::TypeId t, const Value& v, State s, std::string* out,
                 const char* forever_as = "forever");
// Input text as error messages quote it: `text`, escaped as inside a JSON string so that a
// control character (a NUL from "\u0000") is never printed raw, and cut short past 100 bytes.
std::string quote_input(std::string_view text);

}  // namespace tenet::eval
