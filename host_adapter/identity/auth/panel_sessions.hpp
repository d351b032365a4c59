#pragma once
// The panel's browser sessions, held in the store: started by signing in with an API token,
// through the council's OpenID provider, or by a CMS launch; ended by signing out, by the user
// being disabled, by the token (if any) being revoked or expiring, or after eight hours,
// whichever comes first; kept across restarts. The cookie carries a random secret;
// the store keeps only its SHA-256, so a copy of the store signs nobody in.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "store/sqlite.hpp"

namespace iro::auth {

inline constexpr std::chrono::hours kPanelSessionLength{8};

/// How a session began.
struct SessionOrigin {
    std::string signed_in_with;  ///< "token", "oidc" or "launch"
    std::string token_id;        ///< the API token, for "token"
    std::string id_token;        ///< the provider's ID token, for "oidc" (its end-session hint)
};

struct PanelSession {
    std::string session_id;  ///< a short, non-secret name for logs and form tokens
    std::string user_id;
    SessionOrigin origin;
};

/// Starts a session for `user_id`; returns the cookie secret.
std::string start_panel_session(store::Database& db, std::string_view user_id,
                                const SessionOrigin& origin,
                                std::chrono::system_clock::time_point now);

/// The live session `secret` names: not ended, not expired, its token (if any) usable, its user
/// enabled.
std::optional<PanelSession> find_panel_session(store::Database& db, std::string_view secret,
                                               std::chrono::system_clock::time_point now);

/// Ends the session `secret` names (sign-out): what it was, or nullopt when there was no live one.
std::optional<PanelSession> end_panel_session(store::Database& db, std::string_view secret,
                                              std::chrono::system_clock::time_point now);

/// Ends every live session of `user_id` (disabled): the number ended.
int end_user_panel_sessions(store::Database& db, std::string_view user_id, std::string_view at,
                            std::string_view why);

}  // namespace iro::auth
