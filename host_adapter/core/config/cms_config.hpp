#pragma once
// How this deployment reaches the council's case-management system: the "cms" section of the
// host configuration (schemas/host-config.schema.json).

#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace iro::writeback {

/// An API key sent in a header on every request.
struct ApiKeyAuth {
    std::string header;  ///< e.g. "X-Api-Key"
    std::filesystem::path key_file;
};

/// OAuth2 client credentials: a bearer token from the token endpoint, cached until shortly
/// before it expires.
struct ClientCredentialsAuth {
    std::string token_url;
    std::string client_id;
    std::filesystem::path client_secret_file;
    std::string scope;  ///< empty: none requested
};

/// One kind of item the CMS receives: where it goes and the JSON body it takes. Strings in the
/// templates name item fields as {field}; a string that is exactly "{field}" takes the field's
/// JSON value (number, object...), any other string has the fields' text put in place.
struct Route {
    std::string method = "POST";
    std::string path;  ///< e.g. "/persons/{child_id}/casenotes"
    nlohmann::json body;
};

struct CmsConfig {
    std::string base_url;  ///< e.g. "https://cms.example.gov.uk/api/v2", no trailing slash
    std::optional<ApiKeyAuth> api_key;
    std::optional<ClientCredentialsAuth> client_credentials;
    std::filesystem::path ca_file;  ///< empty: the system's trust store; verification always on
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds timeout{30000};
    std::chrono::milliseconds initial_retry_delay{2000};
    std::chrono::milliseconds max_retry_delay{std::chrono::minutes(10)};
    std::map<std::string, Route, std::less<>> routes;
};

/// Reads the "cms" section, already checked against the host configuration schema. Relative
/// files are taken from `base_dir`; `where` prefixes errors. Throws config::ConfigError for a
/// plain-HTTP address other than loopback (children's records never travel unencrypted) or a
/// template naming a field in a malformed way.
CmsConfig parse_cms_config(const nlohmann::json& section, const std::filesystem::path& base_dir,
                           const std::string& where);

/// Reads a secret (an API key, a client secret) from its file, trimmed of trailing whitespace.
/// Throws std::runtime_error naming the file, never its content.
std::string read_secret(const std::filesystem::path& file);

}  // namespace iro::writeback
