// Why an operation on values failed.
//
// Exports: Fault, fault_message. A fault is what the evaluators carry in an errored value and what
// constant folding reports, so every stage from the checker on speaks of failures in these words.
#pragma once

#include <cstdint>

namespace tenet::eval {

enum class Fault : uint8_t {
    None,
    Overflow,  // a result does not fit: integers are 64-bit, numbers 64-bit fractions
    DivisionByZero,
    DateOutOfRange,     // a date computation left 1800-01-01 .. 2299-12-31
    ForeverArithmetic,  // days between forever and a date
    MixedDurations,     // comparing days with months
    InvalidDate,        // date(1999, 2, 30)
    NoTableRow,
    SeveralTableRows,
    UndefinedParameter,
    TooDeep,       // evaluation recursion past the program's limit
    TooManySteps,  // lists gone through past compile::kMaxEvaluationSteps elements
};

const char* fault_message(Fault f);

}  // namespace tenet::eval
