#pragma once
// Per-user API tokens. A token is "iro_<token id>.<secret>"; only the SHA-256 of the secret is
// stored, so the token is shown once, at creation, and never again. Tokens expire and can be
// revoked; disabling a user revokes theirs.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "access/roles.hpp"
#include "store/change.hpp"
#include "store/sqlite.hpp"

namespace iro::auth {

struct IssuedToken {
    std::string token_id;
    std::string token;  ///< the whole bearer token: shown once, stored nowhere
    std::string expires_at;
};

struct TokenInfo {
    std::string token_id;
    std::string user_id;
    std::string label;
    std::string created_at;
    std::string expires_at;
    std::optional<std::string> revoked_at;
};

/// Issues a token for an enabled user, valid for `valid_for` from `now`. Refuses (invalid_argument)
/// an unknown or disabled user, or a validity outside 1 to 400 days.
IssuedToken issue_token(store::Database& db, const std::string& user_id, const std::string& label,
                        std::chrono::hours valid_for, std::chrono::system_clock::time_point now,
                        const store::Change& change);

std::vector<TokenInfo> list_tokens(store::Database& db, std::string_view user_id);

/// Revokes a token; refuses an unknown or already revoked one.
void revoke_token(store::Database& db, std::string_view token_id, const store::Change& change);

/// Why a credential was not accepted: for the log, never for the client (which learns only that
/// it was not).
class NotAuthenticated : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// The principal a bearer token stands for. Throws NotAuthenticated for a malformed, unknown,
/// wrong, expired or revoked token, or a disabled user.
access::Principal authenticate_token(store::Database& db, std::string_view token,
                                     std::chrono::system_clock::time_point now);

/// The principal of an enabled user (a CMS acting for them, a panel session). Throws
/// NotAuthenticated.
access::Principal user_principal(store::Database& db, std::string_view user_id);

/// Whether a token is still usable now (a panel session lives only as long as its token).
bool token_usable(store::Database& db, std::string_view token_id,
                  std::chrono::system_clock::time_point now);

}  // namespace iro::auth
