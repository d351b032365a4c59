#include "module_store/module_settings_store.hpp"

#include <fmt/format.h>

namespace iro::store {

namespace {

constexpr std::string_view kSelect =
    "SELECT module_id, enabled, config, errored_reason, errored_at, updated_by, updated_at "
    "FROM module_settings";

ModuleSettings read_row(const Statement& stmt) {
    ModuleSettings s;
    if (!stmt.is_null(1)) {
        s.enabled = stmt.integer(1) != 0;
    }
    if (auto config = stmt.optional_text(2)) {
        s.config = nlohmann::json::parse(*config);
    }
    s.errored_reason = stmt.optional_text(3);
    s.errored_at = stmt.optional_text(4);
    s.updated_by = stmt.text(5);
    s.updated_at = stmt.text(6);
    return s;
}

nlohmann::json admin_state(const std::optional<ModuleSettings>& s) {
    if (!s) {
        return "default";
    }
    if (s->errored_reason) {
        return "errored";
    }
    if (!s->enabled) {
        return "default";
    }
    return *s->enabled ? "enabled" : "disabled";
}

}  // namespace

std::optional<ModuleSettings> ModuleSettingsStore::get(const std::string& module_id) const {
    auto stmt = db_.prepare(fmt::format("{} WHERE module_id = ?", kSelect));
    stmt.bind(1, module_id);
    if (!stmt.step()) {
        return std::nullopt;
    }
    return read_row(stmt);
}

std::map<std::string, ModuleSettings> ModuleSettingsStore::all() const {
    std::map<std::string, ModuleSettings> result;
    auto stmt = db_.prepare(kSelect);
    while (stmt.step()) {
        result.emplace(stmt.text(0), read_row(stmt));
    }
    return result;
}

void ModuleSettingsStore::write(const std::string& module_id, const ModuleSettings& s) {
    auto stmt = db_.prepare(
        "INSERT INTO module_settings (module_id, enabled, config, errored_reason, errored_at, "
        "updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (module_id) DO UPDATE SET enabled = excluded.enabled, config = "
        "excluded.config, errored_reason = excluded.errored_reason, errored_at = "
        "excluded.errored_at, updated_by = excluded.updated_by, updated_at = excluded.updated_at");
    stmt.bind(1, module_id);
    if (s.enabled) {
        stmt.bind(2, std::int64_t{*s.enabled ? 1 : 0});
    } else {
        stmt.bind(2, std::nullopt);
    }
    stmt.bind(3, s.config ? std::optional<std::string>(s.config->dump()) : std::nullopt);
    stmt.bind(4, s.errored_reason);
    stmt.bind(5, s.errored_at);
    stmt.bind(6, s.updated_by);
    stmt.bind(7, s.updated_at);
    stmt.run();
}

template <class Apply>
void ModuleSettingsStore::update(const std::string& module_id, const Change& change,
                                 Apply&& apply) {
    Savepoint tx(db_);  // nestable: an idempotent API write holds the outer unit
    const auto before = get(module_id);
    ModuleSettings after = before.value_or(ModuleSettings{});
    after.updated_by = change.actor;
    after.updated_at = change.at;
    const AuditRecord audit = std::forward<Apply>(apply)(before, after);
    write(module_id, after);
    db_.prepare(
           "INSERT INTO module_audit (at, actor, module_id, action, old_value, new_value) "
           "VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, change.at)
        .bind(2, change.actor)
        .bind(3, module_id)
        .bind(4, audit.action)
        .bind(5, audit.old_value.dump())
        .bind(6, audit.new_value.dump())
        .run();
    tx.commit();
}

void ModuleSettingsStore::set_enabled(const std::string& module_id, bool enabled,
                                      const Change& change) {
    update(module_id, change,
           [&](const std::optional<ModuleSettings>& before, ModuleSettings& after) {
               after.enabled = enabled;
               if (enabled) {
                   after.errored_reason.reset();
                   after.errored_at.reset();
               }
               return AuditRecord{enabled ? "enable" : "disable", admin_state(before),
                                  admin_state(after)};
           });
}

void ModuleSettingsStore::set_config(const std::string& module_id, const nlohmann::json& config,
                                     const Change& change) {
    update(
        module_id, change, [&](const std::optional<ModuleSettings>& before, ModuleSettings& after) {
            after.config = config;
            return AuditRecord{"configure",
                               before && before->config ? *before->config : nlohmann::json(nullptr),
                               config};
        });
}

void ModuleSettingsStore::mark_errored(const std::string& module_id, const std::string& reason,
                                       const Change& change) {
    update(module_id, change,
           [&](const std::optional<ModuleSettings>& before, ModuleSettings& after) {
               after.errored_reason = reason;
               after.errored_at = change.at;
               return AuditRecord{"errored", admin_state(before),
                                  nlohmann::json{{"state", "errored"}, {"reason", reason}}};
           });
}

std::vector<ModuleAuditEntry> ModuleSettingsStore::audit(const std::string& module_id,
                                                         int limit) const {
    auto stmt = db_.prepare(
        "SELECT seq, at, actor, module_id, action, old_value, new_value FROM module_audit "
        "WHERE module_id = ? ORDER BY seq DESC LIMIT ?");
    stmt.bind(1, module_id).bind(2, std::int64_t{limit});
    std::vector<ModuleAuditEntry> entries;
    while (stmt.step()) {
        entries.push_back({stmt.integer(0), stmt.text(1), stmt.text(2), stmt.text(3), stmt.text(4),
                           nlohmann::json::parse(stmt.text(5)),
                           nlohmann::json::parse(stmt.text(6))});
    }
    return entries;
}

}  // namespace iro::store
