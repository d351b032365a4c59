#include "services/module_alerts.hpp"

#include "clock/timestamps.hpp"
#include "notifications/notification_store.hpp"
#include "quality_alerts/alert_store.hpp"

namespace iro::services {

namespace {

void require(bool may_write, const std::string& module_id, const char* kind) {
    if (!may_write) {
        throw plugin::HostError("module " + module_id + " may not write " + kind +
                                ": its manifest does not list them in records.writes");
    }
}

}  // namespace

void ModuleAlerts::require_write() const {
    require(may_write_, module_id_, "alerts");
}

plugin::AlertEvent ModuleAlerts::attributed(const plugin::AlertEvent& event) const {
    plugin::AlertEvent stamped = event;
    stamped.actor = actor_ ? actor_->worker_id : "module:" + module_id_;
    stamped.actor_role = actor_ ? actor_->role : std::string("module");
    stamped.recorded_at = clock::utc_timestamp(clock_.now());
    return stamped;
}

plugin::AlertRecord ModuleAlerts::open(const plugin::AlertState& state,
                                       const plugin::AlertEvent& raised) {
    require_write();
    const auto event = attributed(raised);
    return unit_.run([&] { return alerts::open_alert(db_, module_id_, state, event); });
}

plugin::AlertRecord ModuleAlerts::update(std::string_view alert_id, std::size_t seen_events,
                                         const plugin::AlertState& state,
                                         const plugin::AlertEvent& event) {
    require_write();
    const auto stamped = attributed(event);
    return unit_.run([&] {
        return alerts::update_alert(db_, module_id_, alert_id, seen_events, state, stamped);
    });
}

std::optional<plugin::AlertRecord> ModuleAlerts::find(std::string_view alert_id) const {
    require_write();
    auto found = alerts::find_alert(db_, alert_id);
    if (found && found->module_id != module_id_) {
        return std::nullopt;
    }
    return found;
}

std::vector<plugin::AlertRecord> ModuleAlerts::list(std::string_view child_id,
                                                    bool open_only) const {
    require_write();
    return alerts::list_alerts(db_, {module_id_, std::string(child_id), open_only, {}, {}});
}

std::vector<std::string> ModuleNotifications::notify(
    const plugin::NotificationDraft& notification) {
    require(may_write_, module_id_, "notifications");
    return unit_.run([&] {
        return notifications::queue_notification(db_, module_id_, notification,
                                                 clock::utc_timestamp(clock_.now()));
    });
}

}  // namespace iro::services
