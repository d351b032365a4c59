#pragma once
// The panel's cookies and form tokens. The session itself is held in the store
// (auth/panel_sessions.hpp); its cookie carries only a random secret. Forms carry a token derived
// from the session with the service's session key (kept on disk, so pages loaded before a restart
// still post), and the sign-in form one bound to a sign-in cookie, so another site can neither
// post the panel's forms nor sign a browser in as someone else.

#include <optional>
#include <string>
#include <string_view>

#include "http/http_types.hpp"

namespace iro::api {

inline constexpr const char* kPanelCookie = "iro_panel";
inline constexpr const char* kSignInCookie = "iro_signin";

/// Set-Cookie value for `name`=`value` on /panel, HttpOnly and SameSite=Strict, `Secure` when
/// the service is reached over HTTPS; `max_age_seconds` 0 removes the cookie.
std::string panel_cookie(std::string_view name, std::string_view value, long max_age_seconds,
                         bool secure);

/// The value of cookie `name` in a Cookie header.
std::optional<std::string> cookie_value(std::string_view header, std::string_view name);

/// The value of cookie `name` the request sent.
std::optional<std::string> request_cookie(const http::Request& request, std::string_view name);

/// The form token for a principal's credential ("session:<id>", "token:<id>", ...).
std::string form_token(const std::string& key, std::string_view credential);

}  // namespace iro::api
