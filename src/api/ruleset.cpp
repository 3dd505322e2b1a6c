// Compiling a ruleset: check, then prepare what evaluation needs (decoder, periods, programs).
#include <algorithm>

#include "api/ruleset_impl.hpp"
#include "check/checker.hpp"
#include "eval/constant_evaluator.hpp"
#include "util/date.hpp"
#include "util/stack.hpp"
#include "util/utf8.hpp"

namespace tenet {

size_t Ruleset::Impl::period_of(util::Days day) const {
    auto it = std::upper_bound(breaks.begin(), breaks.end(), day);
    return it == breaks.begin() ? 0 : static_cast<size_t>(it - breaks.begin()) - 1;
}

const compile::Program& Ruleset::Impl::program(size_t period) const {
    std::call_once(built[period], [&] {
        // the depth limit was checked at compile time on one period; folding only shortens
        // chains; the builder recurses along them, so it gets a stack of its own
        util::run_with_large_stack([&] {
            std::string error;
            programs[period] = compile::build_program(*model, breaks[period], decision_rules, &error);
        });
    });
    return *programs[period];
}

Ruleset::Ruleset(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Ruleset::~Ruleset() = default;
const std::string& Ruleset::name() const { return impl_->model->name; }

namespace {

// Names are compared in NFC, as the ruleset spells them (LANGUAGE.md §1): "año" written with a
// combining tilde finds the decision. Invalid UTF-8 names nothing.
bool nfc_name(std::string_view name, std::string* out) {
    if (util::find_invalid_utf8(name) != util::kValidUtf8) return false;
    *out = util::to_nfc(name);
    return true;
}

}  // namespace

int Ruleset::find_decision(std::string_view name) const {
    std::string nfc;
    if (!nfc_name(name, &nfc)) return -1;
    for (size_t i = 0; i < impl_->decisions.size(); ++i) {
        if (impl_->decisions[i].name == nfc) return static_cast<int>(i);
    }
    return -1;
}

int Ruleset::find_fact(std::string_view path) const {
    std::string nfc;
    if (!nfc_name(path, &nfc)) return -1;
    for (size_t i = 0; i < impl_->facts.size(); ++i) {
        if (impl_->facts[i].path == nfc) return static_cast<int>(i);
    }
    return -1;
}

Case::Case() : impl_(std::make_unique<Impl>()) {}
Case::~Case() = default;
Case::Case(Case&&) noexcept = default;
Case& Case::operator=(Case&&) noexcept = default;

std::string Case::as_of() const {
    const eval::CaseData& data = impl_->data;  // as_of is fact 0
    if (data.states.empty() || data.states[0] != eval::State::Ok) return "";
    return util::format_iso_date(data.values[0].d);
}

static CompileResult finish(std::shared_ptr<const check::Model> model, std::vector<Diagnostic> diags) {
    CompileResult result;
    result.diagnostics = std::move(diags);
    if (!model) return result;
    auto impl = std::make_unique<Ruleset::Impl>();
    impl->model = model;
    impl->decoder = std::make_unique<eval::CaseDecoder>(*model);
    impl->breaks = check::parameter_breaks(*model);
    impl->decision_rules = model->decisions;
    impl->programs.resize(impl->breaks.size());
    impl->built.reset(new std::once_flag[impl->breaks.size()]);
    describe_ruleset(*model, impl.get());
    // Build the latest period now: compile-time limits are reported here, not at evaluation.
    std::string error;
    uint32_t error_rule = check::kNone;
    size_t last = impl->breaks.size() - 1;
    auto program = compile::build_program(*model, impl->breaks[last], impl->decision_rules, &error, &error_rule);
    if (!program) {
        syntax::DiagnosticSink sink(model->sources);
        if (error_rule == check::kNone) {
            sink.file_error(model->module_paths[0], error);
        } else {
            sink.error(model->rules[error_rule].origin.decl->name_span, error);
        }
        for (Diagnostic& d : sink.take()) result.diagnostics.push_back(std::move(d));
        return result;
    }
    impl->programs[last] = std::move(program);
    std::call_once(impl->built[last], [] {});
    result.ruleset = std::make_shared<Ruleset>(std::move(impl));
    return result;
}

static check::CheckOptions check_options(const CompileOptions& options) {
    check::CheckOptions o;
    o.reader = options.reader;
    o.include_roots = options.include_roots;
    o.warnings = options.warnings;
    o.tests = options.tests;
    o.inherited_tests = options.inherited_tests;
    o.constants = eval::constant_evaluators();
    return o;
}

// The checker and the compiler recurse on the ruleset's structure (bounded by the limits of
// LANGUAGE.md §12): they run on a thread with a large stack, whatever stack the host's thread has.
CompileResult compile_file(const std::string& path, const CompileOptions& options) {
    CompileResult result;
    util::run_with_large_stack([&] {
        std::vector<Diagnostic> diags;
        auto model = check::check_file(path, &diags, check_options(options));
        result = finish(std::move(model), std::move(diags));
    });
    return result;
}

CompileResult compile_source(const std::string& path, std::string text, const CompileOptions& options) {
    CompileResult result;
    util::run_with_large_stack([&] {
        std::vector<Diagnostic> diags;
        auto model = check::check_source(path, std::move(text), &diags, check_options(options));
        result = finish(std::move(model), std::move(diags));
    });
    return result;
}

}  // namespace tenet
