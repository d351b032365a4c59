#pragma once
// The command line in the audit log, beside the HTTP service's entries: every command that
// changes the store and every read of a child's record is recorded once it ends, whatever its
// outcome, with the --actor named and the operating-system user who ran it. Which commands those
// are is one table (command_audit.cpp) that names every command; a test checks none is missing.

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/cli_context.hpp"

namespace iro::cli {

/// What the audit log holds of a command.
enum class CommandAudit {
    change,      ///< it changes the store: recorded, allowed or not
    child_read,  ///< it reads a child's record: recorded, allowed or not
    own,         ///< it writes its own entry with its details when it succeeds; a failure is
                 ///< recorded here
    none,        ///< it neither changes the store nor reads a child's record (reports are counts)
};

/// The audit class of the command at `path` ("notes add"); nullopt for a command the table does
/// not name.
std::optional<CommandAudit> command_audit(const std::string& path);

/// The paths the table names.
std::vector<std::string> audited_command_paths();

/// The paths of the commands `app` has that run (those with no subcommands of their own).
std::vector<std::string> command_paths(const CLI::App& app);

/// The path of the command `app` parsed ("notes add"); empty when none ran.
std::string invoked_path(const CLI::App& app);

/// Records the command `app` just ran with `exit_code`, as its table entry says. Returns the exit
/// code to end with: `exit_code`, or kExitFailed when the entry could not be written (the log
/// must not miss a change silently).
int audit_command(const CLI::App& app, const GlobalOptions& options, int exit_code);

}  // namespace iro::cli
