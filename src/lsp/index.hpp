// Where each name of a checked ruleset is declared and used: what hover, go to definition, find
// references, rename and highlights look up.
//
// Exports: Occurrence, Index, symbol_key / enum_value_key / test_key. An occurrence's key names
// what it refers to across files and layers: "s:NAME" for the symbol table's names (declarations
// and fact paths share one namespace), "v:Enum.value" for enum values, "t:NAME" for tests. The
// index is built from the model alone: the checker's resolved references (Model::info) and the
// declarations and name spans the parser recorded, never by reading the text again.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "check/model.hpp"

namespace tenet::lsp {

struct Occurrence {
    uint32_t file = 0;            // source id in the model
    uint32_t begin = 0, end = 0;  // the name's bytes
    std::string key;
    const syntax::Decl* decl = nullptr;  // the declaration, on its own name (an enum's on its values)
    bool declaration = false;            // the name being declared, not a use
    bool renamable = true;               // false where the text is more than the name (a fact's path)
};

std::string symbol_key(const std::string& name);
std::string enum_value_key(const std::string& enum_name, const std::string& value);
std::string test_key(const std::string& name);

class Index {
public:
    explicit Index(const check::Model& model);

    // The innermost occurrence at `offset` of file `file` (an offset at a name's end counts, so
    // a cursor just after a name finds it), or null.
    const Occurrence* at(uint32_t file, uint32_t offset) const;
    // Every occurrence of `key` (declarations and uses), in file and position order.
    std::vector<const Occurrence*> of(const std::string& key) const;
    const std::vector<Occurrence>& in_file(uint32_t file) const;
    // The declaration `key` resolves to in this model: for an overridden name, the override.
    const Occurrence* effective_declaration(const std::string& key) const;

private:
    void add(Occurrence o);
    void add_decl(const syntax::Decl& d, uint32_t file);
    void add_type(const syntax::TypeExprPtr& t);

    const check::Model& model_;
    std::vector<std::vector<Occurrence>> files_;  // by source id, sorted by begin
    std::unordered_map<std::string, std::vector<std::pair<uint32_t, uint32_t>>> by_key_;  // file, position in files_
};

}  // namespace tenet::lsp
