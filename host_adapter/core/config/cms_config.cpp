#include "config/cms_config.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "config/cms_templates.hpp"
#include "config/host_config.hpp"
#include "config/loopback_url.hpp"

namespace iro::writeback {

namespace {

void require_encrypted(const std::string& url, const std::string& where) {
    config::require_encrypted_url(url, where, "children's records are");
}

std::chrono::milliseconds millis(const nlohmann::json& section, const char* name,
                                 std::chrono::milliseconds fallback) {
    return section.contains(name) ? std::chrono::milliseconds(section[name].get<std::int64_t>())
                                  : fallback;
}

}  // namespace

CmsConfig parse_cms_config(const nlohmann::json& section, const std::filesystem::path& base_dir,
                           const std::string& where) {
    CmsConfig c;
    c.base_url = section.at("base_url").get<std::string>();
    while (!c.base_url.empty() && c.base_url.back() == '/') {
        c.base_url.pop_back();
    }
    require_encrypted(c.base_url, where + ": /cms/base_url");

    const auto& auth = section.at("auth");
    const std::string type = auth.at("type").get<std::string>();
    if (type == "api_key") {
        c.api_key = ApiKeyAuth{auth.at("header").get<std::string>(),
                               base_dir / auth.at("key_file").get<std::string>()};
    } else {
        c.client_credentials = ClientCredentialsAuth{
            auth.at("token_url").get<std::string>(), auth.at("client_id").get<std::string>(),
            base_dir / auth.at("client_secret_file").get<std::string>(),
            auth.value("scope", std::string())};
        require_encrypted(c.client_credentials->token_url, where + ": /cms/auth/token_url");
    }
    if (section.contains("ca_file")) {
        c.ca_file = base_dir / section["ca_file"].get<std::string>();
    }
    c.connect_timeout = millis(section, "connect_timeout_ms", c.connect_timeout);
    c.timeout = millis(section, "timeout_ms", c.timeout);
    if (section.contains("retry")) {
        c.initial_retry_delay = millis(section["retry"], "initial_delay_ms", c.initial_retry_delay);
        c.max_retry_delay = millis(section["retry"], "max_delay_ms", c.max_retry_delay);
    }
    if (c.max_retry_delay < c.initial_retry_delay) {
        throw config::ConfigError(where + ": /cms/retry: max_delay_ms is below initial_delay_ms");
    }
    for (const auto& [name, route] : section.at("routes").items()) {
        Route r;
        r.method = route.value("method", std::string("POST"));
        r.path = route.at("path").get<std::string>();
        r.body = route.at("body");
        try {
            check_text_template(r.path);
            check_body_template(r.body);
        } catch (const std::invalid_argument& e) {
            throw config::ConfigError(fmt::format("{}: /cms/routes/{}: {}", where, name, e.what()));
        }
        c.routes.emplace(name, std::move(r));
    }
    return c;
}

std::string read_secret(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw std::runtime_error("the secret file " + file.string() + " cannot be read");
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string secret = buffer.str();
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r' ||
                               secret.back() == ' ' || secret.back() == '\t')) {
        secret.pop_back();
    }
    if (secret.empty()) {
        throw std::runtime_error("the secret file " + file.string() + " is empty");
    }
    return secret;
}

}  // namespace iro::writeback
