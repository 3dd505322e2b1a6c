#include "serve/redact.hpp"

#include <nlohmann/json.hpp>

#include "serve/digest.hpp"

namespace tenet::serve {

std::string redact_case(const std::string& json, const Redaction& r, std::vector<std::string>* present) {
    if (r.paths.empty()) return json;
    nlohmann::json doc = nlohmann::json::parse(json, nullptr, false);
    if (doc.is_discarded()) return json;  // only decoded cases are logged; not reached
    for (const auto& path : r.paths) {
        nlohmann::json* at = &doc;
        size_t start = 0;
        for (;;) {
            size_t dot = path.find('.', start);
            std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
            if (!at->is_object() || !at->contains(key)) {
                at = nullptr;
                break;
            }
            at = &(*at)[key];
            if (dot == std::string::npos) break;
            start = dot + 1;
        }
        if (!at) continue;
        *at = kRedactedPrefix + hmac_sha256_hex(r.key, at->dump());
        present->push_back(path);
    }
    // the case is stored as received unless something was redacted
    return present->empty() ? json : doc.dump();
}

}  // namespace tenet::serve
