// `tenet notice`: the notice of proposed action for one case, in English or Spanish
// (docs/NOTICES.md; outcomes and exit codes: docs/CASES.md). Exit 0 with the notice on stdout; 1 when the case
// calls for no notice (the reason, in the notice's language, on stderr); 2 on bad input.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "tenet/notice.hpp"

namespace tenet::cli {

namespace {

int notice(const Args& args) {
    std::string lang = args.lang.empty() ? "en" : args.lang;
    auto rs = load(args.positional[0], args.include_roots);
    if (!rs) return 2;
    std::vector<Diagnostic> diags;
    auto templates = NoticeTemplates::load(*rs, "sanction", &diags);
    print_diagnostics(diags);
    if (!templates) return 2;
    std::string text;
    if (!read_file(args.case_file, &text)) {
        std::cerr << args.case_file << ": error: cannot read the case file\n";
        return 2;
    }
    Session session(rs);
    Case c;
    std::vector<InputError> errors;
    if (!session.decode(text, &c, &errors, args.as_of)) {
        print_input_errors(args.case_file, errors);
        return 2;
    }
    NoticeResult r = render_notice(session, c, *templates, lang);
    switch (r.status) {
        case NoticeResult::Status::Rendered: std::cout << r.text; return 0;
        case NoticeResult::Status::NothingToNotify: std::cerr << args.case_file << ": " << r.text; return 1;
        case NoticeResult::Status::BadInput: break;
    }
    print_input_errors(args.case_file, r.errors);
    return 2;
}

}  // namespace

Command register_notice(CLI::App& tenet) {
    auto args = std::make_shared<Args>();
    CLI::App* cmd = tenet.add_subcommand("notice", "the notice of proposed action; exit 1 when none is due");
    add_ruleset(cmd, args.get());
    add_case(cmd, args.get())->required();
    add_lang(cmd, args.get(), "the language of the notice (default: en)");
    add_as_of(cmd, args.get());
    return {cmd, [args] { return notice(*args); }};
}

}  // namespace tenet::cli
