// The two readers of JSON cases against each other (eval/case_json_fast.cpp, simdjson, and
// eval/case_json.cpp, nlohmann): whatever the fast reader accepts, the reference reader accepts
// with the same facts, and decode() answers every text exactly as the reference reader does.
// Texts: the fuzz corpus and regressions of case_json, the Weld sample caseload, hand-made edge
// cases, and thousands of mutations of the samples (seeded, so that a failure reproduces).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "api/ruleset_impl.hpp"
#include "support/case_facts.hpp"
#include "support/support.hpp"

namespace tenet {
namespace {

namespace fs = std::filesystem;

const std::shared_ptr<const Ruleset>& weld() {
    static std::shared_ptr<const Ruleset> rs = [] {
        CompileOptions options;
        options.warnings = false;
        options.tests = false;
        CompileResult r = compile_file(TENET_SOURCE_DIR "/rulesets/colorado/weld.tenet", options);
        EXPECT_TRUE(r.ok()) << testing::diagnostics_text(r);
        return r.ruleset;
    }();
    return rs;
}

std::string errors_of(const std::vector<eval::InputError>& errors) {
    std::string out;
    for (const auto& e : errors) out += e.path + " | " + e.message + " | " + std::to_string(e.offset) + "\n";
    return out;
}

// Compares the readers on one text, with and without a day given by the caller. Returns whether
// the fast reader read it.
bool same_answers(const Ruleset& rs, const std::string& text) {
    const eval::CaseDecoder& decoder = *rs.impl().decoder;
    const check::Model& m = *rs.impl().model;
    util::Days day = 10743;  // 1999-06-01
    bool fast_read = false;
    const util::Days* days[] = {nullptr, &day};
    for (const util::Days* as_of : days) {
        eval::CaseData fast, reference, combined;
        std::vector<eval::InputError> reference_errors, combined_errors;
        bool fast_ok = decoder.decode_fast(text, &fast, as_of);
        bool reference_ok = decoder.decode_reference(text, &reference, &reference_errors, as_of);
        bool combined_ok = decoder.decode(text, &combined, &combined_errors, as_of);
        if (fast_ok) {
            EXPECT_TRUE(reference_ok) << "the fast reader accepted what the reference refuses:\n"
                                      << text << "\n"
                                      << errors_of(reference_errors);
            if (reference_ok) EXPECT_EQ(testing::case_facts(m, fast), testing::case_facts(m, reference)) << text;
        }
        EXPECT_EQ(combined_ok, reference_ok) << text;
        EXPECT_EQ(errors_of(combined_errors), errors_of(reference_errors)) << text;
        if (combined_ok && reference_ok)
            EXPECT_EQ(testing::case_facts(m, combined), testing::case_facts(m, reference)) << text;
        fast_read |= fast_ok;
    }
    return fast_read;
}

std::vector<std::string> sample_cases() {
    std::vector<std::string> lines;
    std::ifstream in(TENET_SOURCE_DIR "/rulesets/colorado/caseload/weld_sample.jsonl");
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) lines.push_back(line);
    }
    return lines;
}

TEST(CaseJsonReaders, EverySampleCaseIsReadByTheFastReaderWithTheSameFacts) {
    std::vector<std::string> cases = sample_cases();
    ASSERT_GE(cases.size(), 100u);
    for (const auto& text : cases) EXPECT_TRUE(same_answers(*weld(), text)) << "the fast reader gave up on:\n" << text;
}

TEST(CaseJsonReaders, FuzzCorpusAndRegressionsGetTheSameAnswers) {
    size_t files = 0;
    for (const char* dir : {"/corpus/case_json", "/regressions/case_json"}) {
        fs::path path = fs::path(TENET_TESTS_DIR "/fuzz") += dir;
        if (!fs::exists(path)) continue;
        for (const auto& entry : fs::directory_iterator(path)) {
            same_answers(*weld(), testing::read_file(entry.path().string()));
            ++files;
        }
    }
    EXPECT_GT(files, 10u);
}

