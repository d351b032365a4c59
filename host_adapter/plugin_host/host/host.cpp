#include "host/host.hpp"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock/timestamps.hpp"
#include "store/store_file.hpp"

namespace iro::host {

namespace {

// Root writing into the service's directory would leave files (the store's -wal and -shm, a
// backup) the service can no longer write, and stop it at its next commit.
void refuse_root_in_service_directory(const std::filesystem::path& data_dir) {
    struct stat info {};
    if (::geteuid() != 0 || ::stat(data_dir.c_str(), &info) != 0 || info.st_uid == 0) {
        return;
    }
    std::string owner = std::to_string(info.st_uid);
    if (const struct passwd* pw = ::getpwuid(info.st_uid); pw != nullptr) {
        owner = pw->pw_name;
    }
    throw std::runtime_error("data directory " + data_dir.string() + " belongs to " + owner +
                             "; run iro-host as that user (sudo -u " + owner +
                             " iro-host ...), not as root");
}

}  // namespace

void ensure_data_dir(const std::filesystem::path& data_dir) {
    std::error_code ec;
    if (std::filesystem::exists(data_dir, ec)) {
        if (!std::filesystem::is_directory(data_dir, ec)) {
            throw std::runtime_error("data directory " + data_dir.string() +
                                     " exists but is not a directory");
        }
        refuse_root_in_service_directory(data_dir);
        return;
    }
    std::filesystem::create_directories(data_dir, ec);
    if (ec) {
        throw std::runtime_error("cannot create data directory " + data_dir.string() + ": " +
                                 ec.message());
    }
    ::chmod(data_dir.c_str(), S_IRWXU);
}

namespace {
store::Database open_store(const config::HostConfig& config, const plugin::Clock& clock) {
    ensure_data_dir(config.data_dir);
    return store::open_store(config.database_path(), clock::utc_timestamp(clock.now()));
}
}  // namespace

Host::Host(const config::HostConfig& config, const plugin::Clock& clock, bool run_modules)
    : config_(config),
      clock_(clock),
      db_(open_store(config, clock)),
      practice_calendar_(config.closure_days),
      records_(db_),
      registry_(std::make_unique<modules::ModuleRegistry>(
          services::SharedServices{db_, clock_, calendar_, practice_calendar_,
                                   config.short_breaks_reviewed, config.go_live, records_,
                                   config_.cms},
          libraries_,
          modules::RegistryOptions{config.module_error_threshold, run_modules,
                                   config.data_dir / "module-starts"})) {}

void Host::load_modules() {
    registry_->load_from(config_.plugin_dir);
}

}  // namespace iro::host
