#pragma once
// The council's OpenID provider as the host sees it: its discovery document and published keys,
// read when first needed and kept (keys read again when a token names one not yet seen, at most
// once a minute), the authorization request, the code exchange, and the provider's end-session.
// Safe to share between the service's threads.

#include <chrono>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/oidc_config.hpp"
#include "oidc/id_token.hpp"

namespace iro::oidc {

/// The provider could not be reached, or answered with something that is not OpenID Connect.
class ProviderUnavailable : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// The parts of the discovery document the host uses (OpenID Connect Discovery 1.0, section 3).
struct ProviderMetadata {
    std::string issuer;
    std::string authorization_endpoint;
    std::string token_endpoint;
    std::string jwks_uri;
    std::string end_session_endpoint;  ///< empty when the provider offers none
    std::vector<std::string> id_token_signing_alg_values_supported;
};

/// Reads a discovery document. Throws ProviderUnavailable when it lacks an endpoint, names an
/// issuer other than `expected_issuer` (section 4.3), or puts an endpoint on plain http away
/// from loopback.
ProviderMetadata parse_discovery(const nlohmann::json& document,
                                 const std::string& expected_issuer);

/// What the ID token of one sign-in must be: from `issuer`, for `client_id`, carrying `nonce`,
/// signed with an algorithm both the provider lists and the host accepts, within the default
/// clock leeway.
IdTokenExpectations token_expectations(const std::string& issuer, const std::string& client_id,
                                       const std::string& nonce, const ProviderMetadata& metadata);

/// What one authorization request carries (RFC 6749 4.1.1, RFC 7636, OIDC Core 3.1.2.1).
struct AuthorizationRequest {
    std::string redirect_uri;
    std::string state;
    std::string nonce;
    std::string code_verifier;
    std::string login_hint;  ///< empty: none
};

/// The PKCE S256 challenge of `verifier`.
std::string code_challenge(const std::string& verifier);

class Provider {
  public:
    explicit Provider(config::OidcConfig config);

    const config::OidcConfig& config() const { return config_; }

    /// The URL to send the browser to. Throws ProviderUnavailable.
    std::string authorization_url(const AuthorizationRequest& request);

    /// Exchanges `code` at the token endpoint and verifies the ID token it returns. Throws
    /// SignInRefused (the provider refused the code, or the token fails a check) or
    /// ProviderUnavailable.
    IdToken redeem(const std::string& code, const std::string& redirect_uri,
                   const std::string& code_verifier, const std::string& nonce,
                   std::chrono::system_clock::time_point now, std::string* raw_id_token);

    /// The provider's end-session address for a user signed in with `id_token`, or nullopt when
    /// the provider offers none (OpenID Connect RP-Initiated Logout 1.0).
    std::optional<std::string> end_session_url(const std::string& id_token,
                                               const std::string& post_logout_redirect_uri);

  private:
    ProviderMetadata metadata();
    KeySet keys(bool refresh, std::chrono::system_clock::time_point now);

    config::OidcConfig config_;
    std::mutex mutex_;
    std::optional<ProviderMetadata> metadata_;
    std::chrono::steady_clock::time_point metadata_read_{};
    std::optional<KeySet> keys_;
    std::chrono::system_clock::time_point keys_read_{};
};

}  // namespace iro::oidc
