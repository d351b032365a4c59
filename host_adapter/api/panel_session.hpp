#pragma once
// The panel's browser session: after a person signs in with their API token, a cookie naming the
// user and that token, signed with the service's session key, for at most eight hours. The session
// ends sooner when the token is revoked or expires or the user is disabled (checked on every
// request), and at restart (the key is new). Forms carry a token derived from the credential, so
// another site cannot post them.

#include <chrono>
#include <optional>
#include <string>

namespace iro::api {

inline constexpr std::chrono::hours kPanelSessionLength{8};
inline constexpr const char* kPanelCookie = "iro_panel";

struct PanelSession {
    std::string user_id;
    std::string token_id;
};

/// The cookie value for a session starting `now`.
std::string make_session_cookie(const std::string& key, const PanelSession& session,
                                std::chrono::system_clock::time_point now);

/// The session a cookie value carries, if its signature holds and it has not expired.
std::optional<PanelSession> read_session_cookie(const std::string& key, std::string_view value,
                                                std::chrono::system_clock::time_point now);

/// The value of cookie `name` in a Cookie header.
std::optional<std::string> cookie_value(std::string_view header, std::string_view name);

/// The form token for a principal's credential ("token:<id>", "signed:<client>", ...).
std::string form_token(const std::string& key, std::string_view credential);

}  // namespace iro::api
