#include "serve/service.hpp"

#include <pthread.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <thread>

#include "serve/access_log.hpp"
#include "serve/admission.hpp"
#include "serve/audit_log.hpp"
#include "serve/case_api.hpp"
#include "serve/connection_stream.hpp"
#include "serve/digest.hpp"
#include "serve/fact_schema.hpp"
#include "serve/metrics.hpp"
#include "serve/code_builder.hpp"
#include "serve/registry.hpp"
#include "serve/static_site.hpp"
#include "serve/try_page.hpp"

namespace tenet::serve {

bool is_loopback(const std::string& host) { return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0; }

bool split_listen(const std::string& listen, std::string* host, int* port) {
    size_t colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0) return false;
    *host = listen.substr(0, colon);
    if (host->size() > 2 && host->front() == '[' && host->back() == ']') *host = host->substr(1, host->size() - 2);
    std::string p = listen.substr(colon + 1);
    if (p.empty() || p.size() > 5 || p.find_first_not_of("0123456789") != std::string::npos) return false;
    *port = std::stoi(p);
    return *port <= 65535;
}

namespace {

bool read_secret(const std::string& path, std::string* out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream text;
    text << in.rdbuf();
    *out = text.str();
    while (!out->empty() && (out->back() == '\n' || out->back() == '\r' || out->back() == ' ')) out->pop_back();
    return !out->empty();
}

// What the access log and /metrics learn about the request being answered on this thread.
struct RequestState {
    std::chrono::steady_clock::time_point start;
    std::string id;
    std::string route = "other";
    bool routed = false;
};
thread_local RequestState current;

// A request id the client may give (X-Request-Id) if it is short and plain; otherwise ours.
std::string request_id(const httplib::Request& req) {
    static const std::string prefix = [] {
        std::random_device rd;
        char buf[17];
        std::snprintf(buf, sizeof buf, "%08x%08x", rd(), rd());
        return std::string(buf);
    }();
    static std::atomic<uint64_t> next{0};
    std::string given = req.get_header_value("X-Request-Id");
    if (!given.empty() && given.size() <= 64 &&
        given.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") ==
            std::string::npos) {
        return given;
    }
    return prefix + "-" + std::to_string(++next);
}

// cpp-httplib 0.11 serves a connection with a loop that, between requests, polls the socket every
// 10 ms and sleeps 1 ms (64 idle kept-alive threads wake thousands of times a second), and reads
// each request through a new unbuffered-between-requests stream. This one waits in one poll() for
// the next request or the service stopping, keeps one buffered ConnectionStream for the
// connection, and answers a connection the AdmissionQueue shed once (or, dropped, not at all).
class HttpServer : public httplib::Server {
public:
    HttpServer() : stop_fd_(eventfd(0, EFD_CLOEXEC)) {}
    ~HttpServer() override { ::close(stop_fd_); }
    // cpp-httplib 0.11 listens with a backlog of 5: a burst of new connections past it is reset.
    // Listening again on the bound socket raises the backlog (Linux allows it).
    void widen_backlog() { ::listen(svr_sock_, SOMAXCONN); }
    // Stops accepting; connections finish the request they are answering, idle ones close now.
    void shut_down() {
        uint64_t one = 1;
        if (::write(stop_fd_, &one, sizeof one) < 0) std::perror("tenet serve: eventfd");
        stop();
    }

private:
    bool process_and_close_socket(socket_t sock) override {
        bool ok = false;
        Admission admission = current_admission();
        if (admission != Admission::Drop) {
            ConnectionStream stream(sock, static_cast<int>(read_timeout_sec_), static_cast<int>(write_timeout_sec_));
            size_t left = admission == Admission::Shed ? 1 : keep_alive_max_count_;
            while (svr_sock_ != INVALID_SOCKET && left > 0 &&
                   stream.wait_for_request(static_cast<int>(keep_alive_timeout_sec_), stop_fd_)) {
                bool client_closes = false;
                ok = process_request(stream, left == 1, client_closes, nullptr);
                if (!stream.flush() || !ok || client_closes) break;
                --left;
            }
            if (admission == Admission::Shed) stream.drain(kDrainSeconds);
        }
        ::shutdown(sock, SHUT_RDWR);
        ::close(sock);
        return ok;
    }

    int stop_fd_;
};

struct Service {
    const ServeOptions& options;
    Registry registry;
    Metrics metrics;
    std::unique_ptr<AuditLog> audit;
    Redaction redaction;
    std::string token;
    StaticSite site;
    bool has_site = false;
    AccessLog access_log;
    AdmissionState admission;
    HttpServer server;
    CodeBuilder code_builder;  // --engine compiled; stopped before the registry goes

    explicit Service(const ServeOptions& o) : options(o), access_log(o.access_log) {}

