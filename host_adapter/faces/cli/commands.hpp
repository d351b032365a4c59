#pragma once
// Registration of the iro-host subcommands on the CLI11 application.

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/cli_context.hpp"

namespace iro::cli {

/// Each returns nothing; the chosen subcommand stores its exit code in `exit_code` when it runs.
void add_serve_command(CLI::App& app, const GlobalOptions& options, int& exit_code);
void add_modules_commands(CLI::App& app, const GlobalOptions& options, int& exit_code);
/// `modules check-manifest`, under the `modules` command.
void add_manifest_check_command(CLI::App& modules_cmd, const GlobalOptions& options,
                                int& exit_code);
void add_import_commands(CLI::App& app, const GlobalOptions& options, int& exit_code);
void add_child_commands(CLI::App& app, const GlobalOptions& options, int& exit_code);
void add_event_commands(CLI::App& app, const GlobalOptions& options, int& exit_code);
void add_report_commands(CLI::App& app, const GlobalOptions& options, int& exit_code);
void add_note_commands(CLI::App& app, const GlobalOptions& options, int& exit_code);
void add_outbox_commands(CLI::App& app, const GlobalOptions& options, int& exit_code);
void add_tick_command(CLI::App& app, const GlobalOptions& options, int& exit_code);
void add_prompt_commands(CLI::App& app, const GlobalOptions& options, int& exit_code);
void add_alert_commands(CLI::App& app, const GlobalOptions& options, int& exit_code);
/// Adds "report alerts" (call after add_report_commands), "tracker" and "bulletin".
void add_alert_report_commands(CLI::App& app, const GlobalOptions& options, int& exit_code);
/// "qaf submit|amend|show|questionnaires|import-surveymonkey".
void add_qaf_commands(CLI::App& app, const GlobalOptions& options, int& exit_code);
/// Adds "report qaf" (call after add_report_commands).
void add_qaf_report_command(CLI::App& app, const GlobalOptions& options, int& exit_code);
/// Adds "report annual" (call after add_report_commands).
void add_annual_report_command(CLI::App& app, const GlobalOptions& options, int& exit_code);
void add_notification_commands(CLI::App& app, const GlobalOptions& options, int& exit_code);
void add_access_commands(CLI::App& app, const GlobalOptions& options, int& exit_code);
void add_audit_commands(CLI::App& app, const GlobalOptions& options, int& exit_code);
void add_store_commands(CLI::App& app, const GlobalOptions& options, int& exit_code);

/// Every command of iro-host, in the order `--help` lists them.
void add_all_commands(CLI::App& app, const GlobalOptions& options, int& exit_code);

}  // namespace iro::cli
