#include "access/user_store.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace iro::access {

namespace {

constexpr const char* kColumns =
    "user_id, display_name, roles, worker_id, created_at, disabled_at FROM users";

User read_user(const store::Statement& row) {
    return {row.text(0), row.text(1), parse_roles(row.text(2)),
            row.text(3), row.text(4), row.optional_text(5)};
}

bool valid_id(std::string_view id) {
    if (id.empty() || id.size() > 64) {
        return false;
    }
    for (const char c : id) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '@';
        if (!ok) {
            return false;
        }
    }
    return true;
}

}  // namespace

User add_user(store::Database& db, const User& user, const store::Change& change) {
    if (!valid_id(user.user_id)) {
        throw std::invalid_argument("user id '" + user.user_id +
                                    "' must be 1 to 64 letters, digits, '-', '_', '.' or '@'");
    }
    if (user.roles.empty()) {
        throw std::invalid_argument("user " + user.user_id + " needs at least one role");
    }
    if (user.roles.has(Role::cms_integration)) {
        throw std::invalid_argument(
            "cms_integration is the role of a signing integration, not of a person: add one with "
            "`iro-host integrations add`");
    }
    const bool needs_worker = user.roles.has(Role::social_worker) ||
                              user.roles.has(Role::team_manager) || user.roles.has(Role::iro);
    if (needs_worker && user.worker_id.empty()) {
        throw std::invalid_argument(
            "user " + user.user_id +
            " holds a role that follows allocations (social_worker, team_manager, iro): name the "
            "worker they are in the case records with --worker");
    }
    if (!user.worker_id.empty()) {
        auto known = db.prepare("SELECT 1 FROM workers WHERE worker_id = ?");
        known.bind(1, user.worker_id);
        if (!known.step()) {
            throw std::invalid_argument("worker " + user.worker_id +
                                        " is not in the case records (the SSD professionals "
                                        "extract); import it first");
        }
    }
    if (find_user(db, user.user_id)) {
        throw std::invalid_argument("there is already a user " + user.user_id);
    }
    db.prepare(
          "INSERT INTO users (user_id, display_name, roles, worker_id, created_at, created_by) "
          "VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, user.user_id)
        .bind(2, user.display_name)
        .bind(3, to_string(user.roles))
        .bind(4, user.worker_id)
        .bind(5, change.at)
        .bind(6, change.actor)
        .run();
    return *find_user(db, user.user_id);
}

std::optional<User> find_user(store::Database& db, std::string_view user_id) {
    store::CachedUse stmt(db, fmt::format("SELECT {} WHERE user_id = ?", kColumns));
    stmt->bind(1, user_id);
    if (!stmt->step()) {
        return std::nullopt;
    }
    return read_user(*stmt);
}

std::vector<User> list_users(store::Database& db) {
    auto stmt = db.prepare(fmt::format("SELECT {} ORDER BY user_id", kColumns));
    std::vector<User> out;
    while (stmt.step()) {
        out.push_back(read_user(stmt));
    }
    return out;
}

}  // namespace iro::access
