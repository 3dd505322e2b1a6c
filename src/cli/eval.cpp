// `tenet eval`: one case to stdout, or a JSONL batch to a JSONL file on several threads with a
// progress bar on stderr when it is a terminal.
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <chrono>
#include <fstream>
#include <iostream>
#include <thread>

#include "cli/commands.hpp"

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

int eval_one(const Args& args, const std::shared_ptr<const Ruleset>& rs) {
    std::string text;
    if (!read_file(args.case_file, &text)) {
        std::cerr << args.case_file << ": error: cannot read the case file\n";
        return 2;
    }
    Request request;
    request.explain = args.explain;
    if (!resolve_decisions(*rs, args.decisions, &request.decisions)) return 2;
    request.strict = !request.decisions.empty();
    Session session(rs);
    Case c;
    std::vector<InputError> errors;
    if (!session.decode(text, &c, &errors, args.as_of)) {
        print_input_errors(args.case_file, errors);
        return 2;
    }
    std::string out;
    if (args.explain_text) {
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

// Cases are processed in chunks: each chunk is split among the threads, and its results are
// written in input order before the next chunk is read, so memory stays bounded for any file.
constexpr size_t kChunkLines = 16384;

int eval_batch(const Args& args, const std::shared_ptr<const Ruleset>& rs) {
    if (args.out_file.empty()) return usage_error("--cases needs --out FILE.jsonl");
    if (args.explain_text) return usage_error("--explain=text explains one case (--case); a batch takes --explain");
    std::ifstream in(args.cases_file, std::ios::binary);
    if (!in) {
        std::cerr << args.cases_file << ": error: cannot read the cases file\n";
        return 2;
    }
    std::ofstream out(args.out_file, std::ios::binary | std::ios::trunc);
    if (!out) {
        std::cerr << args.out_file << ": error: cannot write the output file\n";
        return 2;
    }
    Request request;
    request.explain = args.explain;
    if (!resolve_decisions(*rs, args.decisions, &request.decisions)) return 2;

    // the total, for the progress bar
    bool tty = isatty(STDERR_FILENO);
    size_t total = 0;
    if (tty) {
        std::ifstream count(args.cases_file, std::ios::binary);
        std::string line;
        while (std::getline(count, line)) ++total;
    }

    int threads = std::max(1, args.threads);
    std::vector<std::unique_ptr<Session>> sessions;
    for (int t = 0; t < threads; ++t) sessions.push_back(std::make_unique<Session>(rs));

    std::vector<std::string> lines, results;
    std::vector<std::vector<InputError>> errors;
    size_t line_number = 0, bad = 0, done = 0;
    auto start = std::chrono::steady_clock::now();
    auto last_draw = start;
    auto draw = [&](bool final) {
        if (!tty) return;
        auto now = std::chrono::steady_clock::now();
        if (!final && now - last_draw < std::chrono::milliseconds(100)) return;
        last_draw = now;
        double secs = std::chrono::duration<double>(now - start).count();
        double rate = secs > 0 ? done / secs : 0;
        int width = 30;
        int filled = total ? static_cast<int>(width * static_cast<double>(done) / total) : 0;
        std::cerr << "\r[" << std::string(filled, '#') << std::string(width - filled, ' ') << "] " << done << "/" << total
                  << " cases, " << static_cast<long>(rate) << "/s" << (bad ? ", " + std::to_string(bad) + " bad" : "")
                  << (final ? "\n" : "") << std::flush;
    };

    std::string line;
    bool more = true;
    while (more) {
        lines.clear();
        while (lines.size() < kChunkLines && (more = static_cast<bool>(std::getline(in, line)))) lines.push_back(line);
        if (lines.empty()) break;
        results.assign(lines.size(), std::string());
        errors.assign(lines.size(), {});
        auto work = [&](size_t t) {
            Session& s = *sessions[t];
            Case c;
            for (size_t i = t; i < lines.size(); i += static_cast<size_t>(threads)) {
                if (lines[i].find_first_not_of(" \t\r") == std::string::npos) continue;   // blank line
                if (s.decode(lines[i], &c, &errors[i], args.as_of)) s.evaluate_json(c, request, &results[i], &errors[i]);
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
                for (const auto& e : errors[i]) {
                    std::cerr << (tty ? "\r" : "") << args.cases_file << ":" << line_number << ": " << e.path << ": error: " << e.message << "\n";
                }
                // the line stays in the output, so output line N is always input line N
                std::string err = "{\"line\":" + std::to_string(line_number) + ",\"errors\":[";
                for (size_t k = 0; k < errors[i].size(); ++k) {
                    if (k) err += ',';
                    err += "{\"path\":" + json_quote(errors[i][k].path) + ",\"message\":" + json_quote(errors[i][k].message) + "}";
                }
                err += "]}";
                out << err << '\n';
            } else if (!results[i].empty()) {
                out << results[i] << '\n';
            } else {
                out << "{}\n";
            }
        }
        done += lines.size();
        draw(false);
    }
    draw(true);
    out.flush();
    if (!out) {
        std::cerr << args.out_file << ": error: writing failed\n";
        return 2;
    }
    if (bad) {
        std::cerr << args.cases_file << ": " << bad << " of " << line_number << " cases were rejected\n";
        return 2;
    }
    return 0;
}

}  // namespace

void print_input_errors(const std::string& file, const std::vector<InputError>& errors) {
    for (const auto& e : errors) std::cerr << file << ": " << e.path << ": error: " << e.message << "\n";
}

int eval(const Args& args) {
    if (args.positional.size() != 1) return usage_error("tenet eval needs one ruleset");
    if (args.case_file.empty() == args.cases_file.empty()) return usage_error("tenet eval needs --case FILE.json or --cases FILE.jsonl");
    if (!args.lang.empty() && args.lang != "en" && args.lang != "es") return usage_error("--lang must be en or es");
    if (!args.lang.empty() && !args.explain_text) return usage_error("--lang is the language of --explain=text");
    auto rs = load(args.positional[0], false);
    if (!rs) return 2;
    return args.case_file.empty() ? eval_batch(args, rs) : eval_one(args, rs);
}

}  // namespace tenet::cli
