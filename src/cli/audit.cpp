// `tenet audit FILE.sqlite [filters] [--replay [--against RULESET]] [--lang en|es]`: the rows of
// a service's audit log, and their replay (docs/SERVE.md). Exit 0; with --replay, 1 when a
// decision changed; 2 on bad input.
#include <CLI/CLI.hpp>
#include <iostream>
#include <map>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "serve/audit_log.hpp"
#include "serve/replay.hpp"

namespace tenet::cli {

namespace {

struct AuditOptions {
    std::string file;  // FILE.sqlite
    serve::AuditLog::Filter filter;
    bool replay = false;
    std::string against;                     // --against RULESET: replay against it, not the recorded version
    std::vector<std::string> include_roots;  // --include-root: folders --against's extends/import may read
    std::string lang = "en";                 // of the explanations printed with a change
};

void print_row(const serve::AuditRow& r) {
    std::cout << r.id << "\t" << r.time << "\t" << r.request_id << (r.item ? "#" + std::to_string(r.item) : "") << "\t"
              << r.endpoint << "\t" << r.ruleset << "\t" << r.version << "\t" << r.as_of << "\t" << r.decisions;
    if (r.unresolved != "{}") std::cout << "\tunresolved " << r.unresolved;
    if (r.errors != "{}") std::cout << "\terrors " << r.errors;
    std::cout << "\n";
}

void indent(const std::string& text, const char* by) {
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::cout << by << text.substr(start, end - start) << "\n";
        start = end + 1;
    }
}

int audit(const AuditOptions& o) {
    std::string error;
    auto log = serve::AuditLog::open(o.file, false, &error);
    if (!log) {
        std::cerr << "tenet audit: " << error << "\n";
        return 2;
    }
    std::vector<serve::AuditRow> rows;
    if (!log->query(o.filter, &rows, &error)) {
        std::cerr << o.file << ": error: " << error << "\n";
        return 2;
    }
    if (!o.replay) {
        for (const auto& r : rows) print_row(r);
        return 0;
    }
    std::shared_ptr<const serve::LoadedRuleset> against;
    if (!o.against.empty()) {
        std::vector<Diagnostic> diags;
        against = serve::load_ruleset(o.against, o.include_roots, &diags);
        print_diagnostics(diags);
        if (!against) return 2;
    }
    std::map<std::string, std::shared_ptr<const serve::LoadedRuleset>> versions;  // the recorded ones
    int status = 0;
    for (const auto& row : rows) {
        auto& recorded = versions[row.version];
        if (!recorded) {
            std::string root;
            std::map<std::string, std::string> files;
            if (!log->ruleset_files(row.version, &root, &files)) {
                std::cerr << o.file << ": error: row " << row.id << " names version " << row.version
                          << ", which the log does not keep\n";
                return 2;
            }
            std::vector<Diagnostic> diags;
            recorded = serve::load_ruleset_from(root, files, &diags);
            print_diagnostics(diags);
            if (!recorded) return 2;
        }
        const serve::LoadedRuleset& target = against ? *against : *recorded;
        std::cout << "row " << row.id << ": request " << row.request_id
                  << (row.item ? "#" + std::to_string(row.item) : "") << ", " << row.ruleset << " as of " << row.as_of
                  << ": recorded with version " << row.version << ", replayed against " << target.version
                  << (against ? " (" + o.against + ")" : " (the recorded version)") << "\n";
        serve::ReplayResult r = serve::replay(row, *recorded, target, o.lang);
        for (const auto& p : r.redacted) std::cout << "  redacted, left out of the replay: " << p << "\n";
        if (!r.ok) {
            for (const auto& e : r.errors)
                std::cout << "  the case does not decode: " << e.path << ": " << e.message << "\n";
            status = 2;
            continue;
        }
        for (const auto& c : r.changes) {
            std::cout << "  changed " << c.decision << ": " << c.before << " -> " << c.after << "\n";
            std::cout << "    explanation, version " << recorded->version << ":\n";
            indent(c.explained_before, "      ");
            std::cout << "    explanation, version " << target.version << ":\n";
            indent(c.explained_after, "      ");
        }
        std::cout << "  " << r.changes.size() << " changed, " << r.unchanged << " unchanged\n";
        if (!r.changes.empty() && status == 0) status = 1;
    }
    return status;
}
}  // namespace

Command register_audit(CLI::App& tenet) {
    auto o = std::make_shared<AuditOptions>();
    CLI::App* cmd = tenet.add_subcommand("audit", "a service's audit log: list rows, replay them (docs/SERVE.md)");
    cmd->add_option("FILE", o->file, "the audit log tenet serve --audit wrote")
        ->type_name("FILE.sqlite")
        ->required()
        ->check(CLI::Validator(input_file_problem, "", "input file"));
    cmd->add_option("--id", o->filter.id, "the row with this id")->check(CLI::PositiveNumber);
    cmd->add_option("--request", o->filter.request_id, "the rows of this request id");
    cmd->add_option("--ruleset", o->filter.ruleset, "the rows of this ruleset name");
    cmd->add_option("--version", o->filter.version, "the rows evaluated on this version");
    cmd->add_option("--decision", o->filter.decision, "the rows with this decision decided, unresolved or in error");
    cmd->add_option("--since", o->filter.since, "rows at or after this time (ISO 8601, UTC)");
    cmd->add_option("--until", o->filter.until, "rows before this time");
    cmd->add_option("--limit", o->filter.limit, "at most this many rows (default 100)")->check(CLI::Range(1, 1000000));
    cmd->add_flag("--replay", o->replay, "evaluate each row again and print what changed, with both explanations");
    auto against = cmd->add_option("--against", o->against, "replay against this ruleset, not the recorded version")
                       ->type_name("FILE.tenet")
                       ->check(CLI::Validator(input_file_problem, "", "input file"));
    cmd->add_option("--lang", o->lang, "the language of the explanations (default en)")
        ->check(CLI::IsMember({"en", "es"}));
    against->needs(cmd->get_option("--replay"));
    auto roots = std::make_shared<Args>();
    add_include_roots(cmd, roots.get())->needs(against);
    return {cmd, [o, roots] {
                o->include_roots = roots->include_roots;
                return audit(*o);
            }};
}

}  // namespace tenet::cli
