// iro-host modules list|show|enable|disable|config
//
// Reads come from the running host when one serves the data directory (live states, including
// `errored`); otherwise the command loads the modules itself, without starting them. Changes are
// validated, written with their audit entry, then handed to the running host, which applies them
// at once.

#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/module_request.hpp"
#include "cli/module_table.hpp"
#include "clock/timestamps.hpp"
#include "control/control_client.hpp"
#include "host/host.hpp"
#include "modules/module_admin.hpp"
#include "schema/json_text.hpp"
#include "store/migrations.hpp"

namespace iro::cli {

namespace {

// Tells the running host (if any) to apply what was just stored; prints the outcome.
void notify_running_host(const config::HostConfig& config, const std::string& id, bool json,
                         nlohmann::json& result) {
    auto answer = control::ask_running_host(config.control_socket_path(),
                                            {{"op", "modules.apply"}, {"module", id}});
    if (!answer) {
        result["applied_by_running_host"] = false;
        if (!json) {
            std::cout << "No iro-host is serving " << config.data_dir.string()
                      << "; the change takes effect when it starts.\n";
        }
        return;
    }
    if (!answer->value("ok", false)) {
        throw std::runtime_error("stored, but the running host could not apply it: " +
                                 answer->value("error", std::string()));
    }
    result["applied_by_running_host"] = true;
    result["status"] = answer->at("module");
    if (!json) {
        const auto status = modules::status_from_json(answer->at("module"));
        std::cout << fmt::format("Applied by the running host (pid {}): {} is now {}{}\n",
                                 answer->value("pid", 0), status.id,
                                 modules::to_string(status.state),
                                 status.reason.empty() ? "" : " (" + status.reason + ")");
    }
}

}  // namespace

void add_modules_commands(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    auto* modules_cmd =
        app.add_subcommand("modules", "List, inspect, enable, disable and configure modules");
    modules_cmd->require_subcommand(1);

    add_manifest_check_command(*modules_cmd, options, exit_code);

    auto* list =
        modules_cmd->add_subcommand("list", "Every module with its version, state and reason");
    list->callback([&options, &exit_code] {
        exit_code = run_guarded([&] {
            const auto config = config::resolve_host_config(options.overrides);
            const auto clock = config::council_clock(config);
            bool live = false;
            const auto statuses = live_or_loaded_statuses(config, clock, live);
            if (options.json) {
                nlohmann::json out = nlohmann::json::array();
                for (const auto& s : statuses) {
                    out.push_back(modules::to_json(s));
                }
                std::cout << out.dump(2) << "\n";
            } else {
                std::cout << render_module_table(statuses);
                if (!live) {
                    std::cout << "\n(No iro-host is serving " << config.data_dir.string()
                              << ": states are from loading the modules now, without starting "
                                 "them.)\n";
                }
            }
            return 0;
        });
    });

    // Any request a module's manifest lists, for integrators and for requests that have no
    // command of their own yet: the same actor resolution and transaction as `notes add`.
    auto* request = modules_cmd->add_subcommand(
        "request", "Send a request to the module that handles it, as the worker named by --actor");
    auto request_args = std::make_shared<std::pair<std::string, std::string>>();
    request->add_option("name", request_args->first, "Request name, e.g. add_note")->required();
    request->add_option("--input", request_args->second, "The request's input: a JSON object")
        ->required();
    request->callback([&options, &exit_code, request_args] {
        exit_code = run_guarded([&] {
            nlohmann::json input;
            try {
                input = schema::parse_json_input(request_args->second);
            } catch (const schema::JsonInputRefused& e) {
                throw std::invalid_argument(std::string("--input:") + e.what());
            }
            if (!input.is_object()) {
                throw std::invalid_argument("--input: the request's input must be a JSON object");
            }
            return run_module_request(
                options, request_args->first, input,
                [](const nlohmann::json& reply) { std::cout << reply.dump(2) << "\n"; });
        });
    });

    auto* show =
        modules_cmd->add_subcommand("show", "One module in detail, with its recent changes");
    auto show_id = std::make_shared<std::string>();
    show->add_option("id", *show_id, "Module id")->required();
    show->callback([&options, &exit_code, show_id] {
        exit_code = run_guarded([&] {
            const auto config = config::resolve_host_config(options.overrides);
            const auto clock = config::council_clock(config);
            bool live = false;
            const auto statuses = live_or_loaded_statuses(config, clock, live);
            const auto it = std::find_if(statuses.begin(), statuses.end(),
                                         [&](const auto& s) { return s.id == *show_id; });
            if (it == statuses.end()) {
                throw modules::AdminRefused("no module '" + *show_id + "' in " +
                                            config.plugin_dir.string());
            }
            auto db = open_store(config, clock);
            const auto audit = store::ModuleSettingsStore(db).audit(*show_id, 10);
            if (options.json) {
                nlohmann::json out = modules::to_json(*it);
                out["audit"] = nlohmann::json::array();
                for (const auto& a : audit) {
                    out["audit"].push_back({{"at", a.at},
                                            {"actor", a.actor},
                                            {"action", a.action},
                                            {"old", a.old_value},
                                            {"new", a.new_value}});
                }
                std::cout << out.dump(2) << "\n";
            } else {
                std::cout << render_module_details(*it, audit);
            }
            return 0;
        });
    });

    for (const bool enable : {true, false}) {
        auto* cmd =
            modules_cmd->add_subcommand(enable ? "enable" : "disable",
                                        enable ? "Enable a module (also re-enables an errored one)"
                                               : "Disable a module; its records stay readable");
        auto id = std::make_shared<std::string>();
        cmd->add_option("id", *id, "Module id")->required();
        cmd->callback([&options, &exit_code, id, enable] {
            exit_code = run_guarded([&] {
                const auto config = config::resolve_host_config(options.overrides);
                const auto clock = config::council_clock(config);
                const auto manifest = modules::find_manifest(config.plugin_dir, *id);
                auto db = open_store(config, clock);
                store::ModuleSettingsStore settings(db);
                const store::Change change{resolve_actor(options.actor),
                                           clock::utc_timestamp(clock.now())};
                settings.set_enabled(manifest.id, enable, change);
                nlohmann::json result{{"module", *id},
                                      {"enabled", enable},
                                      {"actor", change.actor},
                                      {"at", change.at}};
                if (!options.json) {
                    std::cout << fmt::format("{} {} (recorded by {} at {})\n",
                                             enable ? "Enabled" : "Disabled", *id, change.actor,
                                             change.at);
                }
                notify_running_host(config, *id, options.json, result);
                if (options.json) {
                    std::cout << result.dump(2) << "\n";
                }
                return 0;
            });
        });
    }

    auto* config_cmd = modules_cmd->add_subcommand(
        "config", "Show a module's configuration, or change it (validated against its schema)");
    struct ConfigArgs {
        std::string id;
        std::vector<std::string> set;
        std::vector<std::string> unset;
        std::string file;
    };
    auto args = std::make_shared<ConfigArgs>();
    config_cmd->add_option("id", args->id, "Module id")->required();
    config_cmd->add_option("--set", args->set, "key=value (value parsed as JSON when it is JSON)");
    config_cmd->add_option("--unset", args->unset, "Return a key to its default");
    config_cmd
        ->add_option("--file", args->file, "Replace the stored configuration with this JSON file")
        ->check(CLI::ExistingFile);
    config_cmd->callback([&options, &exit_code, args] {
        exit_code = run_guarded([&] {
            const auto config = config::resolve_host_config(options.overrides);
            const auto clock = config::council_clock(config);
            const auto manifest = modules::find_manifest(config.plugin_dir, args->id);
            auto db = open_store(config, clock);
            store::ModuleSettingsStore settings(db);
            if (args->set.empty() && args->unset.empty() && args->file.empty()) {
                const auto stored = settings.get(args->id);
                const auto effective = loader::effective_config(
                    manifest, stored && stored->config ? &*stored->config : nullptr);
                std::cout << effective.dump(2) << "\n";
                return 0;
            }
            modules::ConfigEdit edit;
            if (!args->file.empty()) {
                try {
                    edit.replace = schema::read_json_file(args->file);
                } catch (const schema::JsonInputRefused& e) {
                    throw modules::AdminRefused(e.what());
                }
            }
            for (const auto& assignment : args->set) {
                edit.set.push_back(modules::parse_assignment(assignment));
            }
            edit.unset = args->unset;
            const store::Change change{resolve_actor(options.actor),
                                       clock::utc_timestamp(clock.now())};
            // The module's own rules run here, in the saving process, on an unstarted instance.
            host::Host checker(config, clock, /*run_modules=*/false);
            checker.load_modules();
            const auto effective = modules::configure_module(
                settings, manifest, edit, change, [&](const nlohmann::json& proposed) {
                    return checker.registry().check_settings(args->id, proposed);
                });
            nlohmann::json result{{"module", args->id},
                                  {"config", effective},
                                  {"actor", change.actor},
                                  {"at", change.at}};
            if (!options.json) {
                std::cout << fmt::format("Configuration of {} saved (by {} at {}):\n{}\n", args->id,
                                         change.actor, change.at, effective.dump(2));
            }
            notify_running_host(config, args->id, options.json, result);
            if (options.json) {
                std::cout << result.dump(2) << "\n";
            }
            return 0;
        });
    });
}

}  // namespace iro::cli
