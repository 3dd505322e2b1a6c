// Fuzz target (4): JSON cases against a fixed ruleset, the shipped Weld County one (compiled once,
// with everything it extends and imports). Every input must either decode, then evaluate with
// explanations, or be rejected with errors that name a JSON path; evaluating is also tried for
// a fixed `as_of` (the decoder then ignores the case's own). Text that is not JSON (judged by
// nlohmann alone, and any NUL byte) is one error at `$` with its offset; messages and paths never
// hold a control character or the JSON library's exception names. What the fast reader (simdjson)
// reads, the reference reader (nlohmann) reads too, to the same facts.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "../support/case_facts.hpp"
#include "api/ruleset_impl.hpp"
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

namespace {

// Whether nlohmann takes the text for JSON. A number beyond a double's range stops its parser but
// is JSON; a NUL byte, which its lexer takes for the end of the text, is not.
struct Validator : nlohmann::json_sax<nlohmann::json> {
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position, const std::string& token, const nlohmann::detail::exception& e) override {
        overflow = e.id == 406;
        overflow_end = position;
        overflow_token = token;
        return false;
    }
    bool overflow = false;
    std::size_t overflow_end = 0;  // the byte after the number that stopped the parser
    std::string overflow_token;    // the number as the lexer read it
};

// A number beyond a double's range is JSON: the rest of the text decides. It is replaced by a zero
// padded with spaces to its length and the text read again. (Not by a longer number such as
// 0.000...: "9999e9999e9" would then read as one number, where the text after it is not JSON.)
bool is_json(std::string_view input) {
    if (input.find('\0') != std::string_view::npos) return false;
    std::string text(input);
    for (int replaced = 0; replaced < 64; ++replaced) {
        Validator v;
        if (nlohmann::json::sax_parse(text.begin(), text.end(), &v)) return true;
        if (!v.overflow) return false;
        size_t length = v.overflow_token.size();
        size_t end = std::min(v.overflow_end, text.size());
        size_t start = end >= length ? end - length : 0;
        if (length < 3 || text.compare(start, length, v.overflow_token) != 0)
            return true;  // the decoder says so at `$`
        text.replace(start, length, "0" + std::string(length - 1, ' '));
    }
    return true;  // more overflowing numbers than the decoder reads: it says so at `$`
}

bool has_control_character(const std::string& s) {
    for (char c : s) {
        if (static_cast<unsigned char>(c) < 0x20) return true;
    }
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static tenet::Session session(weld);
    std::string_view json(reinterpret_cast<const char*>(data), size);
    {
        const tenet::eval::CaseDecoder& decoder = *weld->impl().decoder;
        tenet::eval::CaseData fast, reference;
        std::vector<tenet::eval::InputError> errors;
        if (decoder.decode_fast(json, &fast)) {
            if (!decoder.decode_reference(json, &reference, &errors)) __builtin_trap();
            const tenet::check::Model& m = *weld->impl().model;
            if (tenet::testing::case_facts(m, fast) != tenet::testing::case_facts(m, reference)) __builtin_trap();
        }
    }
    bool valid = is_json(json);
    for (const char* as_of : {"", "1999-06-01"}) {
        tenet::Case c;
        std::vector<tenet::InputError> errors;
        if (!session.decode(json, &c, &errors, as_of)) {
            if (errors.empty()) __builtin_trap();  // a rejected case always says why
            for (const auto& e : errors) {
                if (e.path.empty() || e.path[0] != '$' || e.message.empty()) __builtin_trap();
                if (has_control_character(e.path) || has_control_character(e.message)) __builtin_trap();
                // the JSON library's exception names never reach a message, unless the input
                // itself holds the text (an unknown key is quoted back)
                if (e.message.find("json.exception") != std::string::npos &&
                    json.find("json.exception") == std::string_view::npos)
                    __builtin_trap();
            }
            // text that is not JSON is one error with its offset, and only such text has one
            bool malformed = errors.size() == 1 && errors[0].path == "$" && errors[0].offset >= 0 &&
                             static_cast<size_t>(errors[0].offset) <= size;
            // (reading stops at the nesting limit, so a fault after it goes unseen; that error may
            // be past the 20 listed)
            bool too_deep = false;
            for (const auto& e : errors) {
                too_deep |= e.message.find("nested more than") != std::string::npos ||
                            e.message.find("more errors not listed") != std::string::npos;
            }
            if (!valid && !malformed && !too_deep) __builtin_trap();
            if (valid && errors[0].offset >= 0 && errors[0].message.find("too large to read") == std::string::npos)
                __builtin_trap();
            continue;
        }
        if (!valid) __builtin_trap();  // text that is not JSON is never a case
        tenet::Request request;
        request.explain = true;
        std::string out;
        session.evaluate_json(c, request, &out, &errors);
        if (!nlohmann::json::accept(out)) __builtin_trap();  // the output is always one JSON object
    }
    return 0;
}
