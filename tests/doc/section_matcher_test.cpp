// The section matcher: manual text -> anchored paragraphs, and citations -> keys that find them.
#include <gtest/gtest.h>

#include "doc/source_text.hpp"

namespace tenet::doc {
namespace {

// A manual shaped like the Weld seed: a resolution, an MOU, plan attachments, a table of
// contents, then the sections with their outline (OCR damage included).
const char* kManual = R"(RESOLUTION
M. . Geile
MEMORANDUM OF UNDERSTANDING
NOW, THEREFORE, it is agreed that:
1. MOU MEETS PERFORMANCE CONTRACT REQUIREMENT.
The parties hereto agree.
2. TERM.
The term of this MOU.
3. DUTIES OF THE COUNTY.
a) The County shall administer the program; and
b) The County shall not reduce the grant; and
c) The County shall not restrict eligibility; and
d) The County shall achieve a work participation rate of zero percent (0%) for
single-parent families; and
4. DUTIES OF THE DEPARTMENT.
a) The Department shall oversee the program; and
b) The Department will monitor grants; and
c) The Department shall develop training; and
d)(i) Sanctionable actions. The Department may impose sanctions if the County:
(A) Failing to maintain the minimum cash assistance grant.
(B) Misusing federal funds.
(d)(ii) Sanction Procedures. The Department shall proceed as follows:
(A) The Department shall provide thirty (30) days written notice.
(D) The County may appeal to the Governor.
Attachments A—N
NAVIGATION
I. Are you implementing this option? Yes No
Instructions
ATTACHMENT A
(Colorado Works Program)
Attachments A—N
ELIGIBILITY INCOME LEVELS
ATTACHMENT K
(Colorado Works Program)
6.007 Weld County Grant Diversion Program
6.007.2 Payment Limit and Types of Payment
6.006.32 County Designed Occupational Skills Training Program
Exhibit H: Notice of Proposed Sanction
6.006.32 County Designed Occupational Skills Training Program
A. The program is short-term.
6.007 Weld County Grant Diversion Program
Effective 9/10/97
6.007.2 Payment Limit and Types of Payments
Revised 12/98
The client may be eligible for payments, not to exceed $3,300, as follows:
A. Vision correction necessary for employment-related activity.
B. Tools necessary for employment-related activity.
C Cost of repair of a vehicle.
• D. Clothing necessary for employment-related activity.
Revised 3/98 1. who are not married must reside at home;
2. who have not completed high school;
a. first sub-item;
b. second sub-item.
The following persons will be ineligible:
A. Fugitive felons.
6.014.33 20% Rule
work activities as defined in Sections 6.006.1 through 6.006.32 of the manual.
)";

SourceText manual() { return parse_source_text("weld", "weld.txt", kManual); }

int find(const SourceText& s, std::vector<std::string> key) { return s.find_exact(key); }

std::string text_of(const SourceText& s, int p) {
    std::string out;
    for (uint32_t i = s.paragraphs[p].first_line; i < s.paragraphs[p].end_line; ++i) out += s.lines[i] + "\n";
    return out;
}

TEST(DocSectionMatcher, TheLastOccurrenceOfASectionNumberIsTheSectionTheContentsListItFirst) {
    SourceText s = manual();
    int p = find(s, {"6.007.2"});
    ASSERT_GE(p, 0);
    EXPECT_EQ(s.paragraphs[p].label, "6.007.2");
    EXPECT_EQ(s.paragraphs[p].id, "p-6.007.2");
    EXPECT_EQ(s.paragraphs[p].chapter, "6.007");
    EXPECT_NE(text_of(s, p).find("not to exceed $3,300"), std::string::npos);
    EXPECT_EQ(s.paragraphs[p].parent, find(s, {"6.007"}));
}

TEST(DocSectionMatcher, OcrDamagedNumbersAndTitlesThatStartWithADigit) {
    const char* text =
        "6.00632 County Designed Occupational Skills Training\nA. Short-term.\n6.014.33 20% Rule\n"
        "defined in Sections 6.006.1 through 6.006.32 of the manual.\n6.006.1 through the year\n"
        "6011 Participant Sanctions and Appeals\n6.Q13 Performance Outcomes\n6,020 Community Agency Interface\n1999 "
        "The year the MOU ends\n";
    SourceText s = parse_source_text("weld", "w.txt", text);
    EXPECT_GE(find(s, {"6.006.32"}), 0);
    EXPECT_GE(find(s, {"6.006.32", "A"}), 0);
    EXPECT_GE(find(s, {"6.014.33"}), 0);
    EXPECT_LT(find(s, {"6.006.1"}), 0) << "a sentence that starts with a section number is no heading";
    EXPECT_GE(find(s, {"6.011"}), 0);
    EXPECT_GE(find(s, {"6.013"}), 0);
    EXPECT_GE(find(s, {"6.020"}), 0);
    EXPECT_LT(find(s, {"1.999"}), 0) << "a repaired number must be in a chapter the clean numbers use";
}

