#pragma once
// What every subcommand shares: the resolved configuration, the actor, output format, the clock.

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "access/roles.hpp"
#include "cli/exit_codes.hpp"
#include "clock/fixed_clock.hpp"
#include "config/host_config.hpp"
#include "host/module_run_lock.hpp"
#include "modules/module_status.hpp"
#include "store/sqlite.hpp"

namespace iro::cli {

struct GlobalOptions {
    config::ConfigOverrides overrides;
    bool json = false;
    std::string actor;  ///< empty: derived from the environment
};

/// Who is making a change: --actor, else the invoking user behind sudo, else the current user.
std::string resolve_actor(const std::string& given);

/// The operating-system user running the command, for the audit log: "uid 1000 (alice)", with
/// "sudo from <user>" when run through sudo.
std::string os_user();

/// This invocation in the audit log's request id: "cli-<pid> uid 1000 (alice)".
std::string invocation_id();

/// Appends this invocation's entry to the store's audit chain: now, the actor (resolve_actor),
/// role "cli", its invocation_id() as the request id.
void append_cli_audit(store::Database& db, const GlobalOptions& options, const std::string& action,
                      const std::string& child_id, const std::string& outcome,
                      const std::string& detail);

/// The worker named by --actor, as the HTTP service would see them signed in
/// (access/worker_principal.hpp). Throws iro::Error when --actor is missing or names nobody the
/// host knows.
access::Principal acting_worker(store::Database& db, const config::HostConfig& config,
                                const GlobalOptions& options);

/// spdlog to stderr in key=value form; the level from the configuration.
void configure_logging(const std::string& level);

/// The store of `config`, created and migrated if needed.
store::Database open_store(const config::HostConfig& config, const plugin::Clock& clock);

/// The day an "as of" option names (YYYY-MM-DD), or today when it is empty. Throws
/// std::invalid_argument for anything else.
plugin::Date resolve_as_of(const std::string& option, const plugin::Clock& clock);

/// The first calendar year of the financial year a --year option names ("2017-18"). Throws
/// std::invalid_argument for anything else.
int year_option(const std::string& text);

/// A report's text on stdout, or in `out_file` when one is named (written beside it, then
/// renamed into place, so a reader never sees half a report); says where it went.
void write_output(const std::string& text, const std::string& out_file);

/// Runs a command's body and turns what it throws into a message on stderr and an exit code:
/// refusals (bad input, nothing changed) give kExitRefused, anything else kExitFailed.
int run_guarded(const std::function<int()>& body);

/// Resolves the configuration, opens (migrating) its store and runs `body` with it: the shape of
/// every read-only command.
int with_store(const GlobalOptions& options, const std::function<int(store::Database&)>& body);

/// Whether this command runs the modules of `config`'s data directory itself: the lock that makes
/// it the one process doing so (host/module_run_lock.hpp), or nullopt when a host serves the
/// directory and runs them (it answers on the control socket). Waits while another command holds
/// the lock; throws iro::Error (unavailable) after two minutes of it.
std::optional<host::ModuleRunLock> modules_here_unless_served(const config::HostConfig& config);

/// Every module's status: as the host serving `config`'s data directory has it (then
/// `from_running_host` is true), else as loading them unstarted here finds it.
std::vector<modules::ModuleStatus> live_or_loaded_statuses(const config::HostConfig& config,
                                                           const plugin::Clock& clock,
                                                           bool& from_running_host);

/// Asks the host serving `config`'s data directory, if any, to deliver the queued case events
/// now. {"running_host", "events", "message"}; throws when a running host fails to deliver.
nlohmann::json deliver_queued_events(const config::HostConfig& config);

}  // namespace iro::cli