TEST(CaseJsonReaders, EdgeCasesGetTheSameAnswers) {
    const std::string head = R"({"as_of":"1999-06-01","household":{"size":)";
    const std::string tail = R"(}})";
    for (const char* size : {"3",
                             "-0",
                             "0",
                             "3.0",
                             "3e0",
                             "30e-1",
                             "1e400",
                             "-1e400",
                             "9223372036854775807",
                             "9223372036854775808",
                             "123456789012345678",
                             "1234567890123456789",
                             "-9223372036854775809",
                             "01",
                             "1.",
                             ".5",
                             "+1",
                             "1e",
                             "1e+",
                             "0x10",
                             "Infinity",
                             "NaN",
                             "\"3\"",
                             "null",
                             "true",
                             "nul",
                             "tru",
                             "[]",
                             "{}",
                             "3 4",
                             "3,",
                             "3}"}) {
        same_answers(*weld(), head + size + tail);
    }
    const char* texts[] = {
        R"({"as_of":"1999-06-01"})",
        R"({"as\u005fof":"1999-06-01"})",  // an escaped key: left to the reference reader
        R"({"as_of":"1999-06-01","household":{"size":3,"size":4}})",
        R"({"as_of":"1999-06-01"}})",
        R"({"as_of":"1999-06-01"} {})",
        R"({"as_of":"1999-06-01"}   )",
        "\xEF\xBB\xBF{\"as_of\":\"1999-06-01\"}",
        R"({"as_of":"1999-06-31"})",
        R"({"as_of":"1999-06-01","caretaker":{"age":-5}})",
        R"({"as_of":"1999-06-01","household":{"monthly_gross_income":"12.345"}})",
        R"({"as_of":"1999-06-01","household":{"monthly_gross_income":12.34}})",
        R"({"as_of":"1999-06-01","household":{"monthly_gross_income":"1e3"}})",
        R"({"as_of":"1999-06-01","household":{"monthly_gross_income":"\u0031"}})",
        R"({"as_of":"1999-06-01","household":{"family_type":"single_par\u0065nt"}})",
        R"({"as_of":"1999-06-01","household":{"family_type":"\udc00"}})",
        R"({"as_of":"1999-06-01","history":{"sanction_episodes":[{"start":"1999-06-18","cured":null,"duty":"child_support"}]}})",
        R"({"as_of":"1999-06-01","history":{"sanction_episodes":[{"start":"1999-06-18"}]}})",
        R"({"as_of":"1999-06-01","history":{"sanction_episodes":[{"start":"1999-06-18","start":"1999-06-18"}]}})",
        R"({"as_of":"1999-06-01","history":{"sanction_episodes":[null]}})",
        R"({"as_of":"1999-06-01","history":{"sanction_episodes":null}})",
        R"({"as_of":"1999-06-01","history":{"sanction_episodes":[],}})",
        R"({"as_of":"1999-06-01","history":{"sanction_episodes":[1,]}})",
        R"({"as_of":"1999-06-01","history":[]})",
        R"({"as_of":"1999-06-01","household":null})",
        "{\"as_of\":\"1999-06-01\"}\0",
        "{\"as_of\":\"1999-06-01\",\"household\":{\"family_type\":\"a\tb\"}}",
        "{\"as_of\":\"1999-06-01\",\"h\xC3\xA9\":1}",
        "[]",
        "",
        "  ",
        "{",
    };
    for (const std::string text : texts) same_answers(*weld(), text);
    same_answers(*weld(), std::string("{\"as_of\":\"1999-06-01\"}\0", 23));
}

