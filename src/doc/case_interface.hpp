// A ruleset's case interface as Markdown, generated from the ruleset itself so that it cannot
// drift: the facts a case's JSON may hold (path, type, allowed values), the enums and records
// they use, and the decisions an evaluation answers (type, reading, citations). How each type is
// written in JSON is docs/CASES.md's, by hand; this file links there.
//
// Exports: case_interface_markdown. `tenet interface` prints it; docs/cases/ holds the shipped
// rulesets' (tests/cli/case_docs_test.sh fails when one is stale).
#pragma once

#include <string>

#include "doc/ruleset_index.hpp"

namespace tenet::doc {

// `command` is how the page says it was made ("tenet interface rulesets/colorado/weld.tenet").
std::string case_interface_markdown(const RulesetIndex& index, const std::string& command);

}  // namespace tenet::doc
