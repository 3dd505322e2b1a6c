// Unicode in rulesets, end to end: a name written with precomposed or combining characters is
// one name everywhere (checker, find_decision/find_fact, case JSON keys, output), error columns
// count user-perceived characters, and invalid UTF-8 is an error at its position.
#include <gtest/gtest.h>

#include "tenet/tenet.hpp"

namespace tenet {
namespace {

// "año" precomposed (U+00F1) and decomposed (n + U+0303)
const std::string kNfc = "a\xC3\xB1o";
const std::string kNfd = "an\xCC\x83o";

CompileResult compile(const std::string& text) {
    return compile_source("unicode.tenet", text, CompileOptions{{}, false});
}

TEST(UnicodeNames, TwoSpellingsAreOneNameFromRulesetToOutput) {
    // declared decomposed, used precomposed, and the other way round
    CompileResult r = compile(
        "ruleset u \"Unicode names\"\n"
        "fact datos." +
        kNfd +
        ": int\n"
        "rule doble_" +
        kNfc + ": int cite \"t\" = datos." + kNfc +
        " * 2\n"
        "decision resultado_" +
        kNfd + ": int cite \"t\" = doble_" + kNfd + " + 1\n");
    ASSERT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : format_diagnostic(r.diagnostics[0]));
    // every name is kept in NFC, and either spelling finds it
    EXPECT_EQ(r.ruleset->decisions()[0].name, "resultado_" + kNfc);
    EXPECT_EQ(r.ruleset->find_decision("resultado_" + kNfd), 0);
    EXPECT_EQ(r.ruleset->find_decision("resultado_" + kNfc), 0);
    EXPECT_GE(r.ruleset->find_fact("datos." + kNfd), 0);
    EXPECT_EQ(r.ruleset->find_decision("resultado_\xFF"), -1);  // invalid UTF-8 names nothing

    Session session(r.ruleset);
    for (const std::string& key : {kNfc, kNfd}) {
        Case c;
        std::vector<InputError> errors;
        ASSERT_TRUE(session.decode("{\"as_of\": \"1999-06-01\", \"datos\": {\"" + key + "\": 20}}", &c, &errors))
            << (errors.empty() ? "" : errors[0].path + ": " + errors[0].message);
        std::string out;
        ASSERT_TRUE(session.evaluate_json(c, {}, &out, &errors));
        EXPECT_EQ(out, "{\"decisions\":{\"resultado_" + kNfc + "\":41},\"unresolved\":{}}");
    }
}

TEST(UnicodeNames, ErrorColumnsCountUserPerceivedCharacters) {
    // `caf` + e + U+0301 is four characters: the unknown name after it starts at column 31, not 32
    CompileResult r = compile(
        "ruleset u \"Unicode names\"\n"
        "decision cafe\xCC\x81: int cite \"t\" = desconocido\n");
    ASSERT_FALSE(r.ok());
    ASSERT_FALSE(r.diagnostics.empty());
    EXPECT_EQ(r.diagnostics[0].line, 2u);
    EXPECT_EQ(r.diagnostics[0].column, 31u) << format_diagnostic(r.diagnostics[0]);
}

TEST(UnicodeNames, InvalidUtf8IsAnErrorAtItsPosition) {
    CompileResult r = compile(
        "ruleset u \"Unicode names\"\n"
        "decision caf\xC3: int cite \"t\" = 1\n");
    ASSERT_FALSE(r.ok());
    ASSERT_FALSE(r.diagnostics.empty());
    EXPECT_EQ(r.diagnostics[0].line, 2u);
    EXPECT_EQ(r.diagnostics[0].column, 13u);
    EXPECT_NE(r.diagnostics[0].message.find("invalid UTF-8"), std::string::npos) << r.diagnostics[0].message;
}

TEST(UnicodeNames, InvalidUtf8InACaseIsAnErrorNamingItsPath) {
    CompileResult r = compile("ruleset u \"Unicode names\"\nfact x: int\ndecision d: int cite \"t\" = x\n");
    ASSERT_TRUE(r.ok());
    Session session(r.ruleset);
    Case c;
    std::vector<InputError> errors;
    EXPECT_FALSE(session.decode("{\"as_of\": \"1999-06-01\", \"x\": 1, \"\xFF\": 2}", &c, &errors));
    ASSERT_FALSE(errors.empty());
    EXPECT_NE(errors[0].message.find("UTF-8"), std::string::npos) << errors[0].path << ": " << errors[0].message;
}

}  // namespace
}  // namespace tenet
