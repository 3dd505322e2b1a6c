// The Weld sample caseload (rulesets/colorado/caseload/weld_sample.jsonl) as a frame of input
// columns, and the JSON a row of an output column stands for: what the columns tests share.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "tenet/columns.hpp"

namespace tenet::sample_frame {

// The shipped Weld ruleset, compiled once.
std::shared_ptr<const Ruleset> weld();
// The sample caseload's cases.
std::vector<nlohmann::json> sample_cases();

// The buffers behind a frame built from JSON cases.
struct Frame {
    std::vector<InputColumn> columns;
    std::vector<std::vector<std::string>> strings;
    std::vector<std::vector<std::string_view>> views;
    std::vector<std::vector<int64_t>> ints;
    std::vector<std::vector<uint8_t>> bytes;
    std::vector<std::vector<int32_t>> codes;
};

// Typed: bool, integer, cents, days and dictionary columns, list facts as JSON text; Text: every
// fact as text; Arrow: typed, list facts as offsets and field columns.
enum class Style { Typed, Text, Arrow };

// One column per fact that any case has, of `style`.
Frame frame_of(const Ruleset& rs, const std::vector<nlohmann::json>& cases, Style style);

// How many of the frame's columns are List columns.
size_t list_columns(const Frame& f);

// Every `every`-th case (from the first) gets a supportive-payment history of kColumnarElements + 1
// elements: rows the columnar kernels and the compiled code leave to the on-demand evaluator.
void lengthen_lists(std::vector<nlohmann::json>* cases, size_t every);

// The JSON the `eval` output would hold for a row of a column.
nlohmann::json value_json(const OutputColumn& col, size_t row);

}  // namespace tenet::sample_frame
