#pragma once
// The administrator's decisions about modules (enabled, configuration) and the host's automatic
// "errored" marks, each change written with its audit entry in one transaction.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "store/change.hpp"
#include "store/sqlite.hpp"

namespace iro::store {

/// Persisted settings of one module. Unset fields follow the manifest.
struct ModuleSettings {
    std::optional<bool> enabled;
    std::optional<nlohmann::json> config;
    std::optional<std::string> errored_reason;
    std::optional<std::string> errored_at;
    std::string updated_by;
    std::string updated_at;
};

/// One audit record.
struct ModuleAuditEntry {
    std::int64_t seq = 0;
    std::string at;
    std::string actor;
    std::string module_id;
    std::string action;
    nlohmann::json old_value;
    nlohmann::json new_value;
};

class ModuleSettingsStore {
  public:
    explicit ModuleSettingsStore(Database& db) : db_(db) {}

    std::optional<ModuleSettings> get(const std::string& module_id) const;
    std::map<std::string, ModuleSettings> all() const;

    /// Enabling also clears an "errored" mark: that is how an admin re-enables an errored module.
    void set_enabled(const std::string& module_id, bool enabled, const Change& change);
    /// Stores an already-validated configuration.
    void set_config(const std::string& module_id, const nlohmann::json& config,
                    const Change& change);
    /// Recorded by the host when a module keeps failing.
    void mark_errored(const std::string& module_id, const std::string& reason,
                      const Change& change);

    /// Audit entries for one module, newest first.
    std::vector<ModuleAuditEntry> audit(const std::string& module_id, int limit) const;

  private:
    /// What an update writes to the audit trail.
    struct AuditRecord {
        std::string action;
        nlohmann::json old_value;
        nlohmann::json new_value;
    };
    /// Reads the current settings, lets `apply` change a copy, and writes it with its audit record,
    /// all in one transaction.
    template <class Apply>
    void update(const std::string& module_id, const Change& change, Apply&& apply);
    void write(const std::string& module_id, const ModuleSettings& settings);
    Database& db_;
};

}  // namespace iro::store
