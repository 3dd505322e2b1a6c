// Fuzz target (2): parse, check and compile arbitrary text as a ruleset, then run the tests it
// declares (which decodes its cases and evaluates its decisions).
//
// The input may hold several files: a line `//// NAME` starts the file NAME, so the fuzzer can
// reach `extends` and `import` (cycles, libraries, overrides). Files come from memory only; a
// path the input does not define is "No such file".
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "tenet/tenet.hpp"

namespace {

constexpr std::string_view kFileMarker = "//// ";

// Splits the input at `//// NAME` lines; the text before the first marker is "fuzz.tenet".
std::map<std::string, std::string> split_files(std::string_view input) {
    std::map<std::string, std::string> files;
    std::string name = "fuzz.tenet";
    size_t start = 0;
    while (start <= input.size()) {
        size_t next = input.find(std::string("\n") + std::string(kFileMarker), start);
        std::string_view body =
            input.substr(start, next == std::string_view::npos ? std::string_view::npos : next + 1 - start);
        files[name].append(body);
        if (next == std::string_view::npos) break;
        size_t name_begin = next + 1 + kFileMarker.size();
        size_t name_end = input.find('\n', name_begin);
        name = std::string(input.substr(
            name_begin, name_end == std::string_view::npos ? std::string_view::npos : name_end - name_begin));
        if (name_end == std::string_view::npos) break;
        start = name_end + 1;
    }
    return files;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::map<std::string, std::string> files = split_files(std::string_view(reinterpret_cast<const char*>(data), size));
    std::string root = files["fuzz.tenet"];
    tenet::CompileOptions options;
    options.reader = [&files](const std::string& path, std::string* text, std::string* error) {
        auto it = files.find(path);
        if (it == files.end()) {
            *error = "No such file";
            return false;
        }
        *text = it->second;
        return true;
    };
    tenet::CompileResult result = tenet::compile_source("fuzz.tenet", root, options);
    for (const tenet::Diagnostic& d : result.diagnostics) (void)tenet::format_diagnostic(d);
    if (!result.ok()) return 0;
    for (const tenet::TestResult& t : tenet::run_tests(*result.ruleset)) {
        for (const tenet::Diagnostic& d : t.failures) (void)tenet::format_diagnostic(d);
    }
    (void)result.ruleset->graph_dot({}, "");
    return 0;
}
