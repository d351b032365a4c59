#pragma once
// Which of the host's users an ID token signs in: the configured claim, matched against the
// user's id or the worker id they hold allocations as. Users are never made here: someone the
// host does not know, or has disabled, is refused, and their roles come from the host as for any
// other sign-in (allocations and configured roles), never from the provider's claims.

#include <nlohmann/json.hpp>
#include <string>

#include "config/oidc_config.hpp"
#include "store/sqlite.hpp"

namespace iro::oidc {

/// The user id of the enabled host user the claims name. Throws SignInRefused ("no-claim",
/// "unknown-user", "disabled-user", "ambiguous-user").
std::string claimed_user(store::Database& db, const config::OidcConfig& config,
                         const nlohmann::json& claims);

}  // namespace iro::oidc
