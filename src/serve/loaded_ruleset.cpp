#include "serve/loaded_ruleset.hpp"

#include <chrono>
#include <ctime>
#include <filesystem>

#include "serve/digest.hpp"

namespace tenet::serve {

LoadedRuleset::Lease::~Lease() {
    std::lock_guard<std::mutex> lock(owner_.pool_mutex_);
    owner_.pool_.push_back(std::move(pooled_));
}

LoadedRuleset::Lease LoadedRuleset::session() const {
    Pooled p;
    std::shared_ptr<const CompiledCode> code;
    {
        std::lock_guard<std::mutex> lock(pool_mutex_);
        code = code_;
        if (!pool_.empty()) {
            p = std::move(pool_.back());
            pool_.pop_back();
        }
    }
    if (!p.session) p.session = std::make_unique<Session>(ruleset);
    if (p.code != code) {  // the code was loaded since this session last served
        p.session->use_compiled_code(code);
        p.code = std::move(code);
    }
    return Lease(*this, std::move(p));
}

std::string LoadedRuleset::engine() const {
    std::lock_guard<std::mutex> lock(pool_mutex_);
    return engine_;
}

void LoadedRuleset::set_engine(const std::string& engine, std::shared_ptr<const CompiledCode> code) const {
    std::lock_guard<std::mutex> lock(pool_mutex_);
    engine_ = engine;
    code_ = std::move(code);
}

std::string content_version(const std::vector<std::pair<std::string, std::string>>& files) {
    // lengths separate the texts, so moving bytes from one file to the next changes the hash;
    // paths are left out, so the same files installed elsewhere have the same version
    std::string all;
    for (const auto& f : files) all += std::to_string(f.second.size()) + ":" + f.second;
    return sha256_hex(all).substr(0, 16);
}

std::string utc_now_iso() {
    auto now = std::chrono::system_clock::now();
    std::time_t t = std::chrono::system_clock::to_time_t(now);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
    return buf;
}

namespace {

std::shared_ptr<const LoadedRuleset> finish(const std::string& root, CompileResult r,
                                            std::vector<Diagnostic>* diagnostics) {
    diagnostics->insert(diagnostics->end(), r.diagnostics.begin(), r.diagnostics.end());
    if (!r.ok()) return nullptr;
    auto loaded = std::make_shared<LoadedRuleset>();
    loaded->root = root;
    loaded->ruleset = r.ruleset;
    for (SourceText& f : r.ruleset->sources()) {
        loaded->files.emplace_back(std::move(f.path), std::move(f.text));
        loaded->layers.push_back(std::move(f.name));
    }
    loaded->version = content_version(loaded->files);
    loaded->period_starts = r.ruleset->period_starts();
    std::vector<Diagnostic> notice_diags;
    loaded->notice = NoticeTemplates::load(*r.ruleset, "sanction", &notice_diags);
    loaded->loaded_at = utc_now_iso();
    return loaded;
}

}  // namespace

std::shared_ptr<const LoadedRuleset> load_ruleset(const std::string& path,
                                                  const std::vector<std::string>& include_roots,
                                                  std::vector<Diagnostic>* diagnostics) {
    CompileOptions options;
    options.warnings = false;
    options.tests = false;
    options.include_roots = include_roots;
    return finish(path, compile_file(path, options), diagnostics);
}

std::shared_ptr<const LoadedRuleset> load_ruleset_from(const std::string& root,
                                                       const std::map<std::string, std::string>& files,
                                                       std::vector<Diagnostic>* diagnostics) {
    CompileOptions options;
    options.warnings = false;
    options.tests = false;
    for (const auto& [path, text] : files)
        options.include_roots.push_back(std::filesystem::path(path).parent_path().string());
    options.reader = [&files](const std::string& path, std::string* text, std::string* error) {
        auto it = files.find(path);
        if (it == files.end()) {
            *error = "not among the files recorded with this version";
            return false;
        }
        *text = it->second;
        return true;
    };
    return finish(root, compile_file(root, options), diagnostics);
}

}  // namespace tenet::serve
