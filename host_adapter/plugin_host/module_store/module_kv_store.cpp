#include "module_store/module_kv_store.hpp"

namespace iro::store {

std::optional<std::string> ModuleKeyValueStore::get(std::string_view key) const {
    auto stmt = db_.prepare("SELECT value FROM module_kv WHERE module_id = ? AND key = ?");
    stmt.bind(1, module_id_).bind(2, key);
    if (!stmt.step()) {
        return std::nullopt;
    }
    return stmt.text(0);
}

void ModuleKeyValueStore::put(std::string_view key, std::string_view value) {
    db_.prepare(
           "INSERT INTO module_kv (module_id, key, value) VALUES (?, ?, ?) "
           "ON CONFLICT (module_id, key) DO UPDATE SET value = excluded.value")
        .bind(1, module_id_)
        .bind(2, key)
        .bind(3, value)
        .run();
}

bool ModuleKeyValueStore::erase(std::string_view key) {
    db_.prepare("DELETE FROM module_kv WHERE module_id = ? AND key = ?")
        .bind(1, module_id_)
        .bind(2, key)
        .run();
    return db_.changes() > 0;
}

std::vector<std::string> ModuleKeyValueStore::keys(std::string_view prefix) const {
    // substr() rather than LIKE: keys may contain % and _.
    auto stmt = db_.prepare(
        "SELECT key FROM module_kv WHERE module_id = ? AND substr(key, 1, ?) = ? ORDER BY key");
    stmt.bind(1, module_id_).bind(2, static_cast<std::int64_t>(prefix.size())).bind(3, prefix);
    std::vector<std::string> result;
    while (stmt.step()) {
        result.push_back(stmt.text(0));
    }
    return result;
}

}  // namespace iro::store
