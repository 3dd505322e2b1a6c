// The words for each fault, as diagnostics and explanations quote them.
#include "value/fault.hpp"

namespace tenet::eval {

const char* fault_message(Fault f) {
    switch (f) {
        case Fault::None: return "no error";
        case Fault::Overflow: return "arithmetic overflow (the result is too large to hold exactly)";
        case Fault::DivisionByZero: return "division by zero";
        case Fault::DateOutOfRange: return "a date outside 1800-01-01 .. 2299-12-31";
        case Fault::ForeverArithmetic: return "arithmetic with `forever` (an open-ended date)";
        case Fault::MixedDurations: return "comparing a duration in days with one in months";
        case Fault::InvalidDate: return "an invalid date";
        case Fault::NoTableRow: return "no row of the table matches";
        case Fault::SeveralTableRows: return "several rows of a `hit unique` table match";
        case Fault::UndefinedParameter: return "the parameter has no value on this day";
        case Fault::TooDeep: return "evaluation nested too deeply";
        case Fault::TooManySteps:
            return "evaluation takes too many steps (more than 10,000,000 list elements gone through)";
    }
    return "error";
}

}  // namespace tenet::eval
