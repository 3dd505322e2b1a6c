// `tenet notice`: the notice of proposed action for one case, in English or Spanish
// (CONTRACT.md §1, §4.1; docs/NOTICES.md). Exit 0 with the notice on stdout; 1 when the case
// calls for no notice (the reason, in the notice's language, on stderr); 2 on bad input.
#include <iostream>

#include "cli/commands.hpp"
#include "tenet/notice.hpp"

namespace tenet::cli {

int notice(const Args& args) {
    if (args.positional.size() != 1) return usage_error("tenet notice needs one ruleset");
    if (args.case_file.empty()) return usage_error("tenet notice needs --case FILE.json");
    std::string lang = args.lang.empty() ? "en" : args.lang;
    if (lang != "en" && lang != "es") return usage_error("--lang must be en or es");
    auto rs = load(args.positional[0], false);
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
        case NoticeResult::Status::Rendered:
            std::cout << r.text;
            return 0;
        case NoticeResult::Status::NothingToNotify:
            std::cerr << args.case_file << ": " << r.text;
            return 1;
        case NoticeResult::Status::BadInput:
            break;
    }
    print_input_errors(args.case_file, r.errors);
    return 2;
}

}  // namespace tenet::cli
