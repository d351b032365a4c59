#include "auth/api_tokens.hpp"

#include "access/user_store.hpp"
#include "clock/timestamps.hpp"
#include "crypto/crypto.hpp"

namespace iro::auth {

namespace {

constexpr std::string_view kPrefix = "iro_";
constexpr std::size_t kIdBytes = 8;
constexpr std::size_t kSecretBytes = 32;

}  // namespace

IssuedToken issue_token(store::Database& db, const std::string& user_id, const std::string& label,
                        std::chrono::hours valid_for, std::chrono::system_clock::time_point now,
                        const store::Change& change) {
    if (valid_for < std::chrono::hours(24) || valid_for > std::chrono::hours(24 * 400)) {
        throw std::invalid_argument("a token is valid for 1 to 400 days");
    }
    const auto user = access::find_user(db, user_id);
    if (!user) {
        throw std::invalid_argument("there is no user " + user_id);
    }
    if (user->disabled_at) {
        throw std::invalid_argument("user " + user_id + " is disabled");
    }
    IssuedToken issued;
    issued.token_id = random_hex(kIdBytes);
    const std::string secret = random_hex(kSecretBytes);
    issued.token = std::string(kPrefix) + issued.token_id + "." + secret;
    issued.expires_at = clock::utc_timestamp(now + valid_for);
    db.prepare(
          "INSERT INTO api_tokens (token_id, user_id, secret_sha256, label, created_at, "
          "expires_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, issued.token_id)
        .bind(2, user_id)
        .bind(3, sha256_hex(secret))
        .bind(4, label)
        .bind(5, change.at)
        .bind(6, issued.expires_at)
        .run();
    return issued;
}

std::vector<TokenInfo> list_tokens(store::Database& db, std::string_view user_id) {
    auto stmt = db.prepare(
        "SELECT token_id, user_id, label, created_at, expires_at, revoked_at FROM api_tokens "
        "WHERE ?1 = '' OR user_id = ?1 ORDER BY user_id, created_at, token_id");
    stmt.bind(1, user_id);
    std::vector<TokenInfo> out;
    while (stmt.step()) {
        out.push_back({stmt.text(0), stmt.text(1), stmt.text(2), stmt.text(3), stmt.text(4),
                       stmt.optional_text(5)});
    }
    return out;
}

void revoke_token(store::Database& db, std::string_view token_id, const store::Change& change) {
    db.prepare("UPDATE api_tokens SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL")
        .bind(1, change.at)
        .bind(2, token_id)
        .run();
    if (db.changes() == 0) {
        throw std::invalid_argument("there is no unrevoked token " + std::string(token_id));
    }
}

access::Principal user_principal(store::Database& db, std::string_view user_id) {
    const auto user = access::find_user(db, user_id);
    if (!user) {
        throw NotAuthenticated("unknown user");
    }
    if (user->disabled_at) {
        throw NotAuthenticated("user disabled");
    }
    return {user->user_id, user->roles, user->worker_id, "", ""};
}

access::Principal authenticate_token(store::Database& db, std::string_view token,
                                     std::chrono::system_clock::time_point now) {
    const auto dot = token.find('.');
    if (token.substr(0, kPrefix.size()) != kPrefix || dot == std::string_view::npos ||
        dot != kPrefix.size() + 2 * kIdBytes || token.size() != dot + 1 + 2 * kSecretBytes) {
        throw NotAuthenticated("malformed token");
    }
    const auto token_id = token.substr(kPrefix.size(), 2 * kIdBytes);
    auto& stmt = db.cached(
        "SELECT user_id, secret_sha256, expires_at, revoked_at FROM api_tokens WHERE token_id = ?");
    stmt.reset();
    stmt.bind(1, token_id);
    if (!stmt.step()) {
        throw NotAuthenticated("unknown token");
    }
    const std::string user_id = stmt.text(0);
    const bool matches = constant_time_equal(sha256_hex(token.substr(dot + 1)), stmt.text_view(1));
    const bool expired = stmt.text(2) <= clock::utc_timestamp(now);
    const bool revoked = !stmt.is_null(3);
    stmt.reset();
    if (!matches) {
        throw NotAuthenticated("wrong secret");
    }
    if (revoked) {
        throw NotAuthenticated("revoked token");
    }
    if (expired) {
        throw NotAuthenticated("expired token");
    }
    auto principal = user_principal(db, user_id);
    principal.via = "token:" + std::string(token_id);
    principal.credential_id = std::string(token_id);
    return principal;
}

bool token_usable(store::Database& db, std::string_view token_id,
                  std::chrono::system_clock::time_point now) {
    auto& stmt = db.cached(
        "SELECT 1 FROM api_tokens t JOIN users u USING (user_id) WHERE t.token_id = ? AND "
        "t.revoked_at IS NULL AND t.expires_at > ? AND u.disabled_at IS NULL");
    stmt.reset();
    stmt.bind(1, token_id).bind(2, clock::utc_timestamp(now));
    const bool usable = stmt.step();
    stmt.reset();
    return usable;
}

}  // namespace iro::auth
