#pragma once
// The HostServices one module instance receives: shared clock, calendar and case records behind
// its permission gates, plus its own configuration, logger, outputs and storage.

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "config/cms_config.hpp"
#include "iro/plugin_api/services.hpp"
#include "loader/manifest.hpp"
#include "module_store/module_kv_store.hpp"
#include "module_store/module_outputs_store.hpp"
#include "schema/json_schema.hpp"
#include "services/module_alerts.hpp"
#include "services/module_logger.hpp"
#include "services/module_prompts.hpp"
#include "services/module_questionnaires.hpp"
#include "services/module_writeback.hpp"
#include "services/permission_gates.hpp"
#include "services/write_unit.hpp"
#include "store/sqlite.hpp"

namespace iro::services {

/// What every module shares; owned by the host.
struct SharedServices {
    store::Database& db;
    const plugin::Clock& clock;
    const plugin::WorkingDayCalendar& calendar;           ///< statutory: no closure days
    const plugin::WorkingDayCalendar& practice_calendar;  ///< less the council's closure days
    bool short_breaks_reviewed;
    std::optional<plugin::Date> go_live;  ///< configured; else the first tick's day
    const store::CaseRecordsReader& records;
    const std::optional<writeback::CmsConfig>& cms;  ///< nullopt: this deployment sends nothing
    /// Whether a module is enabled now; set by the registry, which knows.
    std::function<bool(std::string_view)> module_enabled = [](std::string_view) { return false; };
};

class ModuleServices final : public plugin::HostServices {
  public:
    ModuleServices(const SharedServices& shared, const loader::Manifest& manifest,
                   nlohmann::json config);

    const plugin::CaseRecords& records() const override { return records_; }
    plugin::Outputs& outputs() override { return gated_outputs_; }
    const plugin::Clock& clock() const override { return shared_.clock; }
    const plugin::WorkingDayCalendar& calendar() const override { return shared_.calendar; }
    const nlohmann::json& config() const override { return config_; }
    plugin::Logger& logger() override { return logger_; }
    plugin::KeyValueStore& storage() override { return storage_; }
    plugin::CmsWriteBack& writeback() override { return writeback_; }
    std::vector<plugin::SchemaViolation> validate(const nlohmann::json& schema,
                                                  const nlohmann::json& document) const override;
    plugin::Prompts& prompts() override { return prompts_; }
    bool module_enabled(std::string_view module_id) const override {
        return shared_.module_enabled(module_id);
    }
    plugin::Alerts& alerts() override { return alerts_; }
    plugin::Notifications& notifications() override { return notifications_; }
    plugin::Questionnaires& questionnaires() override { return questionnaires_; }
    const plugin::WorkingDayCalendar& practice_calendar() const override {
        return shared_.practice_calendar;
    }
    bool short_breaks_reviewed() const override { return shared_.short_breaks_reviewed; }

    /// Who the module is serving: set by the host for the length of one request, so what the
    /// module records is attributed to that person and not to whoever the module might claim.
    void set_actor(std::optional<plugin::Actor> actor) { actor_ = std::move(actor); }

    /// A host write that failed partway through the unit of work just run, which must then be
    /// rolled back whatever the module reported (see services/write_unit).
    std::optional<std::string> take_failed_write() { return unit_.take_failed_write(); }

    /// Ends the unit of work just run for what it left aside (prompt history kept back, the
    /// go-live backlog): writes it when the unit succeeded (before its commit), drops it when it
    /// failed. Returns why the writing failed; the unit is then rolled back.
    std::optional<std::string> end_unit(bool succeeded) noexcept {
        if (!succeeded) {
            prompts_.abandon_unit();
            return std::nullopt;
        }
        try {
            prompts_.finish_unit();
            return std::nullopt;
        } catch (const std::exception& e) {
            prompts_.abandon_unit();
            return std::string(e.what());
        }
    }

  private:
    SharedServices shared_;
    nlohmann::json config_;
    std::optional<plugin::Actor> actor_;
    GatedCaseRecords records_;
    store::ModuleOutputsStore outputs_;
    GatedOutputs gated_outputs_;
    ModuleLogger logger_;
    store::ModuleKeyValueStore storage_;
    ModuleWriteBack writeback_;
    WriteUnit unit_;
    ModulePrompts prompts_;
    ModuleAlerts alerts_;
    ModuleNotifications notifications_;
    ModuleQuestionnaires questionnaires_;
    // Compiled schemas by their text: a module validates against the same few schemas each time.
    mutable std::map<std::string, schema::JsonSchema, std::less<>> schemas_;
};

}  // namespace iro::services
