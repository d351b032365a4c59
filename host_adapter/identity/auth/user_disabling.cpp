#include "auth/user_disabling.hpp"

#include <string>

#include "access/user_store.hpp"
#include "auth/panel_sessions.hpp"
#include "common/error.hpp"

namespace iro::auth {

void disable_user(store::Database& db, std::string_view user_id, const store::Change& change) {
    // Part of the caller's transaction when there is one (the command's, with its audit entry),
    // else one of its own: the user and their tokens go together.
    store::Savepoint tx(db);
    auto stmt =
        db.prepare("UPDATE users SET disabled_at = ? WHERE user_id = ? AND disabled_at IS NULL");
    stmt.bind(1, change.at).bind(2, user_id).run();
    if (db.changes() == 0) {
        if (access::find_user(db, user_id)) {
            throw Error(ErrorKind::conflict,
                        "user " + std::string(user_id) + " is already disabled");
        }
        throw Error(ErrorKind::not_found, "there is no user " + std::string(user_id));
    }
    db.prepare("UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
        .bind(1, change.at)
        .bind(2, user_id)
        .run();
    end_user_panel_sessions(db, user_id, change.at, "user disabled");
    tx.commit();
}

}  // namespace iro::auth
