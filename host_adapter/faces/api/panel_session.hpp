#pragma once
// The panel's cookies and form tokens. The session itself is held in the store
// (auth/panel_sessions.hpp); its cookie carries only a random secret. Forms carry a token derived
// from the session with the service's session key (kept on disk, so pages loaded before a restart
// still post), and the sign-in form one bound to a sign-in cookie, so another site can neither
// post the panel's forms nor sign a browser in as someone else.

#include <optional>
#include <string>
#include <string_view>

#include "config/http_config.hpp"
#include "http/http_types.hpp"

namespace iro::api {

inline constexpr const char* kPanelCookie = "iro_panel";
inline constexpr const char* kSignInCookie = "iro_signin";
/// Binds a sign-in sent to the council's identity provider to the browser that began it.
inline constexpr const char* kSsoCookie = "iro_sso";

/// Set-Cookie value for `name`=`value` on /panel, HttpOnly, `Secure` when the service is reached
/// over HTTPS; `max_age_seconds` 0 removes the cookie. SameSite=Strict, except for a panel the
/// configuration lets a CMS frame over HTTPS: a browser sends a Strict cookie to no frame on
/// another site, so there it is SameSite=None (which needs Secure) and Partitioned (the cookie
/// belongs to the CMS page's site alone). The forms keep their own protection either way: the
/// origin check and the form token.
std::string panel_cookie(std::string_view name, std::string_view value, long max_age_seconds,
                         const config::HttpConfig& http);

/// As panel_cookie, for a cookie the browser must bring back when the council's identity
/// provider sends it back here: a top-level navigation from another site, which carries
/// SameSite=Lax cookies but not Strict ones.
std::string returning_cookie(std::string_view name, std::string_view value, long max_age_seconds,
                             const config::HttpConfig& http);

/// The panel's own origin: the configured public URL, else http:// and the request's Host.
std::string panel_origin(const http::Request& request, const config::HttpConfig& http);

/// The value of cookie `name` in a Cookie header.
std::optional<std::string> cookie_value(std::string_view header, std::string_view name);

/// The value of cookie `name` the request sent.
std::optional<std::string> request_cookie(const http::Request& request, std::string_view name);

/// The form token for a principal's credential ("session:<id>", "token:<id>", ...).
std::string form_token(const std::string& key, std::string_view credential);

}  // namespace iro::api
