// `tenet eval`: one case to stdout, or a JSONL batch to a JSONL file on several threads, with
// progress on stderr and, with --summary, a table for people on stdout.
#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/output_file.hpp"
#include "cli/progress.hpp"
#include "cli/summary.hpp"
#include "util/lines.hpp"

namespace tenet::cli {

namespace {

std::string json_quote(const std::string& s) {
    std::string out = "\"";
    for (char ch : s) {
        unsigned char c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += ch;
        }
    }
    return out + "\"";
}

int eval_one(const Args& args, const std::shared_ptr<const Ruleset>& rs, const Request& request) {
    std::string text;
    if (!read_file(args.case_file, &text)) {
        std::cerr << args.case_file << ": error: cannot read the case file\n";
        return 2;
    }
    Session session(rs);
    // an explanation is the interpreter's trace: with --explain there is nothing to compile
    if (!request.explain) session.use_compiled_code(compiled_engine("tenet eval", args, rs));
    Case c;
    std::vector<InputError> errors;
    if (!session.decode(text, &c, &errors, args.as_of)) {
        print_input_errors(args.case_file, errors);
        return 2;
    }
    std::string out;
    if (args.explain == "text") {
        if (!session.explain_text(c, request, args.lang.empty() ? "en" : args.lang, &out, &errors)) {
            print_input_errors(args.case_file, errors);
            return 2;
        }
        std::cout << out;
        return 0;
    }
    if (!session.evaluate_json(c, request, &out, &errors)) {
        print_input_errors(args.case_file, errors);
        return 2;
    }
    std::cout << out << "\n";
    return 0;
}

// The number of lines of a regular file, for the progress total; 0 for a pipe or device, which
// can be read only once (it is streamed, and progress counts the cases done).
size_t count_lines(const std::string& path) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return 0;
    std::ifstream in(path, std::ios::binary);
    size_t lines = 0;
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0)
        lines += static_cast<size_t>(std::count(buffer, buffer + in.gcount(), '\n'));
    return lines;
}

std::string error_line(size_t line_number, const std::vector<InputError>& errors) {
    std::string err = "{\"line\":" + std::to_string(line_number) + ",\"errors\":[";
    for (size_t k = 0; k < errors.size(); ++k) {
        if (k) err += ',';
        err += "{\"path\":" + json_quote(errors[k].path) + ",\"message\":" + json_quote(errors[k].message) + "}";
    }
    return err + "]}";
}

// Cases are processed in chunks: each chunk is split among the threads, and its results are
// written in input order before the next chunk is read, so memory stays bounded for any file
// (a chunk ends at kChunkLines lines or past kChunkBytes, a line at util::kMaxJsonlLineBytes)
// and progress moves in steps of a chunk.
constexpr size_t kChunkLines = 1024;
constexpr size_t kChunkBytes = size_t{64} << 20;

