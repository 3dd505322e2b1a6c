// JSON and JSONL files (jsonl.hpp).
#include "compare/jsonl.hpp"

#include <fstream>
#include <sstream>

#include "util/lines.hpp"

namespace tenet::compare {

using nlohmann::json;

bool for_each_jsonl(const std::string& file, std::string* error, const std::function<bool(long, json)>& each) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        *error = file + ": error: cannot read the file";
        return false;
    }
    std::string text;
    long line = 0;
    for (util::LineRead r; (r = util::read_line(in, &text)) != util::LineRead::End;) {
        ++line;
        if (r == util::LineRead::TooLong) {
            *error = file + ":" + std::to_string(line) + ": error: " + util::line_too_long(static_cast<size_t>(line));
            return false;
        }
        if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
        json record = json::parse(text, nullptr, false);
        if (record.is_discarded() || !record.is_object()) {
            *error = file + ":" + std::to_string(line) + ": error: the line is not a JSON object";
            return false;
        }
        if (!each(line, std::move(record))) return false;
    }
    return true;
}

bool read_json_file(const std::string& file, json* out, std::string* error) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        *error = file + ": error: cannot read the file";
        return false;
    }
    std::ostringstream text;
    text << in.rdbuf();
    try {
        *out = json::parse(text.str());
    } catch (const json::parse_error& e) {
        *error = file + ": error: not JSON (" + e.what() + ")";
        return false;
    }
    return true;
}

json* at_path(json& record, const std::string& dotted) {
    json* at = &record;
    size_t start = 0;
    while (true) {
        size_t dot = dotted.find('.', start);
        std::string part = dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (!at->is_object()) return nullptr;
        auto it = at->find(part);
        if (it == at->end()) return nullptr;
        at = &*it;
        if (dot == std::string::npos) return at;
        start = dot + 1;
    }
}

void erase_path(json* record, const std::string& dotted) {
    size_t dot = dotted.rfind('.');
    json* parent = dot == std::string::npos ? record : at_path(*record, dotted.substr(0, dot));
    if (parent && parent->is_object()) parent->erase(dot == std::string::npos ? dotted : dotted.substr(dot + 1));
}

}  // namespace tenet::compare
