// Helpers shared by the stage tests: compile a ruleset from text, evaluate a JSON case.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tenet/tenet.hpp"

namespace tenet::testing {

// Compiles `text` as the root file "test.tenet"; other files of a multi-file ruleset come from
// `files` (path -> text), so tests never touch the disk.
inline CompileResult compile_text(const std::string& text, const std::map<std::string, std::string>& files = {},
                                  bool warnings = true) {
    CompileOptions options;
    options.warnings = warnings;
    options.reader = [files](const std::string& path, std::string* out, std::string* error) {
        auto it = files.find(path);
        if (it == files.end()) {
            *error = "No such file";
            return false;
        }
        *out = it->second;
        return true;
    };
    return compile_source("test.tenet", text, options);
}

// The bytes of a file ("" when it cannot be read: the comparison that follows fails).
inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// All diagnostics, formatted, one after the other.
inline std::string diagnostics_text(const CompileResult& r) {
    std::string s;
    for (const auto& d : r.diagnostics) s += format_diagnostic(d);
    return s;
}

// Only the first lines ("FILE:LINE:COL: severity: message") of the diagnostics.
inline std::vector<std::string> headlines(const CompileResult& r) {
    std::vector<std::string> out;
    for (const auto& d : r.diagnostics) {
        std::string s = format_diagnostic(d);
        out.push_back(s.substr(0, s.find('\n')));
    }
    return out;
}

// Evaluates a JSON case and returns the output JSON, or "ERROR " + the input errors.
inline std::string evaluate(const std::shared_ptr<const Ruleset>& rs, const std::string& json, Request request = {},
                            const std::string& as_of = "") {
    if (!rs) return "NO RULESET";
    Session s(rs);
    Case c;
    std::vector<InputError> errors;
    std::string out;
    if (!s.decode(json, &c, &errors, as_of) || !s.evaluate_json(c, request, &out, &errors)) {
        std::string e = "ERROR";
        for (const auto& x : errors) e += " " + x.path + ": " + x.message;
        return e;
    }
    return out;
}

}  // namespace tenet::testing