int eval_batch(const Args& args, const std::shared_ptr<const Ruleset>& rs, const Request& request) {
    std::ifstream in(args.cases_file, std::ios::binary);
    if (!in) {
        std::cerr << args.cases_file << ": error: cannot read the cases file\n";
        return 2;
    }
    // every input is known good before the output is touched; the output replaces the target
    // only when the whole batch is written
    std::vector<std::string> inputs = ruleset_files(*rs);
    inputs.push_back(args.cases_file);
    OutputFile out;
    if (!out.open(args.out_file, inputs)) return 2;

    Progress progress("tenet eval", count_lines(args.cases_file));
    std::unique_ptr<Summary> summary;
    if (args.summary) summary = std::make_unique<Summary>(*rs, request);
    int threads = std::max(1, args.threads);
    std::vector<std::unique_ptr<Session>> sessions;
    auto code = request.explain ? nullptr : compiled_engine("tenet eval", args, rs);
    for (int t = 0; t < threads; ++t) {
        sessions.push_back(std::make_unique<Session>(rs));
        sessions.back()->use_compiled_code(code);
    }

    std::vector<std::string> lines, results;
    std::vector<std::vector<InputError>> errors;
    size_t line_number = 0, bad = 0;
    std::string line;
    bool more = true;
    while (more) {
        lines.clear();
        size_t chunk_bytes = 0;
        while (lines.size() < kChunkLines && chunk_bytes < kChunkBytes) {
            util::LineRead r = util::read_line(in, &line);
            if (r == util::LineRead::TooLong) {
                progress.interrupt();
                size_t at = line_number + lines.size() + 1;
                std::cerr << args.cases_file << ":" << at << ": error: " << util::line_too_long(at) << "\n";
                return 2;  // the output is not written
            }
            if (!(more = r == util::LineRead::Line)) break;
            chunk_bytes += line.size();
            lines.push_back(line);
        }
        if (lines.empty()) break;
        results.assign(lines.size(), std::string());
        errors.assign(lines.size(), {});
        auto work = [&](size_t t) {
            Session& s = *sessions[t];
            Case c;
            for (size_t i = t; i < lines.size(); i += static_cast<size_t>(threads)) {
                if (s.decode(lines[i], &c, &errors[i], args.as_of))
                    s.evaluate_json(c, request, &results[i], &errors[i]);
            }
        };
        std::vector<std::thread> pool;
        for (int t = 1; t < threads; ++t) pool.emplace_back(work, static_cast<size_t>(t));
        work(0);
        for (auto& th : pool) th.join();
        for (size_t i = 0; i < lines.size(); ++i) {
            ++line_number;
            if (!errors[i].empty()) {
                ++bad;
                progress.interrupt();
                for (const auto& e : errors[i]) {
                    std::cerr << args.cases_file << ":" << line_number << ": " << e.path << ": error: " << e.message
                              << "\n";
                }
                // the line stays in the output, so output line N is always input line N
                if (!out.write(error_line(line_number, errors[i]) + "\n")) return 2;
            } else if (!out.write(results[i].empty() ? "{}\n" : results[i] + "\n")) {
                return 2;
            }
            if (summary) summary->add(line_number, lines[i], results[i], errors[i]);
        }
        progress.update(line_number, bad);
    }
    progress.finish(line_number, bad);
    if (!out.commit()) return 2;
    if (summary) std::cout << summary->text(args.out_file) << std::flush;
    if (bad) {
        std::cerr << args.cases_file << ": " << bad << " of " << line_number << " cases were rejected\n";
        return 2;
    }
    return 0;
}

int eval(const Args& args) {
    bool batch = !args.cases_file.empty();
    if (!batch && args.case_file.empty()) return usage_error("tenet eval needs --case FILE.json or --cases FILE.jsonl");
    if (batch && args.out_file.empty()) return usage_error("--cases needs --out FILE.jsonl");
    if (batch && args.explain == "text")
        return usage_error("--explain=text explains one case (--case); a batch takes --explain");
    if (!args.lang.empty() && args.explain != "text") return usage_error("--lang is the language of --explain=text");
    auto rs = load(args.positional[0], args.include_roots);
    if (!rs) return 2;
    Request request;
    request.explain = !args.explain.empty();
    if (!resolve_decisions(*rs, args.decisions, &request.decisions)) return 2;
    // an unresolved or failed decision is a result, not bad input, with --decision too (docs/CASES.md §3)
    return batch ? eval_batch(args, rs, request) : eval_one(args, rs, request);
}

}  // namespace

void print_input_errors(const std::string& file, const std::vector<InputError>& errors) {
    for (const auto& e : errors) std::cerr << file << ": " << e.path << ": error: " << e.message << "\n";
}

Command register_eval(CLI::App& tenet) {
    auto args = std::make_shared<Args>();
    CLI::App* cmd = tenet.add_subcommand("eval", "the decisions of one case (--case) or of a batch (--cases, --out)");
    add_ruleset(cmd, args.get());
    auto* one = add_case(cmd, args.get());
    auto* many = add_cases(cmd, args.get());
    one->excludes(many);
    auto* out = cmd->add_option("--out", args->out_file,
                                "the batch's results, one JSON object a line; replaced only when the batch is done")
                    ->type_name("FILE.jsonl")
                    ->needs(many);
    cmd->add_flag("--summary", args->summary,
                  "with --cases: a table of the first cases, unresolved decisions and participation on stdout")
        ->needs(out);
    cmd->add_option("--threads", args->threads, "threads for a batch")->check(CLI::Range(1, 256))->needs(many);
    add_decisions(cmd, args.get(), "only this decision (repeatable); unresolved or failed ones are listed, not errors");
    cmd->add_flag("--explain{json}", args->explain,
                  "--explain or --explain=json: add the rules and citations behind each decision; "
                  "--explain=text: the same as lines to read aloud (one case)")
        ->option_text("[=text|json]")
        ->check(CLI::IsMember({"json", "text"}))
        ->multi_option_policy(CLI::MultiOptionPolicy::Throw);
    add_lang(cmd, args.get(), "the language of --explain=text (default: en)");
    add_as_of(cmd, args.get());
    add_engine(cmd, args.get());
    return {cmd, [args] { return eval(*args); }};
}

}  // namespace tenet::cli
