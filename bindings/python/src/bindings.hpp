// What the translation units of the `_tenet` extension share.
#pragma once

#include <pybind11/pybind11.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "tenet/tenet.hpp"

namespace tenet::python {

// A compiled ruleset, and the session that evaluates the single cases given to it from Python
// (one at a time: the mutex; frames use their own sessions, one per worker thread).
struct RulesetHandle {
    explicit RulesetHandle(std::shared_ptr<const Ruleset> rs);
    pybind11::tuple evaluate_json(const std::string& text, const std::string& as_of,
                                  const std::vector<std::string>& decisions, bool explain, bool strict);
    // evaluate_json and evaluate_columns with the ruleset's compiled code from now on
    // (docs/COMPILED.md): "" when it is built and loaded, else why not (the interpreter then stays).
    std::string use_compiled_code(const std::string& compiler, const std::string& flags, const std::string& cache_dir);

    std::shared_ptr<const Ruleset> ruleset;
    std::mutex mutex;
    Session session;
    Case kase;
    std::shared_ptr<const CompiledCode> code;  // use_compiled_code's, for frames; null: none
};

// A message or path as str, even when it holds bytes that are not UTF-8 (a file name given as
// bytes, a quoted fragment cut inside a character): those are kept as surrogates, as
// os.fsdecode keeps them, instead of raising UnicodeDecodeError.
pybind11::str text_of(const std::string& s);

// Ruleset.evaluate_columns: see frame.cpp.
pybind11::tuple evaluate_columns_py(RulesetHandle& h, size_t rows, const pybind11::list& columns,
                                    const std::string& as_of, const std::vector<std::string>& decisions,
                                    unsigned threads, bool messages);

// decision_diff and declaration_diff, shared with `tenet diff`: see compare.cpp.
void define_compare(pybind11::module_& m);

}  // namespace tenet::python
