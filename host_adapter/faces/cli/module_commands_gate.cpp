#include "cli/module_commands_gate.hpp"

#include <array>
#include <iostream>
#include <utility>

#include "cli/command_audit.hpp"
#include "cli/exit_codes.hpp"
#include "clock/council_clock.hpp"
#include "common/error.hpp"
#include "config/host_config.hpp"
#include "modules/module_gate.hpp"

namespace iro::cli {

namespace {

// A command belongs to the module of the prefix of its path named here. Prompts are the host's
// (any module raises them through host().prompts()), so `prompts` belongs to none.
constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kModuleOf{{
    {"notes", modules::kOversightNotes},
    {"report oversight", modules::kOversightNotes},
    {"report midpoint", modules::kMidpointPrompts},
    {"alerts", modules::kQualityAlerts},
    {"tracker", modules::kQualityAlerts},
    {"bulletin", modules::kQualityAlerts},
    {"report alerts", modules::kQualityAlerts},
    {"qaf", modules::kQaf},
    {"report qaf", modules::kQaf},
}};

}  // namespace

std::string_view command_module(const std::string& path) {
    for (const auto& [prefix, module] : kModuleOf) {
        if (path == prefix || path.rfind(std::string(prefix) + " ", 0) == 0) {
            return module;
        }
    }
    return {};
}

void gate_module_commands(CLI::App& app, const GlobalOptions& options) {
    // The top-level app's parse-complete callback runs after the whole command line is parsed and
    // before any subcommand's callback.
    app.parse_complete_callback([&app, &options] {
        const auto module = command_module(invoked_path(app));
        if (module.empty()) {
            return;
        }
        try {
            const auto config = config::resolve_host_config(options.overrides);
            const auto clock = config::council_clock(config);
            // The serving host's live state when one serves (nothing is loaded here then).
            bool live = false;
            modules::ModuleStateAndReason state;
            for (const auto& status : live_or_loaded_statuses(config, clock, live)) {
                if (status.id == module) {
                    state.emplace(status.state, status.reason);
                }
            }
            modules::require_module_enabled(module, state);
        } catch (const Error& e) {
            std::cerr << "iro-host: " << e.what() << "\n";
            throw CLI::RuntimeError(exit_code(e.kind()));
        } catch (const std::exception&) {
            // A configuration or store the command cannot use either: the command says why.
        }
    });
}

}  // namespace iro::cli
