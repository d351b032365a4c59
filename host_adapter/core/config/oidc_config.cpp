#include "config/oidc_config.hpp"

#include "config/loopback_url.hpp"

namespace iro::config {

OidcConfig parse_oidc_config(const nlohmann::json& oidc, const std::filesystem::path& base,
                             const std::string& where) {
    OidcConfig config;
    config.issuer = oidc.at("issuer").get<std::string>();
    // The ID token's iss must equal the issuer exactly, so it is kept as written; only the
    // discovery address is formed without a doubled slash.
    require_encrypted_url(config.issuer, where + ": /oidc/issuer", "sign-in is");
    config.client_id = oidc.at("client_id").get<std::string>();
    if (oidc.contains("client_secret_file")) {
        const std::filesystem::path file = oidc["client_secret_file"].get<std::string>();
        config.client_secret_file = file.is_absolute() ? file : base / file;
    }
    config.scopes = oidc.value("scopes", config.scopes);
    config.user_claim = oidc.value("user_claim", config.user_claim);
    config.user_field = oidc.value("user_field", std::string("user_id")) == "worker_id"
                            ? OidcUserField::worker_id
                            : OidcUserField::user_id;
    config.required = oidc.value("required", false);
    config.display_name = oidc.value("display_name", config.display_name);
    if (oidc.contains("ca_file")) {
        const std::filesystem::path file = oidc["ca_file"].get<std::string>();
        config.ca_file = file.is_absolute() ? file : base / file;
    }
    return config;
}

}  // namespace iro::config
