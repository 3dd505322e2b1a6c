// The source documents a ruleset cites (a county manual, an MOU, plan attachments), split into
// paragraphs, each anchored at the section number the rulesets cite, and the citations parsed
// into the keys that find those paragraphs.
//
// Exports: Paragraph, SourceText (parse_source_text), Reference (parse_citation).
//
// Documents are plain text, often OCR'd: the section matcher reads structure from line starts.
//  - manual sections: `6.007.2 Payment Limit...` (a table of contents lists them first: the last
//    occurrence of a number is the section, earlier ones are contents lines);
//  - their outline: `A.` under a section, `1.` under a letter, `a.` under a number, each accepted
//    only in sequence (A, then B...), so initials and stray numbers are not taken for paragraphs:
//    cited as `6.011.32 C.5 c`;
//  - an MOU: `3. DUTIES OF THE COUNTY.`, `d)`, `d)(i)`, `(ii)`, `(A)`: cited as `MOU ¶4.d(ii)(D)`;
//  - plan attachments, whose `ATTACHMENT K` line ends the attachment it names: `Att. K`;
//  - exhibits: `Exhibit H` or `EXHIBIT A` at a line start: `Exhibit H`;
//  - a document with no section numbers (Kentucky's KWP): `A.`, `1.`, `a.` outline, cited with
//    the document's name first (`KWP B.1.g`).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tenet::doc {

struct Paragraph {
    std::string label;             // "6.007.2 B", "MOU ¶3.d", "Att. K"; empty: text between anchors
    std::string id;                // the HTML anchor: "6.007.2-B"
    std::vector<std::string> key;  // {"6.007.2", "B"}: what a citation is matched against
    std::string chapter;           // "6.007", "MOU", "Attachments", "Exhibits", "B"
    int parent = -1;               // the enclosing labelled paragraph
    uint32_t first_line = 0;       // 0-based, into SourceText::lines
    uint32_t end_line = 0;         // one past the last line
};

struct SourceText {
    std::string name;  // as given to --source NAME=PATH
    std::string path;
    std::vector<std::string> lines;
    std::vector<Paragraph> paragraphs;

    // The paragraph a key names, or the nearest enclosing one that exists (`*exact` false);
    // -1 when not even the outermost part of the key is in this document.
    int find(const std::vector<std::string>& key, bool* exact) const;
    int find_exact(const std::vector<std::string>& key) const;

    std::unordered_map<std::string, int> by_key;  // joined key -> paragraph
    std::vector<bool> running_header;             // per line: printed at the top of many pages, not the text
};

constexpr int kRunningHeaderRepeats = 5;

SourceText parse_source_text(std::string name, std::string path, std::string_view text);

// One reference inside a `cite "..."` string ("6.007.4; 6.007.2" holds two).
struct Reference {
    std::string text;              // as written, trimmed
    std::vector<std::string> key;  // empty: not a kind of reference a source document answers
};

// Splits a citation into references: `;` separates them, and `6.011.31 C, D` is two (the second
// takes the first's section). Qualifiers in parentheses after a space (`(Revised 12/98)`,
// `(ineligible)`) and quoted titles are not part of the key. `document_names` are the names of
// outline documents whose citations start with the name (`KWP B.1.g`).
std::vector<Reference> parse_citation(std::string_view cite, const std::vector<std::string>& document_names);

std::string join_key(const std::vector<std::string>& key);

}  // namespace tenet::doc
