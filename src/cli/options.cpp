// The options shared by the commands (options.hpp).
#include "cli/options.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>

#include "util/date.hpp"

namespace tenet::cli {

std::string input_file_problem(const std::string& path) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0)
        return path + (errno == ENOENT ? ": no such file" : ": " + std::string(std::strerror(errno)));
    if (S_ISDIR(st.st_mode)) return path + ": is a directory";
    if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode) && !S_ISCHR(st.st_mode)) return path + ": is not a file";
    if (::access(path.c_str(), R_OK) != 0) return path + ": cannot be read: " + std::strerror(errno);
    return "";
}

namespace {

const CLI::Validator kInputFile(input_file_problem, "", "input file");

std::string language_problem(const std::string& lang) {
    return lang == "en" || lang == "es" ? "" : "`" + lang + "`: must be en or es";
}

std::string date_problem(const std::string& text) {
    util::Days day;
    if (util::parse_iso_date(text, &day)) return "";
    return "`" + text + "` is not a day of the calendar (YYYY-MM-DD, years " + std::to_string(util::kMinYear) + "-" +
           std::to_string(util::kMaxYear) + ")";
}

}  // namespace

CLI::Option* add_include_roots(CLI::App* command, Args* args) {
    // one value per --include-root, so that a ruleset after it stays positional
    return command
        ->add_option("--include-root", args->include_roots,
                     "a folder `extends` and `import` may also read (repeatable)")
        ->type_name("DIR")
        ->allow_extra_args(false)
        ->check(CLI::ExistingDirectory);
}

CLI::Option* add_ruleset(CLI::App* command, Args* args) {
    add_include_roots(command, args);
    return command
        ->add_option("RULESET", args->positional, "the .tenet file; what it extends and imports resolve beside it")
        ->type_name("FILE.tenet")
        ->required()
        ->expected(1)
        ->check(kInputFile);
}

CLI::Option* add_rulesets(CLI::App* command, Args* args) {
    return command->add_option("RULESET", args->positional, "one or more .tenet files")
        ->type_name("FILE.tenet")
        ->required()
        ->check(kInputFile);
}

CLI::Option* add_case(CLI::App* command, Args* args) {
    return command->add_option("--case", args->case_file, "one case, a JSON object (docs/CASES.md)")
        ->type_name("FILE.json")
        ->check(kInputFile);
}

CLI::Option* add_cases(CLI::App* command, Args* args) {
    return command->add_option("--cases", args->cases_file, "cases, one JSON object a line; a pipe is read as a stream")
        ->type_name("FILE.jsonl")
        ->check(kInputFile);
}

CLI::Option* add_as_of(CLI::App* command, Args* args) {
    return command->add_option("--as-of", args->as_of, "the day the decisions are for, whatever the case says")
        ->type_name("YYYY-MM-DD")
        ->check(CLI::Validator(date_problem, "", "date"));
}

CLI::Option* add_decisions(CLI::App* command, Args* args, const std::string& help) {
    // one value per --decision, so that a ruleset after it stays positional
    return command->add_option("--decision", args->decisions, help)->type_name("NAME")->allow_extra_args(false);
}

CLI::Option* add_lang(CLI::App* command, Args* args, const std::string& help) {
    return command->add_option("--lang", args->lang, help)
        ->type_name("en|es")
        ->check(CLI::Validator(language_problem, "", "language"));
}

CLI::Option* add_engine(CLI::App* command, Args* args) {
    return command
        ->add_option("--engine", args->engine,
                     "compiled: evaluate with the ruleset's C, built by the system C compiler and cached "
                     "(docs/COMPILED.md); the same results. Default: interpreted")
        ->type_name("interpreted|compiled")
        ->check(CLI::IsMember({"interpreted", "compiled"}));
}

}  // namespace tenet::cli
