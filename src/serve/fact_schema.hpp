// The facts of a ruleset as JSON for forms (GET /v1/rulesets/{name}/facts, the "try a case"
// page): each fact's path and kind, enum values as choices, list-of-record facts with their fields
// (histories, entered as rows).
#pragma once

#include <string>

#include "tenet/tenet.hpp"

namespace tenet::serve {

// {"facts": [{"path", "kind": "bool|int|decimal|money|percent|date|duration|enum|record|list",
//   "optional", "values": [...] (enum), "element": {...} (list), "fields": [{"name", ...}] (record)}]}
std::string fact_schema_json(const Ruleset& ruleset);

}  // namespace tenet::serve
