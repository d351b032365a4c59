#include "oidc/claimed_user.hpp"

#include "oidc/id_token.hpp"

namespace iro::oidc {

std::string claimed_user(store::Database& db, const config::OidcConfig& config,
                         const nlohmann::json& claims) {
    const auto it = claims.find(config.user_claim);
    if (it == claims.end() || !it->is_string() || it->get<std::string>().empty()) {
        throw SignInRefused("no-claim", "the provider's ID token has no '" + config.user_claim +
                                            "' claim to name the user by");
    }
    const std::string value = it->get<std::string>();
    const bool by_worker = config.user_field == config::OidcUserField::worker_id;
    auto stmt = db.prepare(by_worker ? "SELECT user_id, disabled_at IS NOT NULL FROM users WHERE "
                                       "worker_id = ? ORDER BY disabled_at IS NOT NULL, user_id"
                                     : "SELECT user_id, disabled_at IS NOT NULL FROM users WHERE "
                                       "user_id = ?");
    stmt.bind(1, value);
    std::vector<std::string> enabled;
    bool disabled = false;
    while (stmt.step()) {
        if (stmt.integer(1) != 0) {
            disabled = true;
        } else {
            enabled.push_back(stmt.text(0));
        }
    }
    if (enabled.size() > 1) {
        throw SignInRefused("ambiguous-user",
                            "more than one user of IRO Oversight holds worker id '" + value +
                                "': an administrator must disable all but one");
    }
    if (enabled.empty()) {
        throw SignInRefused(disabled ? "disabled-user" : "unknown-user",
                            disabled ? "your IRO Oversight account (" + value + ") is disabled"
                                     : "there is no IRO Oversight account for " + value +
                                           ": ask the IRO service's administrator to add you");
    }
    return enabled.front();
}

}  // namespace iro::oidc
