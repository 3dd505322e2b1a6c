// The HTML reports of `tenet parity` and `tenet diff`: one self-contained page each, tables and
// horizontal bar charts drawn as inline SVG from the report JSON (no script, no network).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace tenet::compare {

std::string parity_html(const nlohmann::json& report);
std::string case_diff_html(const nlohmann::json& report);

}  // namespace tenet::compare
