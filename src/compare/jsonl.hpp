// Reading the JSON and JSONL files the comparisons take, with errors naming the file and line.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

namespace tenet::compare {

// Calls `each(line, record)` for every non-blank line; false with *error ("FILE:LINE: error: ...")
// when the file cannot be read or a line is not a JSON object, or when `each` returns false.
bool for_each_jsonl(const std::string& file, std::string* error,
                    const std::function<bool(long line, nlohmann::json record)>& each);

bool read_json_file(const std::string& file, nlohmann::json* out, std::string* error);

// The value at a dotted path ("case.id"), or null when there is none.
nlohmann::json* at_path(nlohmann::json& record, const std::string& dotted);
void erase_path(nlohmann::json* record, const std::string& dotted);

}  // namespace tenet::compare
