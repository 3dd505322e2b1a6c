// `tenet serve RULESET... [--listen HOST:PORT] [--audit FILE.sqlite] [--token-file F] [--threads N] ...`:
// the decision service (docs/SERVE.md). The options fill a serve::ServeOptions; serve::run does the rest.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "serve/service.hpp"

namespace tenet::cli {

Command register_serve(CLI::App& tenet) {
    auto o = std::make_shared<serve::ServeOptions>();
    CLI::App* cmd =
        tenet.add_subcommand("serve", "the decision service: JSON over HTTP, an audit log in SQLite (docs/SERVE.md)");
    cmd->add_option("RULESET", o->rulesets, "the rulesets to serve, each by the name it declares")
        ->type_name("FILE.tenet")
        ->required()
        ->check(CLI::Validator(input_file_problem, "", "input file"));
    auto roots = std::make_shared<Args>();
    add_include_roots(cmd, roots.get());
    cmd->add_option("--listen", o->listen, "HOST:PORT (default 127.0.0.1:8080; port 0: a free one)");
    cmd->add_option("--audit", o->audit, "the audit log: one row per evaluated case")->type_name("FILE.sqlite");
    cmd->add_option("--audit-sync", o->audit_sync,
                    "full: each row on disk before its response (default); normal: in the OS")
        ->check(CLI::IsMember({"full", "normal"}));
    cmd->add_option("--token-file", o->token_file,
                    "a bearer token every request but /healthz must carry; required off loopback")
        ->type_name("FILE");
    cmd->add_option("--redact", o->redact, "a fact path kept in the audit log as a keyed hash (repeatable)")
        ->type_name("PATH");
    cmd->add_option("--redact-key-file", o->redact_key_file, "the key of --redact's hashes")->type_name("FILE");
    cmd->add_option("--site", o->site, "a directory of static files served under / (tenet doc's site)")
        ->type_name("DIR");
    cmd->add_option("--access-log", o->access_log, "JSON lines: FILE, - (stderr, the default) or off");
    cmd->add_option("--engine", o->engine,
                    "compiled: evaluate with each ruleset's C, built by the system C compiler in the background "
                    "(the interpreter answers until it is loaded); the same answers. Default: interpreted")
        ->check(CLI::IsMember({"interpreted", "compiled"}));
    cmd->add_option("--threads", o->threads, "connections served at once (default 64)")->check(CLI::Range(1, 1024));
    cmd->add_option("--max-queue", o->max_queue,
                    "connections waiting for a thread; past it, 503 with Retry-After at once (default 128)")
        ->check(CLI::Range(0, 1 << 20));
    cmd->add_option("--max-body", o->max_body, "bytes of a request body; more is 413 (default 1 MiB)")
        ->check(CLI::Range(1, 1 << 30));
    cmd->add_option("--read-timeout", o->read_timeout, "seconds to receive a request (default 5)")
        ->check(CLI::Range(1, 3600));
    cmd->add_option("--write-timeout", o->write_timeout, "seconds to send a response (default 5)")
        ->check(CLI::Range(1, 3600));
    cmd->add_option("--idle-timeout", o->idle_timeout, "seconds a kept-alive connection waits (default 5)")
        ->check(CLI::Range(1, 3600));
    return {cmd, [o, roots] {
                o->include_roots = roots->include_roots;
                return serve::run(*o);
            }};
}

}  // namespace tenet::cli
