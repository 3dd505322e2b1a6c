// Fuzz target (4): JSON cases against a fixed ruleset, the shipped Weld County one (compiled once,
// with everything it extends and imports). Every input must either decode, then evaluate with
// explanations, or be rejected with errors that name a JSON path; evaluating is also tried for
// a fixed `as_of` (the decoder then ignores the case's own).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "tenet/tenet.hpp"

namespace {

std::shared_ptr<const tenet::Ruleset> weld;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    tenet::CompileOptions options;
    options.warnings = false;
    tenet::CompileResult result = tenet::compile_file(TENET_SOURCE_DIR "/rulesets/colorado/weld.tenet", options);
    if (!result.ok()) {
        for (const auto& d : result.diagnostics) std::fputs(tenet::format_diagnostic(d).c_str(), stderr);
        std::abort();
    }
    weld = result.ruleset;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static tenet::Session session(weld);
    std::string_view json(reinterpret_cast<const char*>(data), size);
    for (const char* as_of : {"", "1999-06-01"}) {
        tenet::Case c;
        std::vector<tenet::InputError> errors;
        if (!session.decode(json, &c, &errors, as_of)) {
            if (errors.empty()) __builtin_trap();   // a rejected case always says why
            for (const auto& e : errors) {
                if (e.path.empty() || e.path[0] != '$' || e.message.empty()) __builtin_trap();
            }
            continue;
        }
        tenet::Request request;
        request.explain = true;
        std::string out;
        session.evaluate_json(c, request, &out, &errors);
        if (!nlohmann::json::accept(out)) __builtin_trap();   // the output is always one JSON object
    }
    return 0;
}
