#include "auth/idempotent_requests.hpp"

namespace iro::auth {

std::optional<RememberedAnswer> find_remembered_answer(store::Database& db,
                                                       const std::string& principal,
                                                       const std::string& key,
                                                       const std::string& since_utc) {
    auto stmt = db.prepare(
        "SELECT request_sha256, status, content_type, location, body FROM idempotent_requests "
        "WHERE principal = ? AND key = ? AND created_at > ?");
    stmt.bind(1, principal).bind(2, key).bind(3, since_utc);
    if (!stmt.step()) {
        return std::nullopt;
    }
    return RememberedAnswer{stmt.text(0), stmt.integer(1), stmt.text(2), stmt.text(3),
                            std::string(stmt.blob_view(4))};
}

void remember_answer(store::Database& db, const std::string& principal, const std::string& key,
                     const RememberedAnswer& answer, const std::string& now_utc,
                     const std::string& forget_before_utc) {
    db.prepare("DELETE FROM idempotent_requests WHERE created_at <= ?")
        .bind(1, forget_before_utc)
        .run();
    db.prepare(
          "INSERT OR REPLACE INTO idempotent_requests (principal, key, request_sha256, status, "
          "content_type, location, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, principal)
        .bind(2, key)
        .bind(3, answer.request_sha256)
        .bind(4, answer.status)
        .bind(5, answer.content_type)
        .bind(6, answer.location)
        .bind_blob(7, answer.body)
        .bind(8, now_utc)
        .run();
}

}  // namespace iro::auth
