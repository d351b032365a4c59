#pragma once
// Sign-ins sent to the provider and not yet back: the state, nonce and PKCE verifier of each,
// held in the store (so a restart mid-sign-in does not strand anyone) by the SHA-256 of the state.
// Each is bound to the browser that started it by a cookie secret, lasts ten minutes, and is
// taken once: a state replayed, brought by another browser or come back late signs nobody in.

#include <chrono>
#include <optional>
#include <string>

#include "store/sqlite.hpp"

namespace iro::oidc {

inline constexpr std::chrono::minutes kSignInLifetime{10};

struct PendingSignIn {
    std::string state;           ///< sent to the provider, returned on the redirect
    std::string nonce;           ///< must come back inside the ID token
    std::string code_verifier;   ///< PKCE: proves the code's redeemer started the sign-in
    std::string browser_secret;  ///< the cookie that binds it to this browser
    std::string child_id;        ///< the panel to show afterwards; empty: none
    std::string expected_user;   ///< a CMS launch's user, who must be the one who signs in
};

/// Records a new sign-in for `child_id` (and, from a launch, the user it must turn out to be).
PendingSignIn begin_sign_in(store::Database& db, const std::string& child_id,
                            const std::string& expected_user,
                            std::chrono::system_clock::time_point now);

/// Why a returning sign-in was refused, for the page and the log.
enum class SignInMismatch { unknown_state, used, expired, other_browser };

/// Takes the sign-in `state` names, once. `browser_secret` is the cookie the browser brought.
/// Returns the sign-in, or sets `why` and returns nullopt.
std::optional<PendingSignIn> take_sign_in(store::Database& db, const std::string& state,
                                          const std::string& browser_secret,
                                          std::chrono::system_clock::time_point now,
                                          SignInMismatch& why);

}  // namespace iro::oidc
