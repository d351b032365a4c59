#include "api/panel_session.hpp"

#include "crypto/crypto.hpp"

namespace iro::api {

namespace {

std::string mac(const std::string& key, std::string_view text) {
    return auth::to_hex(auth::hmac_sha256(key, text));
}

std::string cookie(std::string_view name, std::string_view value, long max_age_seconds,
                   const config::HttpConfig& http, const char* same_site) {
    const bool secure = http.secure();
    const bool framed_elsewhere = secure && !http.frame_ancestors.empty();
    return std::string(name) + "=" + std::string(value) +
           "; Path=/panel; HttpOnly; SameSite=" + (framed_elsewhere ? "None" : same_site) +
           "; Max-Age=" + std::to_string(max_age_seconds) + (secure ? "; Secure" : "") +
           (framed_elsewhere ? "; Partitioned" : "");
}

}  // namespace

std::string panel_cookie(std::string_view name, std::string_view value, long max_age_seconds,
                         const config::HttpConfig& http) {
    return cookie(name, value, max_age_seconds, http, "Strict");
}

std::string returning_cookie(std::string_view name, std::string_view value, long max_age_seconds,
                             const config::HttpConfig& http) {
    return cookie(name, value, max_age_seconds, http, "Lax");
}

std::string panel_origin(const http::Request& request, const config::HttpConfig& http) {
    return !http.public_url.empty()
               ? http.public_url
               : "http://" + std::string(request[boost::beast::http::field::host]);
}

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
    std::size_t start = 0;
    while (start < header.size()) {
        auto end = header.find(';', start);
        if (end == std::string_view::npos) {
            end = header.size();
        }
        auto pair = header.substr(start, end - start);
        while (!pair.empty() && pair.front() == ' ') {
            pair.remove_prefix(1);
        }
        const auto eq = pair.find('=');
        if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
            return std::string(pair.substr(eq + 1));
        }
        start = end + 1;
    }
    return std::nullopt;
}

std::optional<std::string> request_cookie(const http::Request& request, std::string_view name) {
    const auto header = request[boost::beast::http::field::cookie];
    return cookie_value(std::string_view(header.data(), header.size()), name);
}

std::string form_token(const std::string& key, std::string_view credential) {
    return mac(key, "panel-form:" + std::string(credential));
}

}  // namespace iro::api
