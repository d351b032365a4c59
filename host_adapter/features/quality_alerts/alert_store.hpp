#pragma once
// The alerts table, its categories and its append-only history. Modules open and change alerts
// through services/module_alerts; reports, the tracker and the bulletin read them here. Writes
// join the caller's transaction (std::logic_error when there is none) and throw plugin::HostError
// only before writing anything, as prompts/prompt_store does.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iro/plugin_api/services.hpp"
#include "store/sqlite.hpp"

namespace iro::alerts {

/// Records a new alert with `raised` as the first entry of its history; `raised.recorded_at`
/// must be set.
plugin::AlertRecord open_alert(store::Database& db, const std::string& module_id,
                               const plugin::AlertState& state, const plugin::AlertEvent& raised);

/// Replaces the state of the module's alert and appends `event`. HostError when the alert is
/// unknown or another module's, its history has grown past `seen_events`, or the child changes.
plugin::AlertRecord update_alert(store::Database& db, const std::string& module_id,
                                 std::string_view alert_id, std::size_t seen_events,
                                 const plugin::AlertState& state, const plugin::AlertEvent& event);

/// What a listing selects; every field optional.
struct AlertQuery {
    std::string module_id;
    std::string child_id;
    bool open_only = false;
    std::optional<plugin::Date> raised_from;  ///< inclusive
    std::optional<plugin::Date> raised_to;    ///< inclusive
};

/// Alerts matching the query, with categories and history, oldest first.
std::vector<plugin::AlertRecord> list_alerts(store::Database& db, const AlertQuery& query);

/// One alert with its history, or nullopt (any module's).
std::optional<plugin::AlertRecord> find_alert(store::Database& db, std::string_view alert_id);

}  // namespace iro::alerts
