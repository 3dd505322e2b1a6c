// What the site generator needs to know about a compiled ruleset, read once from the checked
// model: its layers, its declarations with their citations, dependency edges and parameter
// periods, its tests, and the parser's spans for highlighting. This is the only file of src/doc
// that reads the compiler's internals (check::Model, syntax::Decl); the pages see plain data.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "tenet/diagnostic.hpp"
#include "tenet/tenet.hpp"

namespace tenet::doc {

enum class DeclKind { Decision, Rule, Parameter, Fact, Enum, Record, Table, Ladder, Function };
const char* kind_name(DeclKind k);  // "decision"

// A byte range of one source file of the ruleset.
struct TextRange {
    uint32_t file = 0;
    uint32_t begin = 0;
    uint32_t end = 0;
};

struct Cite {
    std::string text;  // the contents of `cite "..."`
    TextRange at;      // the string, quotes included
};

struct Period {
    std::string from, to;              // ISO dates; from empty: since always; to empty: open
    int32_t from_day = 0, to_day = 0;  // days since 1970 (to: last day covered)
    std::string value;                 // the value as written
    std::vector<std::string> cites;
};

struct Layer {
    std::string name;  // colorado.weld
    std::string title;
    std::string path;          // as loaded
    int extends = -1;          // the layer this one extends
    std::vector<int> imports;  // the libraries it imports
};

struct Declaration {
    DeclKind kind;
    std::string name;
    std::string type;  // "money", "list<ExemptionReason>"; empty for enums
    std::string doc;   // the `##` comment
    int layer = 0;
    std::string where;  // file:line:col
    TextRange source;
    std::vector<Cite> cites;  // its own and its rows', steps', periods' and levels'
    std::vector<std::string> readings;
    struct Overridden {
        int layer;
        std::string where;
        TextRange source;
    };
    std::vector<Overridden> overrides;  // the base declarations this one replaces
    std::vector<Period> periods;        // parameters
    std::vector<int> reads, read_by;    // declaration indices, sorted
    std::vector<int> tests;             // tests that exercise it, nearest first
    std::string range;                  // facts: the allowed values as written, `1..30`; empty: any
    std::vector<std::string> values;    // enums: the values, in order
    struct Field {
        std::string name, type;
    };
    std::vector<Field> fields;  // records: the fields, in order
    std::string forever_as;     // decisions: how the date `forever` is written
};

struct Test {
    std::string name, title;
    std::string where;
    TextRange source;
    std::vector<int> expects;      // the declarations its expectations name
    std::vector<TextRange> given;  // the cases it starts from, innermost first
};

// A span of source the parser and checker classified: a name that refers to a declaration,
// a literal, a local, a type.
struct Mark {
    uint32_t begin = 0, end = 0;
    enum class Kind { Ref, Definition, Number, Text, Local, Type, Builtin } kind = Kind::Ref;
    int target = -1;  // Ref, Definition: the declaration
};

struct RulesetIndex {
    std::shared_ptr<const Ruleset> ruleset;
    std::string name, title;
    std::vector<Layer> layers;       // [0] is the root
    std::vector<Declaration> decls;  // sorted by kind, then name
    std::vector<Test> tests;
    std::vector<std::string> file_paths, file_texts;
    std::vector<std::vector<Mark>> marks;  // per file, sorted by begin, not overlapping
    std::unordered_map<std::string, int> by_name;

    int find(const std::string& name) const;
    // A warning at a range, as `tenet check` prints them.
    Diagnostic warning(const TextRange& at, const std::string& message) const;
};

RulesetIndex index_ruleset(std::shared_ptr<const Ruleset> ruleset);

}  // namespace tenet::doc
