#pragma once
// Where `iro-host serve` listens for HTTP and the limits it holds clients to.

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "http/http_types.hpp"

namespace iro::config {

struct HttpConfig {
    std::string bind = "127.0.0.1";  ///< loopback unless the deployment says otherwise
    unsigned short port = 8080;
    http::Limits limits;
    /// Origins of the CMS pages allowed to frame the panel ("https://cms.council.gov.uk").
    std::vector<std::string> frame_ancestors;
};

/// Reads the configuration file's "http" object (already checked against its schema).
HttpConfig parse_http_config(const nlohmann::json& http);

}  // namespace iro::config
