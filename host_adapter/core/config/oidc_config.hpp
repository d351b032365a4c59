#pragma once
// Single sign-on to the panel through the council's identity provider (OpenID Connect, the
// authorization code flow with PKCE): which provider, which client the host is there, and which
// claim of the ID token names the host's user.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace iro::config {

/// What the claim the provider vouches for is matched against among the host's users.
enum class OidcUserField { user_id, worker_id };

struct OidcConfig {
    /// The provider's issuer identifier, exactly as its ID tokens say it
    /// ("https://login.microsoftonline.com/<tenant>/v2.0"); discovery is read from beneath it.
    std::string issuer;
    std::string client_id;
    /// The client secret's file, for a confidential client; empty: a public client (PKCE alone).
    std::filesystem::path client_secret_file;
    std::vector<std::string> scopes{"openid", "profile", "email"};
    /// The ID token claim that names the user ("preferred_username", "email", "employee_id").
    std::string user_claim = "preferred_username";
    /// Matched against the host user's id, or against the worker id they hold allocations as.
    OidcUserField user_field = OidcUserField::user_id;
    /// True: people sign in to the panel only this way (the API-token form is not offered, and a
    /// CMS launch hands over to the provider rather than signing the user in itself).
    bool required = false;
    /// How the sign-in button names the provider ("your council account").
    std::string display_name = "your council account";
    /// Certificates to trust for the provider; empty: the system's trust store.
    std::filesystem::path ca_file;
};

/// Reads the configuration file's "oidc" object (already checked against its schema). Throws
/// ConfigError naming `where` for an issuer that is not https (loopback excepted).
OidcConfig parse_oidc_config(const nlohmann::json& oidc, const std::filesystem::path& base,
                             const std::string& where);

}  // namespace iro::config
