// The tree of a model's fact paths, as both readers of JSON cases walk it (eval/case_json.cpp,
// eval/case_json_fast.cpp): each object of a case is a group whose keys are nested groups or facts.
#pragma once

#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "eval/case_json.hpp"

namespace tenet::eval {

struct CaseDecoder::Group {
    struct Child {
        std::unique_ptr<Group> group;  // a nested group of facts
        uint32_t fact = check::kNone;  // or a fact
        std::string name;
    };
    std::vector<Child> children;
    std::unordered_map<std::string, size_t> index;

    // A case names a few keys per object: comparing lengths, then bytes, beats hashing.
    static constexpr size_t kNotFound = static_cast<size_t>(-1);
    size_t find(std::string_view key) const {
        if (children.size() <= 16) {
            for (size_t i = 0; i < children.size(); ++i) {
                const std::string& n = children[i].name;
                if (n.size() == key.size() && std::memcmp(n.data(), key.data(), n.size()) == 0) return i;
            }
            return kNotFound;
        }
        auto it = index.find(std::string(key));
        return it == index.end() ? kNotFound : it->second;
    }
};

}  // namespace tenet::eval