// A schema with what Weld's facts do not have: a percent fact, bounds on decimals, optional record
// fields, a list of lists.
TEST(CaseJsonReaders, EveryKindOfFactGetsTheSameAnswers) {
    auto r = testing::compile_text(R"(
ruleset t
enum Family { single_parent, two_parent }
record Payment { date: date, amount: money, cured: date?, note: Family? }
facts household {
  size: int in 1..30
  family_type: Family
  income: money in $0..
  share: percent
  hours: decimal in 0..168
  alone: bool
  nickname: Family?
}
facts history {
  payments: list<Payment>
  batches: list<list<money>>
  conviction: date?
}
decision size: int cite "x" = household.size
decision total: money cite "x" = sum(p.amount for p in history.payments)
decision has_conviction: bool cite "x" = history.conviction is present
)",
                                   {}, false);
    ASSERT_TRUE(r.ok()) << testing::diagnostics_text(r);
    const std::string as_of = R"({"as_of":"1999-06-01",)";
    const char* bodies[] = {
        R"("household":{"size":3,"family_type":"two_parent","income":"12.50","share":12.5,"hours":"37.25","alone":false}})",
        R"("household":{"size":20e-1,"share":"12.5","hours":-1}})",
        R"("household":{"size":1E1,"share":1e-30,"hours":1.5e2,"income":0}})",
        R"("household":{"share":-0.0,"hours":168.0000,"income":1e2,"nickname":null}})",
        R"("household":{"income":-1,"hours":168.01}})",
        R"("history":{"payments":[{"date":"1999-01-02","amount":"10.00","cured":null},{"date":"1999-01-03","amount":1,"note":"single_parent"}]}})",
        R"("history":{"payments":[{"date":"1999-01-02","amount":"10.00","extra":1}]}})",
        R"("history":{"payments":[{"amount":"10.00"}]}})",
        R"("history":{"batches":[[],["1.00",2]],"conviction":"1998-02-28"}})",
        R"("history":{"batches":[[null]]}})",
        R"("history":{"batches":[[[]]]}})",
    };
    for (const char* body : bodies) same_answers(*r.ruleset, as_of + body);
    EXPECT_TRUE(same_answers(*r.ruleset, as_of + bodies[0]));
    EXPECT_TRUE(same_answers(*r.ruleset, as_of + bodies[5]));
    EXPECT_TRUE(same_answers(*r.ruleset, as_of + bodies[8]));
}

// One random edit of a text: a byte removed, replaced or inserted (bytes that matter to JSON and to
// the readers' checks), a span repeated, a value token swapped in, the text cut short, or an edit
// that often keeps the case valid (a digit for a digit, spaces after a comma or colon).
std::string mutated(const std::string& text, std::mt19937& rng) {
    static const std::string bytes = std::string("{}[],:\"\\ \t\n0123456789.eE+-tfnul\x80\xC3\xA9") + '\0';
    static const char* tokens[] = {
        "null", "1e400",     "-0", "1.0", "\"x\"", "[]", "{}", "\"1999-02-30\"", "\"\\u0041\"", "12345678901234567890",
        "true", "\"12.345\""};
    std::string s = text;
    auto at = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n == 0 ? 0 : n - 1)(rng); };
    switch (at(9)) {
        case 0:
            if (!s.empty()) s.erase(at(s.size()), 1);
            break;
        case 1:
            if (!s.empty()) s[at(s.size())] = bytes[at(bytes.size())];
            break;
        case 2: s.insert(at(s.size() + 1), 1, bytes[at(bytes.size())]); break;
        case 3: {
            size_t from = at(s.size()), length = at(40) + 1;
            s.insert(at(s.size() + 1), s.substr(from, length));
            break;
        }
        case 4: {
            // a value after a colon, replaced by a token
            size_t colon = s.find(':', at(s.size()));
            if (colon == std::string::npos) break;
            size_t end = s.find_first_of(",}]", colon + 1);
            if (end == std::string::npos) break;
            s.replace(colon + 1, end - colon - 1, tokens[at(std::size(tokens))]);
            break;
        }
        case 5: s.resize(at(s.size() + 1)); break;
        case 6: {
            size_t digit = s.find_first_of("0123456789", at(s.size()));
            if (digit != std::string::npos) s[digit] = static_cast<char>('0' + at(10));
            break;
        }
        default: {
            size_t separator = s.find_first_of(",:", at(s.size()));
            if (separator != std::string::npos) s.insert(separator + 1, " \n\t\r", at(5));
            break;
        }
    }
    return s;
}

TEST(CaseJsonReaders, MutatedSampleCasesGetTheSameAnswers) {
    std::vector<std::string> cases = sample_cases();
    ASSERT_FALSE(cases.empty());
    std::mt19937 rng(20261202);
    size_t fast = 0;
    constexpr int kMutations = 4000;
    for (int i = 0; i < kMutations; ++i) {
        std::string text = cases[static_cast<size_t>(i) % cases.size()];
        int edits = 1 + i % 3;
        for (int e = 0; e < edits; ++e) text = mutated(text, rng);
        fast += same_answers(*weld(), text) ? 1 : 0;
        if (::testing::Test::HasFailure()) break;  // one text is enough to debug
    }
    // many edits keep the case valid (a digit for a digit): the fast reader reads those
    EXPECT_GT(fast, static_cast<size_t>(kMutations / 20));
}

}  // namespace
}  // namespace tenet
