#pragma once
// One host: the store, the shared services and the module registry, wired together in the order
// their lifetimes need (libraries outlive every instance; the store outlives the registry).

#include <memory>

#include "calendar/working_day_calendar.hpp"
#include "config/host_config.hpp"
#include "loader/library_keeper.hpp"
#include "module_store/case_records_reader.hpp"
#include "modules/module_registry.hpp"
#include "store/sqlite.hpp"

namespace iro::host {

class Host {
  public:
    /// Opens (creating and migrating) the store in config.data_dir. Modules are not loaded until
    /// load_modules().
    Host(const config::HostConfig& config, const plugin::Clock& clock, bool run_modules);
    Host(const Host&) = delete;
    Host& operator=(const Host&) = delete;
    ~Host() = default;

    void load_modules();

    const config::HostConfig& config() const { return config_; }
    store::Database& database() { return db_; }
    modules::ModuleRegistry& registry() { return *registry_; }
    const plugin::Clock& clock() const { return clock_; }

  private:
    config::HostConfig config_;
    const plugin::Clock& clock_;
    loader::LibraryKeeper libraries_;  // first member: destroyed last, after every instance
    store::Database db_;
    calendar::EnglandWalesCalendar calendar_;           // statutory: no closure days
    calendar::EnglandWalesCalendar practice_calendar_;  // the council's own lead times
    store::CaseRecordsReader records_;
    std::unique_ptr<modules::ModuleRegistry> registry_;
};

/// Creates the data directory (mode 0700: it holds children's records) if it does not exist.
void ensure_data_dir(const std::filesystem::path& data_dir);

}  // namespace iro::host
