#pragma once
// The Alerts and Notifications one module instance receives: its own alerts only, refused when
// its manifest does not list "alerts" (or "notifications") under records.writes. Each change is
// attributed by the host (the person whose request is being handled, or the module in a hook),
// never by what the module says. Writes join the host's unit of work (services/write_unit).

#include <optional>
#include <string>

#include "iro/plugin_api/alerts.hpp"
#include "iro/plugin_api/requests.hpp"
#include "iro/plugin_api/services.hpp"
#include "services/write_unit.hpp"
#include "store/sqlite.hpp"

namespace iro::services {

class ModuleAlerts final : public plugin::Alerts {
  public:
    ModuleAlerts(store::Database& db, WriteUnit& unit, std::string module_id,
                 const plugin::Clock& clock, const std::optional<plugin::Actor>& actor,
                 bool may_write)
        : db_(db),
          unit_(unit),
          module_id_(std::move(module_id)),
          clock_(clock),
          actor_(actor),
          may_write_(may_write) {}

    plugin::AlertRecord open(const plugin::AlertState& state,
                             const plugin::AlertEvent& raised) override;
    plugin::AlertRecord update(std::string_view alert_id, std::size_t seen_events,
                               const plugin::AlertState& state,
                               const plugin::AlertEvent& event) override;
    std::optional<plugin::AlertRecord> find(std::string_view alert_id) const override;
    std::vector<plugin::AlertRecord> list(std::string_view child_id, bool open_only) const override;

  private:
    void require_write() const;
    plugin::AlertEvent attributed(const plugin::AlertEvent& event) const;
    store::Database& db_;
    WriteUnit& unit_;
    std::string module_id_;
    const plugin::Clock& clock_;
    const std::optional<plugin::Actor>& actor_;
    bool may_write_;
};

class ModuleNotifications final : public plugin::Notifications {
  public:
    ModuleNotifications(store::Database& db, WriteUnit& unit, std::string module_id,
                        const plugin::Clock& clock, bool may_write)
        : db_(db),
          unit_(unit),
          module_id_(std::move(module_id)),
          clock_(clock),
          may_write_(may_write) {}

    std::vector<std::string> notify(const plugin::NotificationDraft& notification) override;

  private:
    store::Database& db_;
    WriteUnit& unit_;
    std::string module_id_;
    const plugin::Clock& clock_;
    bool may_write_;
};

}  // namespace iro::services
