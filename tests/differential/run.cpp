// One generated ruleset and its cases through every evaluator.
#include "run.hpp"

#include "tenet/tenet.hpp"

namespace tenet::differential {

void RunReport::add(const RunReport& o) {
    rulesets += o.rulesets;
    rejected += o.rejected;
    cases += o.cases;
    batch_cases += o.batch_cases;
    undecodable += o.undecodable;
    values += o.values;
    mismatches.insert(mismatches.end(), o.mismatches.begin(), o.mismatches.end());
    if (first_rejection.empty()) first_rejection = o.first_rejection;
    if (first_mismatch.empty()) first_mismatch = o.first_mismatch;
}

std::string RunReport::summary() const {
    return std::to_string(rulesets) + " rulesets (" + std::to_string(rejected) + " rejected), " +
           std::to_string(cases) + " cases (" + std::to_string(batch_cases) + " also columnar, " +
           std::to_string(undecodable) + " undecodable), " + std::to_string(values) + " rule values compared, " +
           std::to_string(mismatches.size()) + " mismatches";
}

void run_generated_ruleset(Entropy& entropy, int rules, int cases, RunReport* report) {
    Generator generator(entropy);
    std::string source = generator.ruleset(rules);
    ++report->rulesets;
    CompileOptions options;
    options.warnings = false;
    CompileResult compiled = compile_source("generated.tenet", source, options);
    if (!compiled.ok()) {
        ++report->rejected;
        if (report->first_rejection.empty()) {
            report->first_rejection = source + "\n";
            for (const auto& d : compiled.diagnostics) report->first_rejection += format_diagnostic(d);
        }
        return;
    }
    Session session(compiled.ruleset);
    Comparer comparer(compiled.ruleset);
    std::vector<Case> decoded;
    std::vector<std::string> texts;
    for (int k = 0; k < cases; ++k) {
        std::string json = generator.case_json();
        Case c;
        std::vector<InputError> errors;
        if (!session.decode(json, &c, &errors)) {
            ++report->undecodable;
            if (report->first_rejection.empty())
                report->first_rejection = json + "\n" + errors[0].path + ": " + errors[0].message;
            continue;
        }
        decoded.push_back(std::move(c));
        texts.push_back(std::move(json));
    }
    size_t before = report->mismatches.size();
    std::vector<const eval::CaseData*> data;
    for (size_t k = 0; k < decoded.size(); ++k) {
        data.push_back(&decoded[k].impl().data);
        report->values += comparer.compare(decoded[k].impl().data, "case " + std::to_string(k), &report->mismatches);
        ++report->cases;
    }
    size_t batch = comparer.compare_batch(data, &report->mismatches);
    if (batch > 0) {
        report->values += batch;
        report->batch_cases += decoded.size();
    }
    if (report->mismatches.size() > before && report->first_mismatch.empty()) {
        const Mismatch& m = report->mismatches[before];
        std::string which = m.where.substr(m.where.find(' ') + 1);
        size_t k = static_cast<size_t>(std::stoul(which));
        report->first_mismatch = source + "\n# case:\n" + (k < texts.size() ? texts[k] : "?") + "\n# " + describe(m) +
                                 "\n" + (k < decoded.size() ? comparer.dump(decoded[k].impl().data) : "");
    }
}

}  // namespace tenet::differential
