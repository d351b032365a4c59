#pragma once
// Where `iro-host serve` listens for HTTP and the limits it holds clients to.

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "config/http_limits.hpp"

namespace iro::config {

struct HttpConfig {
    std::string bind = "127.0.0.1";  ///< loopback unless the deployment says otherwise
    unsigned short port = 8080;
    http::Limits limits;
    /// Origins of the CMS pages allowed to frame the panel ("https://cms.council.gov.uk").
    std::vector<std::string> frame_ancestors;
    /// Where people reach the service, through the council's TLS front
    /// ("https://iro.council.gov.uk"); empty: as the request's Host says, over plain HTTP.
    /// An https address makes the panel's cookies Secure; forms must come from its origin.
    std::string public_url;

    /// True when the service is reached over HTTPS.
    bool secure() const { return public_url.rfind("https://", 0) == 0; }
};

/// Reads the configuration file's "http" object (already checked against its schema).
HttpConfig parse_http_config(const nlohmann::json& http);

}  // namespace iro::config
