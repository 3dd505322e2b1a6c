// The checker: a ruleset file, with what it extends and imports -> a checked Model.
//
// Exports: SourceReader, read_source_file, CheckOptions, check_file, check_source. The checker loads and parses
// every file of the ruleset, merges their declarations by the layering rules (extends, override,
// import), resolves names, checks types, rejects cycles, analyses decision tables, and warns
// about unused facts, untested decisions and uncited rules.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "check/model.hpp"
#include "tenet/diagnostic.hpp"

namespace tenet::check {

// Reads the file at `path` into `text`; on failure fills `error` ("No such file or directory").
// The default reads from the file system; hosts that keep rulesets elsewhere pass their own.
using SourceReader =
    std::function<bool(const std::string& path, std::string* text, std::string* error)>;

// The SourceReader used when none is given: the file system. Hosts that keep some texts
// elsewhere (an editor's unsaved buffers) fall back on it for the others.
bool read_source_file(const std::string& path, std::string* text, std::string* error);

struct CheckOptions {
    SourceReader reader;          // empty: read files (regular files of at most kMaxSourceBytes)
    bool warnings = true;         // false: keep only errors
    // false: the files' cases and tests are stepped over, neither parsed, checked nor kept (nor the
    // warnings that depend on them): for hosts that only evaluate, to whom they cost time.
    bool tests = true;
    // true: check_file returns the model even when there are errors, for editors that point
    // into it (hover, go to definition). What failed to check has no ExprInfo; such a model is
    // never compiled or evaluated.
    bool keep_model_with_errors = false;
    // `extends` and `import` name files relative to the file that names them, which must lie
    // inside the root ruleset's folder or one of these folders (relative ones are taken from the
    // working directory); absolute paths, paths leading out (also through a symbolic link) and
    // files not named *.tenet are errors at the path.
    std::vector<std::string> include_roots;
    bool inherited_tests = false; // keep the tests of the extended rulesets too
};

// Checks the ruleset at `path`. Diagnostics are appended to `diags` (errors and warnings, in
// file order). Returns the model, or null when there is any error (see keep_model_with_errors).
std::shared_ptr<const Model> check_file(const std::string& path, std::vector<Diagnostic>* diags,
                                        const CheckOptions& options = {});

// Checks a ruleset given as text; `path` names it in messages, and its directory is where
// `extends` and `import` paths are resolved.
std::shared_ptr<const Model> check_source(const std::string& path, std::string text,
                                          std::vector<Diagnostic>* diags,
                                          const CheckOptions& options = {});

}  // namespace tenet::check
