// The whole command line, in one place: main() and the tests that check every command (its audit
// entry, its help) build the same application.

#include "cli/commands.hpp"

namespace iro::cli {

void add_all_commands(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    add_serve_command(app, options, exit_code);
    add_modules_commands(app, options, exit_code);
    add_import_commands(app, options, exit_code);
    add_child_commands(app, options, exit_code);
    add_event_commands(app, options, exit_code);
    add_report_commands(app, options, exit_code);
    add_note_commands(app, options, exit_code);
    add_outbox_commands(app, options, exit_code);
    add_tick_command(app, options, exit_code);
    add_prompt_commands(app, options, exit_code);
    add_alert_commands(app, options, exit_code);
    add_alert_report_commands(app, options, exit_code);
    add_notification_commands(app, options, exit_code);
    add_qaf_commands(app, options, exit_code);
    add_access_commands(app, options, exit_code);
    add_audit_commands(app, options, exit_code);
    add_store_commands(app, options, exit_code);
    add_qaf_report_command(app, options, exit_code);
    add_annual_report_command(app, options, exit_code);
}

}  // namespace iro::cli