    void json(httplib::Response& res, int status, const std::string& body, const LoadedRuleset* r = nullptr) {
        res.status = status;
        res.set_header("X-Request-Id", current.id);
        if (r) res.set_header("X-Tenet-Ruleset-Version", r->version);
        res.set_content(body, "application/json");
    }

    void record_versions() {
        if (!audit) return;
        for (const auto& r : registry.all()) {
            std::string error;
            if (!audit->record_ruleset(*r, &error)) std::cerr << "tenet serve: audit log: " << error << "\n";
        }
    }

    ReloadReport reload() {
        ReloadReport report = registry.reload();
        metrics.reload(report.ok());
        record_versions();
        nlohmann::json line = nlohmann::json::parse(report.json());
        line["time"] = utc_now_iso();
        line["event"] = "reload";
        access_log.write(line.dump());
        return report;
    }

    void case_endpoint(const httplib::Request& req, httplib::Response& res, Endpoint endpoint) {
        current.route = endpoint_name(endpoint);
        auto ruleset = registry.get(req.matches[1]);
        if (!ruleset) {
            json(res, 404,
                 error_body(current.id, nullptr, "no ruleset is named `" + std::string(req.matches[1]) + "`"));
            return;
        }
        CaseQuery query;
        size_t n = req.get_param_value_count("decision");
        for (size_t i = 0; i < n; ++i) query.decisions.push_back(req.get_param_value("decision", i));
        std::string explain = req.get_param_value("explain");
        query.explain = explain == "1" || explain == "true";
        if (req.has_param("lang")) query.lang = req.get_param_value("lang");
        query.as_of = req.get_param_value("as_of");
        CaseContext ctx{*ruleset, current.id, audit != nullptr, redaction};
        CaseReply reply = answer_case(ctx, endpoint, req.body, query);
        metrics.cases(ruleset->name(), reply.cases, reply.cases_with_errors);
        if (audit && !reply.rows.empty() && !audit->append(std::move(reply.rows))) {
            json(
                res, 503,
                error_body(current.id, ruleset.get(), "the audit log could not record the decision, so it is not sent"),
                ruleset.get());
            return;
        }
        res.status = reply.status;
        res.set_header("X-Request-Id", current.id);
        res.set_header("X-Tenet-Ruleset-Version", ruleset->version);
        res.set_content(reply.body, reply.content_type.c_str());
    }

    std::string rulesets_json() {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& r : registry.all()) {
            nlohmann::json periods = nlohmann::json::array();
            for (size_t i = 0; i < r->period_starts.size(); ++i) {
                periods.push_back(
                    {{"from", r->period_starts[i].empty() ? nlohmann::json() : nlohmann::json(r->period_starts[i])}});
            }
            nlohmann::json decisions = nlohmann::json::array();
            for (const auto& d : r->ruleset->decisions()) decisions.push_back(d.name);
            list.push_back({{"name", r->name()},
                            {"version", r->version},
                            {"layers", r->layers},
                            {"periods", periods},
                            {"decisions", decisions},
                            {"loaded_at", r->loaded_at},
                            {"engine", r->engine()},
                            {"notice_languages", r->notice ? r->notice->languages() : std::vector<std::string>{}}});
        }
        return nlohmann::json({{"request_id", current.id}, {"rulesets", list}}).dump();
    }

