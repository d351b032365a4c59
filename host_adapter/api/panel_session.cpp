#include "api/panel_session.hpp"

#include <charconv>

#include "auth/crypto.hpp"

namespace iro::api {

namespace {

std::string mac(const std::string& key, std::string_view text) {
    return auth::to_hex(auth::hmac_sha256(key, text));
}

}  // namespace

std::string make_session_cookie(const std::string& key, const PanelSession& session,
                                std::chrono::system_clock::time_point now) {
    const auto expires = std::chrono::duration_cast<std::chrono::seconds>(
                             (now + kPanelSessionLength).time_since_epoch())
                             .count();
    const std::string payload =
        session.user_id + "." + session.token_id + "." + std::to_string(expires);
    return payload + "." + mac(key, "panel-session:" + payload);
}

std::optional<PanelSession> read_session_cookie(const std::string& key, std::string_view value,
                                                std::chrono::system_clock::time_point now) {
    const auto last = value.rfind('.');
    if (last == std::string_view::npos) {
        return std::nullopt;
    }
    const auto payload = value.substr(0, last);
    if (!auth::constant_time_equal(mac(key, "panel-session:" + std::string(payload)),
                                   value.substr(last + 1))) {
        return std::nullopt;
    }
    // The user id may itself hold dots; the token id and expiry never do.
    const auto expiry_dot = payload.rfind('.');
    const auto token_dot = payload.rfind('.', expiry_dot - 1);
    if (expiry_dot == std::string_view::npos || token_dot == std::string_view::npos ||
        token_dot == 0) {
        return std::nullopt;
    }
    std::int64_t expires = 0;
    const auto text = payload.substr(expiry_dot + 1);
    if (std::from_chars(text.data(), text.data() + text.size(), expires).ec != std::errc()) {
        return std::nullopt;
    }
    const auto now_s =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    if (expires <= now_s) {
        return std::nullopt;
    }
    return PanelSession{std::string(payload.substr(0, token_dot)),
                        std::string(payload.substr(token_dot + 1, expiry_dot - token_dot - 1))};
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

std::string form_token(const std::string& key, std::string_view credential) {
    return mac(key, "panel-form:" + std::string(credential));
}

}  // namespace iro::api
