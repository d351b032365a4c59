#include "auth/panel_sessions.hpp"

#include "clock/timestamps.hpp"
#include "crypto/crypto.hpp"

namespace iro::auth {

namespace {

constexpr std::size_t kSecretBytes = 32;

}  // namespace

std::string start_panel_session(store::Database& db, std::string_view user_id,
                                const SessionOrigin& origin,
                                std::chrono::system_clock::time_point now) {
    std::string secret = random_hex(kSecretBytes);
    store::Savepoint tx(db);
    // Sessions over long ago are of no use to anyone: gone after 90 days.
    db.prepare("DELETE FROM panel_sessions WHERE expires_at < ?")
        .bind(1, clock::utc_timestamp(now - std::chrono::hours(24 * 90)))
        .run();
    db.prepare(
          "INSERT INTO panel_sessions (secret_sha256, user_id, token_id, signed_in_with, "
          "id_token, created_at, expires_at) VALUES (?1, ?2, NULLIF(?3, ''), ?4, NULLIF(?5, ''), "
          "?6, ?7)")
        .bind(1, sha256_hex(secret))
        .bind(2, user_id)
        .bind(3, origin.token_id)
        .bind(4, origin.signed_in_with)
        .bind(5, origin.id_token)
        .bind(6, clock::utc_timestamp(now))
        .bind(7, clock::utc_timestamp(now + kPanelSessionLength))
        .run();
    tx.commit();
    return secret;
}

std::optional<PanelSession> find_panel_session(store::Database& db, std::string_view secret,
                                               std::chrono::system_clock::time_point now) {
    if (secret.size() != 2 * kSecretBytes) {
        return std::nullopt;
    }
    const std::string hash = sha256_hex(secret);
    store::CachedUse stmt(
        db,
        "SELECT s.user_id, s.signed_in_with, coalesce(s.token_id, ''), coalesce(s.id_token, '') "
        "FROM panel_sessions s LEFT JOIN api_tokens t USING (token_id) JOIN users u ON "
        "u.user_id = s.user_id WHERE s.secret_sha256 = ?1 AND s.ended_at IS NULL AND "
        "s.expires_at > ?2 AND (s.token_id IS NULL OR (t.revoked_at IS NULL AND t.expires_at > "
        "?2)) AND u.disabled_at IS NULL");
    stmt->bind(1, hash).bind(2, clock::utc_timestamp(now));
    if (!stmt->step()) {
        return std::nullopt;
    }
    return PanelSession{hash.substr(0, 16), stmt->text(0),
                        SessionOrigin{stmt->text(1), stmt->text(2), stmt->text(3)}};
}

std::optional<PanelSession> end_panel_session(store::Database& db, std::string_view secret,
                                              std::chrono::system_clock::time_point now) {
    auto session = find_panel_session(db, secret, now);
    if (!session) {
        return std::nullopt;
    }
    db.prepare(
          "UPDATE panel_sessions SET ended_at = ?, ended_by = 'signed out' WHERE secret_sha256 = "
          "? AND ended_at IS NULL")
        .bind(1, clock::utc_timestamp(now))
        .bind(2, sha256_hex(secret))
        .run();
    return session;
}

int end_user_panel_sessions(store::Database& db, std::string_view user_id, std::string_view at,
                            std::string_view why) {
    db.prepare(
          "UPDATE panel_sessions SET ended_at = ?, ended_by = ? WHERE user_id = ? AND ended_at "
          "IS NULL")
        .bind(1, at)
        .bind(2, why)
        .bind(3, user_id)
        .run();
    return db.changes();
}

}  // namespace iro::auth
