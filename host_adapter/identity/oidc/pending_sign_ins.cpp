#include "oidc/pending_sign_ins.hpp"

#include "clock/timestamps.hpp"
#include "crypto/crypto.hpp"

namespace iro::oidc {

PendingSignIn begin_sign_in(store::Database& db, const std::string& child_id,
                            const std::string& expected_user,
                            std::chrono::system_clock::time_point now) {
    // 32 random bytes each: the verifier is 64 characters, inside RFC 7636's 43 to 128.
    PendingSignIn s{auth::random_hex(32),
                    auth::random_hex(32),
                    auth::random_hex(32),
                    auth::random_hex(32),
                    child_id,
                    expected_user};
    store::Savepoint tx(db);
    // Sign-ins never finished are of no use after a day.
    db.prepare("DELETE FROM pending_sign_ins WHERE expires_at < ?")
        .bind(1, clock::utc_timestamp(now - std::chrono::hours(24)))
        .run();
    db.prepare(
          "INSERT INTO pending_sign_ins (state_sha256, browser_sha256, nonce, code_verifier, "
          "child_id, expected_user, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, auth::sha256_hex(s.state))
        .bind(2, auth::sha256_hex(s.browser_secret))
        .bind(3, s.nonce)
        .bind(4, s.code_verifier)
        .bind(5, child_id)
        .bind(6, expected_user)
        .bind(7, clock::utc_timestamp(now))
        .bind(8, clock::utc_timestamp(now + kSignInLifetime))
        .run();
    tx.commit();
    return s;
}

std::optional<PendingSignIn> take_sign_in(store::Database& db, const std::string& state,
                                          const std::string& browser_secret,
                                          std::chrono::system_clock::time_point now,
                                          SignInMismatch& why) {
    store::Savepoint tx(db);
    auto stmt = db.prepare(
        "SELECT browser_sha256, nonce, code_verifier, child_id, expected_user, expires_at, "
        "used_at FROM pending_sign_ins WHERE state_sha256 = ?");
    stmt.bind(1, auth::sha256_hex(state));
    if (!stmt.step()) {
        why = SignInMismatch::unknown_state;
        return std::nullopt;
    }
    PendingSignIn s{state, stmt.text(1), stmt.text(2), browser_secret, stmt.text(3), stmt.text(4)};
    const std::string browser = stmt.text(0);
    const std::string expires_at = stmt.text(5);
    const bool used = stmt.optional_text(6).has_value();
    stmt.reset();
    if (used) {
        why = SignInMismatch::used;
        return std::nullopt;
    }
    // Used up whatever happens next: a state is worth one try.
    db.prepare("UPDATE pending_sign_ins SET used_at = ? WHERE state_sha256 = ?")
        .bind(1, clock::utc_timestamp(now))
        .bind(2, auth::sha256_hex(state))
        .run();
    tx.commit();
    if (expires_at <= clock::utc_timestamp(now)) {
        why = SignInMismatch::expired;
        return std::nullopt;
    }
    if (!auth::constant_time_equal(browser, auth::sha256_hex(browser_secret))) {
        why = SignInMismatch::other_browser;
        return std::nullopt;
    }
    return s;
}

}  // namespace iro::oidc
