#pragma once
// Which module each command belongs to, and the check main() runs before any command: a command
// of a module that is not enabled says so instead of reading or writing the module's records,
// as the HTTP service's routes and the panel do (modules/module_gate.hpp).

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>

#include "cli/cli_context.hpp"

namespace iro::cli {

/// The module whose feature the command at `path` is ("qaf show": "qaf"); empty for the host's
/// own commands.
std::string_view command_module(const std::string& path);

/// Makes `app` check, once the command line is parsed and before its command runs, that the
/// command's module is enabled in the configured host; when it is not, the command prints why and
/// ends with kExitRefused, having run nothing.
void gate_module_commands(CLI::App& app, const GlobalOptions& options);

}  // namespace iro::cli
