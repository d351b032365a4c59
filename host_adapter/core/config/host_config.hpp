#pragma once
// Where the host keeps its data and finds its plugins, and how strict it is with failing modules.
// Precedence: command-line flags, then environment (IRO_CONFIG, IRO_DATA_DIR, IRO_PLUGIN_DIR), then
// the configuration file (--config, else $IRO_CONFIG, else the installed one when it exists), then
// built-in defaults.

#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clock/council_clock.hpp"
#include "config/cms_config.hpp"
#include "config/http_config.hpp"
#include "config/notification_config.hpp"
#include "config/oidc_config.hpp"
#include "iro/plugin_api/dates.hpp"

namespace iro::config {

class ConfigError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// The IRO service's staffing (configuration "iro_service"), for the annual report's caseload.
struct IroServiceConfig {
    /// The council's ceiling on children per full-time IRO; unset: none stated.
    std::optional<int> caseload_cap;
    /// The service's IRO FTE from each day on, in date order.
    std::vector<std::pair<plugin::Date, double>> fte;

    /// The FTE configured for `day`: the last entry from on or before it; nullopt before the first.
    std::optional<double> fte_on(plugin::Date day) const;
};

struct HostConfig {
    std::filesystem::path data_dir;
    std::filesystem::path plugin_dir;
    int module_error_threshold = 3;
    std::string log_level = "info";
    /// The council's closure days: skipped in its own practice lead times (the practice
    /// calendar), never in a statutory date.
    std::vector<plugin::Date> closure_days;
    /// The council's time zone (IANA): its days turn at its midnight (clock/council_clock.hpp).
    std::string time_zone = clock::kDefaultTimeZone;
    /// A demonstration or training copy's "today" (the day of its data); unset: the real day.
    std::optional<plugin::Date> as_of;
    /// Children looked after only by way of short breaks are reviewed on reg. 48's timetable.
    bool short_breaks_reviewed = true;
    /// The IRO service's FTE and caseload ceiling.
    IroServiceConfig iro_service;
    /// Prompts due before this day are the go-live backlog, never opened (prompts/
    /// go_live_backlog.hpp); unset: the day of the first tick.
    std::optional<plugin::Date> go_live;
    /// The share of a table's rows an import may remove unconfirmed (imports.max_removal_share).
    double max_removal_share = 0.05;
    /// Roles named by configuration, by worker id: IRO managers (who hold no allocations) and
    /// anyone whose role the allocations do not show.
    std::map<std::string, std::string, std::less<>> worker_roles;
    /// How the council names a role people see (role_names), e.g. head_of_service "Head of
    /// Children's Social Care"; a role not named reads as its words ("head of service", "IRO").
    std::map<std::string, std::string, std::less<>> role_names;
    /// The role's name as people read it.
    std::string role_name(std::string_view role) const;
    /// Write-back to the council's CMS; nullopt when this deployment sends nothing.
    std::optional<writeback::CmsConfig> cms;
    /// E-mail addresses and the mail server for notifications; without a server they are only
    /// recorded.
    notifications::NotificationConfig notifications;
    /// The HTTP service of `iro-host serve`.
    HttpConfig http;
    /// Single sign-on to the panel; nullopt: people sign in with an API token.
    std::optional<OidcConfig> oidc;

    std::filesystem::path database_path() const { return data_dir / "iro-oversight.sqlite3"; }
    std::filesystem::path control_socket_path() const { return data_dir / "iro-host.sock"; }
    /// The key CMS integrations' secrets derive from (mode 0600; never in the store).
    std::filesystem::path signing_key_path() const { return data_dir / "integration-signing.key"; }
};

/// The clock of the council `config` describes: its time zone, and its demonstration day if any.
clock::CouncilClock council_clock(const HostConfig& config);

/// Values given on the command line; unset ones fall through.
struct ConfigOverrides {
    std::optional<std::filesystem::path> config_file;
    std::optional<std::filesystem::path> data_dir;
    std::optional<std::filesystem::path> plugin_dir;
    std::optional<int> module_error_threshold;
};

/// Resolves the configuration. Throws ConfigError naming the file and field at fault.
HostConfig resolve_host_config(const ConfigOverrides& overrides);

/// The plugin directory beside the executable: <bin>/../<libdir>/iro-oversight/plugins, the same
/// relation in the build tree and in an installed tree.
std::filesystem::path default_plugin_dir();

/// The configuration file an installed host reads when neither --config nor $IRO_CONFIG names one:
/// <bin>/<relative path to sysconfdir>/iro-oversight/host.json (/etc/iro-oversight/host.json for
/// the packages). Used only when it exists.
std::filesystem::path default_config_file();

}  // namespace iro::config