    void routes() {
        server.Get("/healthz", [this](const httplib::Request&, httplib::Response& res) {
            current.route = "healthz";
            json(res, 200, "{\"status\":\"ok\"}");
        });
        server.Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
            current.route = "metrics";
            res.set_content(metrics.text() + admission_metrics(admission), "text/plain; version=0.0.4");
        });
        server.Get("/readyz", [this](const httplib::Request&, httplib::Response& res) {
            current.route = "readyz";
            nlohmann::json body = {{"status", admission.saturated() ? "saturated" : "ready"},
                                   {"waiting", admission.waiting.load()},
                                   {"max_queue", admission.max_waiting}};
            if (admission.saturated()) res.set_header("Retry-After", std::to_string(kRetryAfterSeconds));
            json(res, admission.saturated() ? 503 : 200, body.dump());
        });
        server.Get("/v1/rulesets", [this](const httplib::Request&, httplib::Response& res) {
            current.route = "rulesets";
            json(res, 200, rulesets_json());
        });
        server.Get(
            R"(/v1/rulesets/([A-Za-z0-9_.]+)/facts)", [this](const httplib::Request& req, httplib::Response& res) {
                current.route = "facts";
                auto r = registry.get(req.matches[1]);
                if (!r)
                    return json(
                        res, 404,
                        error_body(current.id, nullptr, "no ruleset is named `" + std::string(req.matches[1]) + "`"));
                json(res, 200, fact_schema_json(*r->ruleset), r.get());
            });
        const std::pair<const char*, Endpoint> case_routes[] = {{"evaluate", Endpoint::Evaluate},
                                                                {"explain", Endpoint::Explain},
                                                                {"notice", Endpoint::Notice},
                                                                {"batch", Endpoint::Batch}};
        for (const auto& [name, endpoint] : case_routes) {
            Endpoint e = endpoint;
            server.Post(std::string(R"(/v1/rulesets/([A-Za-z0-9_.]+)/)") + name,
                        [this, e](const httplib::Request& req, httplib::Response& res) { case_endpoint(req, res, e); });
        }
        server.Post("/v1/admin/reload", [this](const httplib::Request&, httplib::Response& res) {
            current.route = "reload";
            ReloadReport report = reload();
            json(res, report.ok() ? 200 : 422, report.json());
        });
        server.Get("/try", [this](const httplib::Request&, httplib::Response& res) {
            current.route = "try";
            res.set_content(try_page_html(), "text/html; charset=utf-8");
        });
        server.Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
            current.route = "static";
            const StaticSite::File* f = has_site ? site.find(req.path) : nullptr;
            if (!f) return json(res, 404, error_body(current.id, nullptr, "not found"));
            res.set_content(f->content, f->mime.c_str());
        });
        server.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
            // 413 (body over the limit), 400 (unparsable request), 404, 405: a JSON body like the others
            if (!res.body.empty()) return;  // a handler's own error body
            if (res.status == 413) current.route = "too_large";
            std::string message = res.status == 413 ? "the request body is over the limit of " +
                                                          std::to_string(options.max_body) + " bytes"
                                  : res.status == 404 ? "not found"
                                  : res.status == 405 ? "method not allowed"
                                                      : "bad request";
            res.set_content(error_body(current.routed ? current.id : "", nullptr, message), "application/json");
        });
        server.set_exception_handler([this](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
            std::string what = "internal error";
            try {
                std::rethrow_exception(ep);
            } catch (const std::exception& e) {
                what += std::string(": ") + e.what();
            } catch (...) {
            }
            json(res, 500, error_body(current.id, nullptr, what));
        });
        server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
            current.start = std::chrono::steady_clock::now();
            current.id = request_id(req);
            current.route = "other";
            current.routed = true;
            bool probe = req.path == "/healthz" || req.path == "/readyz";
            if (current_admission() == Admission::Shed && !probe) {
                current.route = "shed";
                res.set_header("Retry-After", std::to_string(kRetryAfterSeconds));
                json(res, 503,
                     error_body(current.id, nullptr,
                                "the service is saturated: " + std::to_string(admission.max_waiting) +
                                    " connections already wait for a thread; retry after " +
                                    std::to_string(kRetryAfterSeconds) + " s"));
                return httplib::Server::HandlerResponse::Handled;
            }
            if (token.empty() || probe) return httplib::Server::HandlerResponse::Unhandled;
            std::string auth = req.get_header_value("Authorization");
            if (auth.rfind("Bearer ", 0) == 0 && equal_secrets(auth.substr(7), token))
                return httplib::Server::HandlerResponse::Unhandled;
            current.route = "unauthorized";
            res.set_header("WWW-Authenticate", "Bearer");
            json(res, 401, error_body(current.id, nullptr, "a bearer token is required (Authorization: Bearer TOKEN)"));
            return httplib::Server::HandlerResponse::Handled;
        });
        server.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
            double seconds =
                current.routed ? std::chrono::duration<double>(std::chrono::steady_clock::now() - current.start).count()
                               : 0;
            metrics.request(current.route, res.status, seconds);
            if (access_log.off()) {
                current.routed = false;
                return;
            }
            AccessEntry e;
            e.time = utc_now_iso();
            if (current.routed) e.request_id = current.id;
            e.remote = req.remote_addr;
            e.method = req.method;
            e.path = req.path;
            e.route = current.route;
            e.status = res.status;
            e.ms = seconds * 1000;
            e.bytes_in = req.body.size();
            e.bytes_out = res.body.size();
            e.version = res.get_header_value("X-Tenet-Ruleset-Version");
            access_log.write(access_line(e));
            current.routed = false;
        });
    }
};

// Signals go to one thread that waits for them: SIGHUP reloads, SIGTERM and SIGINT drain and stop.
void block_signals(sigset_t* set) {
    sigemptyset(set);
    sigaddset(set, SIGHUP);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGINT);
    pthread_sigmask(SIG_BLOCK, set, nullptr);
}

}  // namespace

