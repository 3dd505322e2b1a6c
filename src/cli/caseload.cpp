// `tenet caseload`: the participation rate of a caseload per family type and federal fiscal year
// (README.md; the counting is participation.hpp's).
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/participation.hpp"
#include "util/lines.hpp"

namespace tenet::cli {

namespace {

int caseload(const Args& args) {
    auto rs = load(args.positional[0], args.include_roots);
    if (!rs) return 2;
    std::string missing;
    if (!Participation::supported(*rs, &missing)) {
        std::cerr << args.positional[0] << ": error: `tenet caseload` needs " << missing << "\n";
        return 2;
    }
    Request request;
    resolve_decisions(*rs, Participation::decisions(), &request.decisions);
    std::ifstream in(args.cases_file, std::ios::binary);
    if (!in) {
        std::cerr << args.cases_file << ": error: cannot read the cases file\n";
        return 2;
    }
    Participation participation;
    Session session(rs);
    session.use_compiled_code(compiled_engine("tenet caseload", args, rs));
    Case c;
    std::string line, out;
    long line_number = 0, bad = 0;
    for (util::LineRead r; (r = util::read_line(in, &line)) != util::LineRead::End;) {
        ++line_number;
        if (r == util::LineRead::TooLong) {
            std::cerr << args.cases_file << ":" << line_number
                      << ": error: " << util::line_too_long(static_cast<size_t>(line_number)) << "\n";
            return 2;
        }
        std::vector<InputError> errors;
        if (!session.decode(line, &c, &errors, args.as_of)) {
            for (const auto& e : errors)
                std::cerr << args.cases_file << ":" << line_number << ": " << e.path << ": error: " << e.message
                          << "\n";
            ++bad;
            continue;
        }
        out.clear();
        session.evaluate_json(c, request, &out, &errors);
        participation.add(nlohmann::json::parse(line, nullptr, false), nlohmann::json::parse(out));
    }
    std::cout << participation.report().dump(2) << "\n";
    if (bad) {
        std::cerr << args.cases_file << ": " << bad << " of " << line_number << " cases were rejected\n";
        return 2;
    }
    return 0;
}

}  // namespace

Command register_caseload(CLI::App& tenet) {
    auto args = std::make_shared<Args>();
    CLI::App* cmd = tenet.add_subcommand("caseload", "participation rate per family type and federal fiscal year");
    add_ruleset(cmd, args.get());
    add_cases(cmd, args.get())->required();
    add_as_of(cmd, args.get());
    add_engine(cmd, args.get());
    return {cmd, [args] { return caseload(*args); }};
}

}  // namespace tenet::cli
