#pragma once
// Whether an address names this machine: the one place an unencrypted connection (a local mail
// relay, a test server) is acceptable for children's data.

#include <string>

namespace iro::config {

/// True when the URL's host is 127.0.0.1, localhost or ::1 (user info and port ignored).
bool is_loopback_url(const std::string& url);

/// Refuses (ConfigError naming `where`) an address that is neither https:// nor plain http to
/// loopback: what `what` carries is only sent encrypted.
void require_encrypted_url(const std::string& url, const std::string& where,
                           const std::string& what);

}  // namespace iro::config
