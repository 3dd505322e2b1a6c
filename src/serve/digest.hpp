// SHA-256 and HMAC-SHA-256 (OpenSSL), as lowercase hex: the ruleset version is a content hash,
// and the audit log keeps redacted facts as keyed hashes.
#pragma once

#include <string>
#include <string_view>

namespace tenet::serve {

std::string sha256_hex(std::string_view data);
std::string hmac_sha256_hex(std::string_view key, std::string_view data);
// Compares two secrets in time independent of where they differ (bearer tokens).
bool equal_secrets(std::string_view a, std::string_view b);

}  // namespace tenet::serve
