// The "try a case" page (GET /try): a form built in the browser from GET /v1/rulesets/{name}/facts
// (enums as choices, histories as rows) that evaluates through the API and shows the decisions
// with their explanation in English or Spanish.
#pragma once

#include <string>

namespace tenet::serve {

const std::string& try_page_html();

}  // namespace tenet::serve
