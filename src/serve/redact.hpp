// Facts named by `--redact` are kept in the audit log as keyed hashes (HMAC-SHA-256 of the value's
// JSON text), not in clear: a hearing officer holding the value can check it against the row, a
// reader of the log cannot read it.
#pragma once

#include <string>
#include <vector>

namespace tenet::serve {

struct Redaction {
    std::vector<std::string> paths;  // fact paths, "household.monthly_gross_income", "caretaker"
    std::string key;                 // the HMAC key; empty: nothing is redacted
};

// The case to store: `json` itself when no redacted path is present, otherwise the case with
// each present path's value replaced by "hmac-sha256:HEX". `present` gets the paths replaced.
std::string redact_case(const std::string& json, const Redaction& r, std::vector<std::string>* present);

// The prefix of a redacted value.
constexpr const char* kRedactedPrefix = "hmac-sha256:";

}  // namespace tenet::serve
