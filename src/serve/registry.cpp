#include "serve/registry.hpp"

#include <nlohmann/json.hpp>

namespace tenet::serve {

bool ReloadReport::ok() const {
    for (const auto& e : entries) {
        if (!e.ok) return false;
    }
    return true;
}

std::string ReloadReport::json() const {
    nlohmann::json out = {{"ok", ok()}, {"rulesets", nlohmann::json::array()}};
    for (const auto& e : entries) {
        nlohmann::json j = {{"ruleset", e.name}, {"version", e.version}, {"reloaded", e.ok}};
        if (!e.diagnostics.empty()) j["diagnostics"] = e.diagnostics;
        out["rulesets"].push_back(j);
    }
    return out.dump();
}

namespace {

std::vector<std::string> formatted(const std::vector<Diagnostic>& diags) {
    std::vector<std::string> out;
    for (const auto& d : diags) {
        if (d.severity == Severity::Error) out.push_back(format_diagnostic(d));
    }
    return out;
}

}  // namespace

bool Registry::load(const std::vector<std::string>& roots, const std::vector<std::string>& include_roots,
                    ReloadReport* report) {
    std::lock_guard<std::mutex> reload_lock(reload_mutex_);
    roots_ = roots;
    include_roots_ = include_roots;
    bool ok = true;
    std::map<std::string, std::shared_ptr<const LoadedRuleset>> loaded;
    for (const auto& root : roots) {
        ReloadReport::Entry e;
        e.root = root;
        std::vector<Diagnostic> diags;
        auto r = load_ruleset(root, include_roots_, &diags);
        e.diagnostics = formatted(diags);
        if (r) {
            e.name = r->name();
            e.version = r->version;
            e.ok = loaded.emplace(r->name(), r).second;
            if (!e.ok)
                e.diagnostics.push_back(root + ": error: another ruleset given is also named `" + r->name() + "`\n");
            name_of_root_[root] = r->name();
        }
        ok = ok && e.ok;
        report->entries.push_back(std::move(e));
    }
    {
        std::lock_guard<std::mutex> lock(mutex_);
        by_name_ = loaded;
    }
    if (ok && on_loaded) {
        for (const auto& [name, r] : loaded) on_loaded(r);
    }
    return ok;
}

ReloadReport Registry::reload() {
    std::lock_guard<std::mutex> reload_lock(reload_mutex_);
    ReloadReport report;
    for (const auto& root : roots_) {
        ReloadReport::Entry e;
        e.root = root;
        e.name = name_of_root_[root];
        std::vector<Diagnostic> diags;
        auto r = load_ruleset(root, include_roots_, &diags);
        e.diagnostics = formatted(diags);
        if (r && r->name() != e.name) {
            e.diagnostics.push_back(root + ": error: the ruleset is now named `" + r->name() + "`, not `" + e.name +
                                    "`: restart the service to rename it\n");
            r = nullptr;
        }
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (r) {
                by_name_[e.name] = r;
                e.ok = true;
            }
            auto it = by_name_.find(e.name);
            if (it != by_name_.end()) e.version = it->second->version;  // what is serving now
        }
        if (r && on_loaded) on_loaded(r);
        report.entries.push_back(std::move(e));
    }
    return report;
}

std::shared_ptr<const LoadedRuleset> Registry::get(const std::string& name) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<const LoadedRuleset>> Registry::all() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::shared_ptr<const LoadedRuleset>> out;
    for (const auto& [name, r] : by_name_) out.push_back(r);
    return out;
}

}  // namespace tenet::serve
