// CompiledCode: the ruleset's C built and loaded (emit/native_code.hpp), and a session's runs of it.
#include "api/compiled_code.hpp"

#include <cctype>

namespace tenet {

CompiledCode::CompiledCode(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CompiledCode::~CompiledCode() = default;

std::shared_ptr<const CompiledCode> CompiledCode::build(std::shared_ptr<const Ruleset> ruleset,
                                                        const CompiledCodeOptions& options, std::string* error) {
    auto impl = std::make_unique<Impl>();
    Ruleset::CSource c = ruleset->emit_c("", ruleset->name());
    emit::NativeOptions native;
    native.compiler = options.compiler;
    // a large file at -O1: its programs are in pieces (emit/c_emitter.hpp), and -O2 takes gcc
    // three times as long over Weld's (6 minutes against 2) for a tenth less time a case
    native.flags = !options.flags.empty()                         ? options.flags
                   : c.text.size() > CompiledCodeOptions::kLargeC ? "-O1"
                                                                  : "-O2";
    native.cache_dir = options.cache_dir;
    native.cache_limit = options.cache_limit;
    native.cancelled = options.cancelled;
    if (options.before_compiling) {
        native.before_compiling = [tell = options.before_compiling, flags = native.flags](
                                      const std::string& library, size_t c_bytes) { tell(library, c_bytes, flags); };
    }
    native.name.clear();  // the libraries are named after the ruleset, in letters a file name takes
    for (char ch : ruleset->name()) native.name += std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' ? ch : '_';
    if (native.name.empty()) native.name = "tenet";
    if (!impl->native.load(c.text, native, error)) return nullptr;
    impl->ruleset = std::move(ruleset);
    impl->not_compiled = std::move(c.not_compiled);
    return std::make_shared<const CompiledCode>(std::move(impl));
}

const Ruleset& CompiledCode::ruleset() const { return *impl_->ruleset; }
bool CompiledCode::compiled_now() const { return impl_->native.compiled(); }
const std::vector<std::pair<std::string, std::string>>& CompiledCode::not_compiled() const {
    return impl_->not_compiled;
}

CompiledRun::CompiledRun(std::shared_ptr<const CompiledCode> code) : code_(std::move(code)) {
    size_t n = code_->ruleset().decisions().size();
    ctx_ = code_->impl().native.new_context();
    // one more than the decisions: the generated code's arrays are never empty
    results_.resize(n + 1);
    fallback_.assign(n + 1, 1);  // nothing answered before the first run
}

CompiledRun::~CompiledRun() {
    if (ctx_) code_->impl().native.free_context(ctx_);
}

void CompiledRun::run(const eval::CaseData& data) {
    if (!ctx_) return;  // out of memory when the session began: every decision stays left to the interpreter
    // answered() reads the results where it is asked: a pass over them here cost a tenth of a
    // Weld case (callgrind)
    code_->impl().native.decide_all(ctx_, data.values.data(), data.states.data(), results_.data(), fallback_.data());
}

}  // namespace tenet
