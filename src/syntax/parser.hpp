// The parser: text of one .tenet file -> Module.
//
// The grammar lives in syntax/grammar/, one file per family of rules; only those files include
// Boost.Spirit X3 (rules.hpp says which unit defines which rule).
#pragma once

#include <memory>

#include "syntax/ast.hpp"
#include "syntax/source.hpp"

namespace tenet::syntax {

// Limits, explained in docs/LANGUAGE.md §12.
constexpr size_t kMaxSourceBytes = 1u << 20;  // 1 MiB: a ruleset is a document, not data
constexpr int kMaxNestingDepth = 256;         // expression nesting; keeps the parser's stack small

// Parses one file. Syntax errors go to `sink` with their position; after an error the parser
// skips to the next declaration and goes on, so one run reports one error per broken
// declaration. Returns the module with every declaration that parsed (never null).
std::shared_ptr<Module> parse_module(const SourceFile& file, DiagnosticSink& sink);

struct ParseOptions {
    // Step over `test` and `case` declarations by their braces instead of parsing them: for
    // hosts that only evaluate, to whom a ruleset's own tests are half its text and no use.
    // A declaration whose braces do not close before the next declaration is parsed as usual.
    bool skip_tests = false;
};
std::shared_ptr<Module> parse_module(const SourceFile& file, DiagnosticSink& sink, const ParseOptions& options);

}  // namespace tenet::syntax
