// The declarations of a compiled ruleset, as `tenet diff` compares two versions of it: each
// declaration in force (an override replaces what it overrides) with its source text and the
// decisions it can affect, found by following the checker's references backwards.
//
//   for (const tenet::DeclarationInfo& d : tenet::declarations(*ruleset)) { d.name, d.affects ... }
#pragma once

#include <string>
#include <vector>

#include "tenet/tenet.hpp"

namespace tenet {

struct DeclarationInfo {
    std::string name;
    // "enum", "record", "fact", "parameter", "rule", "decision", "function", "table" or "ladder"
    std::string kind;
    // its source with comments dropped, runs of blanks made one space and a leading `override`
    // left out (it says where a declaration comes from, not what it is): equal texts, same meaning
    std::string text;
    std::string where;                 // its name's place: "weld.tenet:53:1"
    std::vector<std::string> affects;  // the decisions that read it, directly or through others, sorted
};

// Every declaration in force, by name.
std::vector<DeclarationInfo> declarations(const Ruleset& ruleset);

}  // namespace tenet
