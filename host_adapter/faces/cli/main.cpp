// iro-host: the IRO Oversight host adapter's command line.

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/command_audit.hpp"
#include "cli/commands.hpp"
#include "cli/module_commands_gate.hpp"
#include "common/version.hpp"
#include "store/sqlite.hpp"
#include "text/utf8.hpp"

int main(int argc, char** argv) {
    iro::store::configure_sqlite();
    iro::cli::GlobalOptions options;
    int exit_code = 0;

    CLI::App app{
        "IRO Oversight host: loads the oversight modules beside a council's case-management "
        "system"};
    app.set_version_flag("--version", std::string(iro::product_version()));
    app.require_subcommand(1);
    app.add_option("--config", options.overrides.config_file,
                   "Host configuration file (JSON; default: $IRO_CONFIG, else the installed "
                   "host's <sysconfdir>/iro-oversight/host.json when it exists)");
    app.add_option("--data-dir", options.overrides.data_dir,
                   "Directory of the SQLite store and control socket (default: $IRO_DATA_DIR "
                   "or " IRO_DEFAULT_DATA_DIR ")");
    app.add_option("--plugin-dir", options.overrides.plugin_dir,
                   "Directory of plugin manifests and libraries (default: beside the executable)");
    app.add_option("--module-error-threshold", options.overrides.module_error_threshold,
                   "Consecutive failed events after which a module becomes errored (default 3)");
    app.add_flag("--json", options.json, "Machine-readable output");
    app.add_option("--actor", options.actor,
                   "Who is making the change, for the audit trail (default: your user)");

    // One-off commands print their own results; only errors belong on stderr. serve raises this
    // to the configured level.
    iro::cli::configure_logging("error");

    iro::cli::add_all_commands(app, options, exit_code);
    iro::cli::gate_module_commands(app, options);

    // Text typed on a command line reaches notes, alerts and the store like any other input.
    for (int i = 1; i < argc; ++i) {
        if (const auto fault = iro::text::find_utf8_fault(argv[i])) {
            std::cerr << "iro-host: argument " << i << ", character " << fault->column << ": "
                      << fault->reason << "\n";
            return 2;
        }
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::RuntimeError& e) {
        return e.get_exit_code();  // a command refused before it ran, having said why
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }
    return iro::cli::audit_command(app, options, exit_code);
}
