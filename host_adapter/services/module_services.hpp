#pragma once
// The HostServices one module instance receives: shared clock, calendar and case records behind
// its permission gates, plus its own configuration, logger, outputs and storage.

#include <nlohmann/json.hpp>

#include "iro/plugin_api/services.hpp"
#include "loader/manifest.hpp"
#include "services/module_logger.hpp"
#include "services/permission_gates.hpp"
#include "store/module_kv_store.hpp"
#include "store/module_outputs_store.hpp"
#include "store/sqlite.hpp"

namespace iro::services {

/// What every module shares; owned by the host.
struct SharedServices {
    store::Database& db;
    const plugin::Clock& clock;
    const plugin::WorkingDayCalendar& calendar;
    const plugin::CaseRecords& records;
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

  private:
    SharedServices shared_;
    nlohmann::json config_;
    GatedCaseRecords records_;
    store::ModuleOutputsStore outputs_;
    GatedOutputs gated_outputs_;
    ModuleLogger logger_;
    store::ModuleKeyValueStore storage_;
};

}  // namespace iro::services
