#pragma once
// OAuth2 client-credentials tokens for the CMS, cached in memory (never stored, never logged) and
// fetched again shortly before they expire or when the CMS refuses one.

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>

#include "config/cms_config.hpp"
#include "net/http_client.hpp"

namespace iro::writeback {

/// No token could be had; the item waits and is tried again later.
class TokenUnavailable : public std::runtime_error {
  public:
    TokenUnavailable(const std::string& message,
                     std::optional<std::chrono::milliseconds> retry_after)
        : std::runtime_error(message), retry_after_(retry_after) {}
    std::optional<std::chrono::milliseconds> retry_after() const { return retry_after_; }

  private:
    std::optional<std::chrono::milliseconds> retry_after_;
};

class TokenSource {
  public:
    TokenSource(const CmsConfig& cms, net::HttpClient& http) : cms_(cms), http_(http) {}

    /// A token valid for at least another minute. Throws TokenUnavailable.
    std::string bearer(std::chrono::system_clock::time_point now);
    /// Forgets the cached token (the CMS refused it).
    void invalidate() { token_.reset(); }

  private:
    struct Token {
        std::string value;
        std::chrono::system_clock::time_point expires_at;
    };
    const CmsConfig& cms_;
    net::HttpClient& http_;
    std::optional<Token> token_;
};

}  // namespace iro::writeback
