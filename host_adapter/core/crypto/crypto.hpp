#pragma once
// The few cryptographic primitives access control needs, from OpenSSL: SHA-256 for stored token
// hashes and the audit chain, HMAC-SHA256 for signed CMS requests and panel sessions, and the
// operating system's random source for secrets.

#include <cstddef>
#include <string>
#include <string_view>

namespace iro::auth {

/// Lower-case hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

/// Raw 32-byte SHA-256 of `data`.
std::string sha256(std::string_view data);

/// Base64url without padding (RFC 4648 section 5): PKCE challenges and JOSE parts.
std::string base64url(std::string_view bytes);

/// Raw 32-byte HMAC-SHA256 of `data` under `key`.
std::string hmac_sha256(std::string_view key, std::string_view data);

/// Lower-case hex of raw bytes.
std::string to_hex(std::string_view bytes);

/// `count` bytes from the operating system's CSPRNG, as lower-case hex. Throws on failure.
std::string random_hex(std::size_t count);

/// Compares in time independent of where the strings differ (signatures, token hashes).
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace iro::auth