TEST(DocSectionMatcher, LettersNumbersAndSmallLettersInSequenceUnderASection) {
    SourceText s = manual();
    EXPECT_GE(find(s, {"6.007.2", "A"}), 0);
    EXPECT_GE(find(s, {"6.007.2", "B"}), 0);
    int c = find(s, {"6.007.2", "C"});
    ASSERT_GE(c, 0) << "OCR dropped the dot after C";
    EXPECT_EQ(s.paragraphs[c].label, "6.007.2 C");
    EXPECT_GE(find(s, {"6.007.2", "D"}), 0) << "a bullet before D. is OCR noise";
    int n = find(s, {"6.007.2", "D", "1"});
    ASSERT_GE(n, 0) << "a margin note before 1. is not part of the paragraph number";
    EXPECT_EQ(s.paragraphs[n].label, "6.007.2 D.1");
    int small = find(s, {"6.007.2", "D", "2", "b"});
    ASSERT_GE(small, 0);
    EXPECT_EQ(s.paragraphs[small].label, "6.007.2 D.2 b");
    EXPECT_EQ(s.paragraphs[small].parent, find(s, {"6.007.2", "D", "2"}));
    EXPECT_EQ(s.paragraphs[find(s, {"6.007.2", "A"})].parent, find(s, {"6.007.2"}));
}

TEST(DocSectionMatcher, InitialsAndASecondListFromAAreNotParagraphs) {
    SourceText s = manual();
    EXPECT_LT(find(s, {"M"}), 0);
    EXPECT_LT(find(s, {"I"}), 0);
    // `The following persons will be ineligible: A. Fugitive felons.` restarts the letters: the
    // first A keeps the anchor, the second is text.
    int a = find(s, {"6.007.2", "A"});
    EXPECT_NE(text_of(s, a).find("Vision"), std::string::npos);
}

TEST(DocSectionMatcher, MouParagraphsLettersRomanNumeralsAndCapitals) {
    SourceText s = manual();
    EXPECT_EQ(s.paragraphs[find(s, {"MOU", "3"})].label, "MOU ¶3");
    EXPECT_EQ(s.paragraphs[find(s, {"MOU", "3", "d"})].label, "MOU ¶3.d");
    EXPECT_EQ(s.paragraphs[find(s, {"MOU", "4", "d", "i"})].label, "MOU ¶4.d(i)");
    EXPECT_EQ(find(s, {"MOU", "4", "d"}), find(s, {"MOU", "4", "d", "i"})) << "d)(i) opens both 4.d and 4.d(i)";
    EXPECT_EQ(s.paragraphs[find(s, {"MOU", "4", "d", "i", "B"})].label, "MOU ¶4.d(i)(B)");
    EXPECT_EQ(s.paragraphs[find(s, {"MOU", "4", "d", "ii"})].label, "MOU ¶4.d(ii)");
    int d = find(s, {"MOU", "4", "d", "ii", "D"});
    ASSERT_GE(d, 0);
    EXPECT_NE(text_of(s, d).find("appeal to the Governor"), std::string::npos);
    EXPECT_EQ(s.paragraphs[d].chapter, "MOU");
}

TEST(DocSectionMatcher, AnAttachmentIsTheTextBeforeTheLineThatNamesIt) {
    SourceText s = manual();
    int k = find(s, {"Att.", "K"});
    ASSERT_GE(k, 0);
    EXPECT_NE(text_of(s, k).find("ELIGIBILITY INCOME LEVELS"), std::string::npos);
    EXPECT_EQ(s.paragraphs[k].chapter, "Attachments");
    int h = find(s, {"Exhibit", "H"});
    ASSERT_GE(h, 0);
    EXPECT_EQ(s.paragraphs[h].label, "Exhibit H");
}

TEST(DocSectionMatcher, AnOutlineDocumentWithoutSectionNumbers) {
    const char* kwp =
        " The success of the Kentucky Works Program.\n\nA.\nStaff designated:\n\n1.\nIdentification;\n\n"
        "[9.\nCompletion of requests; and]\n\nB.\nCase Managers:\n\n1.\nDelivery:\n\na.\nAn "
        "appraisal;\n\ng.\nConciliation;\n";
    SourceText s = parse_source_text("KWP", "kwp.txt", kwp);
    EXPECT_EQ(s.paragraphs[find(s, {"A"})].label, "A");
    EXPECT_GE(find(s, {"A", "1"}), 0);
    EXPECT_LT(find(s, {"A", "9"}), 0) << "9 does not follow 1";
    EXPECT_EQ(s.paragraphs[find(s, {"B", "1", "a"})].label, "B.1.a");
    EXPECT_LT(find(s, {"B", "1", "g"}), 0) << "g does not follow a";
    EXPECT_TRUE(s.paragraphs[0].label.empty()) << "the text before the first anchor is a paragraph of its own";
}

