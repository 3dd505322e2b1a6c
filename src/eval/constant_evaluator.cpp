// check::ConstantEvaluator over the compiler's ConstantBuilder and the decoder's range check.
#include "eval/constant_evaluator.hpp"

#include <memory>

#include "compile/builder.hpp"
#include "eval/case_json.hpp"

namespace tenet::eval {

namespace {

class CompiledConstants final : public check::ConstantEvaluator {
public:
    CompiledConstants(const check::Model& m, util::Days day) : m_(m), constants_(m, day) {}

    bool evaluate(const syntax::Expr* e, check::TypeId type, Cell* out, Fault* fault) override {
        return constants_.evaluate(e, type, out, fault);
    }

    bool in_range(const check::FactInfo& f, const Value& v, std::string* message) override {
        return fact_value_in_range(f, m_.types.kind(m_.types.strip_optional(f.type)), v, message);
    }

private:
    const check::Model& m_;
    compile::ConstantBuilder constants_;
};

}  // namespace

check::ConstantEvaluators constant_evaluators() {
    return [](const check::Model& m, util::Days day) -> std::unique_ptr<check::ConstantEvaluator> {
        return std::make_unique<CompiledConstants>(m, day);
    };
}

}  // namespace tenet::eval