int run(const ServeOptions& options) {
    sigset_t signals;
    block_signals(&signals);  // before any thread starts, so every thread inherits the mask
    signal(SIGPIPE, SIG_IGN);

    std::string host;
    int port = 0;
    if (!split_listen(options.listen, &host, &port)) {
        std::cerr << "tenet serve: --listen needs HOST:PORT, not `" << options.listen << "`\n";
        return 2;
    }
    if (options.rulesets.empty()) {
        std::cerr << "tenet serve: needs at least one ruleset\n";
        return 2;
    }
    auto svc = std::make_unique<Service>(options);
    if (!svc->access_log.ok()) {
        std::cerr << "tenet serve: cannot write the access log " << options.access_log << "\n";
        return 2;
    }
    if (!options.token_file.empty() && !read_secret(options.token_file, &svc->token)) {
        std::cerr << options.token_file << ": error: cannot read a token from the file\n";
        return 2;
    }
    if (svc->token.empty() && !is_loopback(host)) {
        std::cerr << "tenet serve: listening on " << host << " (not loopback) needs --token-file\n";
        return 2;
    }
    if (!options.redact.empty()) {
        if (options.audit.empty()) {
            std::cerr << "tenet serve: --redact applies to the audit log: give --audit FILE.sqlite\n";
            return 2;
        }
        if (options.redact_key_file.empty() || !read_secret(options.redact_key_file, &svc->redaction.key)) {
            std::cerr << "tenet serve: --redact needs --redact-key-file FILE holding the hashing key\n";
            return 2;
        }
        svc->redaction.paths = options.redact;
    }
    if (!options.site.empty()) {
        std::string error;
        if (!svc->site.load(options.site, &error)) {
            std::cerr << "tenet serve: --site " << error << "\n";
            return 2;
        }
        svc->has_site = true;
    }
    if (options.engine != "interpreted" && options.engine != "compiled") {
        std::cerr << "tenet serve: --engine must be interpreted or compiled\n";
        return 2;
    }
    if (options.engine == "compiled")
        svc->registry.on_loaded = [&builder = svc->code_builder](const auto& r) { builder.build(r); };
    ReloadReport report;
    if (!svc->registry.load(options.rulesets, options.include_roots, &report)) {
        for (const auto& e : report.entries) {
            for (const auto& d : e.diagnostics) std::cerr << d;
        }
        return 2;
    }
    if (!options.audit.empty()) {
        std::string error;
        if (options.audit_sync != "full" && options.audit_sync != "normal") {
            std::cerr << "tenet serve: --audit-sync must be full or normal\n";
            return 2;
        }
        svc->audit = AuditLog::open(options.audit, true, &error,
                                    options.audit_sync == "full" ? AuditLog::Sync::Full : AuditLog::Sync::Normal);
        if (!svc->audit) {
            std::cerr << "tenet serve: audit log " << error << "\n";
            return 2;
        }
        svc->record_versions();
    }

    HttpServer& server = svc->server;
    size_t threads = static_cast<size_t>(options.threads);
    svc->admission.max_waiting = static_cast<size_t>(options.max_queue);
    server.new_task_queue = [threads, &admission = svc->admission] {
        return new AdmissionQueue(admission, threads, kShedThreads, kMaxShedWaiting);
    };
    server.set_payload_max_length(options.max_body);
    server.set_read_timeout(options.read_timeout, 0);
    server.set_write_timeout(options.write_timeout, 0);
    server.set_keep_alive_timeout(options.idle_timeout);
    server.set_keep_alive_max_count(1u << 20);
    server.set_tcp_nodelay(true);
    svc->routes();

    if (port == 0) {
        port = server.bind_to_any_port(host);
        if (port < 0) port = 0;
    } else if (!server.bind_to_port(host, port)) {
        port = 0;
    }
    if (port == 0) {
        std::cerr << "tenet serve: cannot listen on " << options.listen << "\n";
        return 2;
    }
    server.widen_backlog();
    std::cout << "tenet serve: listening on http://" << (host.find(':') != std::string::npos ? "[" + host + "]" : host)
              << ":" << port << std::endl;

    std::atomic<bool> stopping{false};
    std::thread signal_thread([&] {
        for (;;) {
            int sig = 0;
            if (sigwait(&signals, &sig) != 0) continue;
            if (stopping) return;
            if (sig == SIGHUP) {
                svc->reload();
                continue;
            }
            stopping = true;
            server.shut_down();  // stops accepting; the pool finishes the requests it holds
            return;
        }
    });
    server.listen_after_bind();
    if (!stopping.exchange(true)) pthread_kill(signal_thread.native_handle(), SIGTERM);
    signal_thread.join();
    svc->code_builder.stop();  // a build in progress is cancelled, its compiler killed
    if (svc->audit) svc->audit->close();
    std::cerr << "tenet serve: stopped\n";
    return 0;
}

}  // namespace tenet::serve