TEST(DocSectionMatcher, FindGivesTheNearestEnclosingParagraphOrNone) {
    SourceText s = manual();
    bool exact = true;
    EXPECT_EQ(s.find({"6.007.2", "Z"}, &exact), find(s, {"6.007.2"}));
    EXPECT_FALSE(exact);
    EXPECT_EQ(s.find({"6.007.2", "D", "7"}, &exact), find(s, {"6.007.2", "D"}));
    EXPECT_FALSE(exact);
    EXPECT_EQ(s.find({"6.007.25"}, &exact), -1) << "a section the manual does not have";
    EXPECT_EQ(s.find({"MOU", "9", "a"}, &exact), -1);
    EXPECT_EQ(s.find({"Att.", "K", "item", "2"}, &exact), find(s, {"Att.", "K"}));
    EXPECT_EQ(s.find({"6.007.2", "B"}, &exact), find(s, {"6.007.2", "B"}));
    EXPECT_TRUE(exact);
    EXPECT_EQ(s.find({"7.001"}, &exact), -1);
    EXPECT_EQ(s.find({"Att.", "Z"}, &exact), -1);
}

std::vector<std::vector<std::string>> keys(const std::string& cite, std::vector<std::string> names = {}) {
    std::vector<std::vector<std::string>> out;
    for (const Reference& r : parse_citation(cite, names)) out.push_back(r.key);
    return out;
}

using Keys = std::vector<std::vector<std::string>>;

TEST(DocCitations, SemicolonsSeparateReferencesAndCommasShareTheSection) {
    EXPECT_EQ(keys("6.007.4; 6.007.2"), (Keys{{"6.007.4"}, {"6.007.2"}}));
    EXPECT_EQ(keys("6.011.32 C.5 c"), (Keys{{"6.011.32", "C", "5", "c"}}));
    EXPECT_EQ(keys("6.011.31 C, D"), (Keys{{"6.011.31", "C"}, {"6.011.31", "D"}}));
    EXPECT_EQ(keys("Att. G q1, q2"), (Keys{{"Att.", "G", "q1"}, {"Att.", "G", "q2"}}));
}

TEST(DocCitations, QualifiersAndQuotedTitlesAreNotPartOfTheKey) {
    EXPECT_EQ(keys("6.008.3 B (Revised 12/98)"), (Keys{{"6.008.3", "B"}}));
    EXPECT_EQ(keys("6.002.1 (ineligible) B"), (Keys{{"6.002.1", "ineligible", "B"}}))
        << "the second list: not the first's B";
    EXPECT_EQ(keys("6.007.4 (unrevised)"), (Keys{{"6.007.4"}}));
    EXPECT_EQ(keys("Plan Att. K 'Eligibility Income Levels'"), (Keys{{"Att.", "K"}}));
    EXPECT_EQ(keys("6.006.32 A ('twelve (12) months of continuous participation')"), (Keys{{"6.006.32", "A"}}));
    EXPECT_EQ(keys("MOU p.10 (Chair's signature '05/24/99'); 6.001"), (Keys{{"MOU", "p", "10"}, {"6.001"}}));
    // a `;` or `,` inside a qualifier separates nothing
    EXPECT_EQ(keys("6.006.242 C (OCR '51,500'; catalogue #6); Exhibit E ('$1,500')"),
              (Keys{{"6.006.242", "C"}, {"Exhibit", "E"}}));
}

TEST(DocCitations, MouAttachmentsExhibitsAndNamedDocuments) {
    EXPECT_EQ(keys("MOU ¶3.d"), (Keys{{"MOU", "3", "d"}}));
    EXPECT_EQ(keys("MOU ¶4.d(ii)(D)"), (Keys{{"MOU", "4", "d", "ii", "D"}}));
    EXPECT_EQ(keys("Exhibit A-1 provision 4"), (Keys{{"Exhibit", "A-1", "provision", "4"}}));
    EXPECT_EQ(keys("KWP B.1.g", {"KWP"}), (Keys{{"B", "1", "g"}}));
    EXPECT_EQ(keys("KWP [A.9]", {"KWP"}), (Keys{{"A", "9"}}));
    EXPECT_EQ(keys("KWP B.1.g"), (Keys{{}})) << "no document of that name: outside the sources";
    EXPECT_EQ(keys("CONTRACT §4.1; catalogue #44"), (Keys{{}, {}}));
}

}  // namespace
}  // namespace tenet::doc
