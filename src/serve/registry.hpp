// The rulesets a service serves, by declared name. A request takes the current version with
// get() and keeps it to the end; reload() compiles every root again and swaps in each ruleset
// that compiles, leaving the old version serving where one does not.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "serve/loaded_ruleset.hpp"

namespace tenet::serve {

struct ReloadReport {
    struct Entry {
        std::string root, name, version;
        bool ok = false;  // compiled; `version` is now serving
        std::vector<std::string> diagnostics;
    };
    std::vector<Entry> entries;
    bool ok() const;
    std::string json() const;
};

class Registry {
public:
    // Compiles every root (with `include_roots`, kept for reloads); false (and the report says
    // why) when one fails or two share a name.
    bool load(const std::vector<std::string>& roots, const std::vector<std::string>& include_roots,
              ReloadReport* report);
    ReloadReport reload();

    // Called with each ruleset load() or reload() puts in service (to build its compiled code).
    std::function<void(const std::shared_ptr<const LoadedRuleset>&)> on_loaded;

    std::shared_ptr<const LoadedRuleset> get(const std::string& name) const;
    std::vector<std::shared_ptr<const LoadedRuleset>> all() const;

private:
    mutable std::mutex mutex_;
    std::mutex reload_mutex_;  // one reload at a time
    std::vector<std::string> roots_, include_roots_;
    std::map<std::string, std::shared_ptr<const LoadedRuleset>> by_name_;
    std::map<std::string, std::string> name_of_root_;
};

}  // namespace tenet::serve
