#include "config/http_config.hpp"

namespace iro::config {

HttpConfig parse_http_config(const nlohmann::json& http) {
    HttpConfig config;
    config.bind = http.value("bind", config.bind);
    config.port = http.value("port", config.port);
    config.limits.max_body_bytes = http.value("max_body_bytes", config.limits.max_body_bytes);
    config.limits.max_header_bytes = http.value("max_header_bytes", config.limits.max_header_bytes);
    config.limits.request_timeout = std::chrono::seconds(http.value("request_timeout_seconds", 30));
    config.limits.shutdown_grace = std::chrono::seconds(http.value("shutdown_grace_seconds", 20));
    config.limits.threads = http.value("threads", config.limits.threads);
    config.public_url = http.value("public_url", std::string());
    while (!config.public_url.empty() && config.public_url.back() == '/') {
        config.public_url.pop_back();
    }
    config.frame_ancestors = http.value("frame_ancestors", std::vector<std::string>());
    return config;
}

}  // namespace iro::config
