// iro-host tick [--as-of DATE]: the daily evaluation. Queues the tick's event and has it
// delivered: by the running host when one serves this data directory, otherwise here, with the
// modules loaded in this process. Prints what changed and what is open.

#include <fmt/format.h>

#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "clock/timestamps.hpp"
#include "dispatch/event_queue.hpp"
#include "host/host.hpp"
#include "midpoint_prompts/tick_run.hpp"
#include "store/wal_checkpointer.hpp"

namespace iro::cli {

namespace {

int count_of(const nlohmann::json& changes, const char* action) {
    int total = 0;
    if (const auto it = changes.find(action); it != changes.end()) {
        for (const auto& [kind, n] : it->items()) {
            total += n.get<int>();
        }
    }
    return total;
}

void print_summary(plugin::Date as_of, const nlohmann::json& delivery,
                   const nlohmann::json& summary) {
    const auto& changes = summary["changes"];
    std::cout << fmt::format("Tick as of {}: {}\n", plugin::to_iso(as_of),
                             delivery["message"].get<std::string>());
    std::cout << fmt::format(
        "Prompts: {} opened, {} updated ({} became overdue), {} done, {} dismissed.\n",
        count_of(changes, "opened"), count_of(changes, "updated") + count_of(changes, "overdue"),
        count_of(changes, "overdue"), count_of(changes, "done"), count_of(changes, "dismissed"));
    std::cout << fmt::format("\n{:<20} {:>7} {:>8}\n", "OPEN PROMPTS BY KIND", "OPEN", "OVERDUE");
    std::int64_t open = 0;
    std::int64_t overdue = 0;
    for (const auto& [kind, n] : summary["open"].items()) {
        std::cout << fmt::format("{:<20} {:>7} {:>8}\n", kind, n["open"].get<std::int64_t>(),
                                 n["overdue"].get<std::int64_t>());
        open += n["open"].get<std::int64_t>();
        overdue += n["overdue"].get<std::int64_t>();
    }
    std::cout << fmt::format("{:<20} {:>7} {:>8}\n", "all", open, overdue);
    const auto& backlog = summary.value("go_live_backlog", nlohmann::json());
    if (!backlog.is_null()) {
        std::cout << fmt::format(
            "\nGo-live backlog: {} prompt(s) fell due before go-live on {}; recorded, not opened "
            "(reported once, here).\n",
            backlog["prompts"].get<std::int64_t>(), backlog["go_live"].get<std::string>());
        std::cout << fmt::format("{:<28} {:>7}\n", "BY KIND", "PROMPTS");
        for (const auto& [kind, n] : backlog["by_kind"].items()) {
            std::cout << fmt::format("{:<28} {:>7}\n", kind, n.get<std::int64_t>());
        }
        std::cout << fmt::format("{:<28} {:>7}\n", "BY IRO", "PROMPTS");
        for (const auto& [iro, n] : backlog["by_iro"].items()) {
            std::cout << fmt::format("{:<28} {:>7}\n", iro, n.get<std::int64_t>());
        }
    }
}

}  // namespace

void add_tick_command(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    auto as_of = std::make_shared<std::string>();
    auto* tick = app.add_subcommand(
        "tick",
        "Run the daily evaluation as of a day (default today): modules open, advance and close "
        "prompts. Running it again for the same day changes nothing.");
    tick->add_option("--as-of", *as_of, "The day to evaluate as of (YYYY-MM-DD)");
    tick->callback([&options, &exit_code, as_of] {
        exit_code = run_guarded([&] {
            const auto config = config::resolve_host_config(options.overrides);
            const auto clock = config::council_clock(config);
            const plugin::Date day = resolve_as_of(*as_of, clock);
            prompts::QueuedTick queued;
            {
                auto db = open_store(config, clock);
                queued = prompts::queue_tick(db, day, resolve_actor(options.actor),
                                             clock::utc_timestamp(clock.now()));
            }
            // The serving host delivers the tick's events; when none serves, the modules run here
            // under the lock serve also takes.
            const auto lock = modules_here_unless_served(config);
            const bool served = !lock;
            nlohmann::json delivery =
                served ? deliver_queued_events(config) : nlohmann::json{{"running_host", false}};
            if (served && !delivery["running_host"].get<bool>()) {
                throw Error(ErrorKind::unavailable,
                            "the host serving " + config.data_dir.string() +
                                " stopped before it delivered the tick's events; run tick again");
            }
            // Without a serving host the modules run here; with one, they are loaded here unstarted
            // only to see which of them cannot run.
            host::Host host(config, clock, /*run_modules=*/!served);
            host.load_modules();
            nlohmann::json not_running = nlohmann::json::array();
            for (const auto& status : host.registry().statuses()) {
                if (status.state == modules::ModuleState::failed_to_load ||
                    status.state == modules::ModuleState::errored ||
                    status.state == modules::ModuleState::incompatible) {
                    std::cerr << fmt::format(
                        "iro-host: module {} cannot run ({}: {}); nothing of it was evaluated as "
                        "of "
                        "{}\n",
                        status.id, modules::to_string(status.state), status.reason,
                        plugin::to_iso(day));
                    not_running.push_back({{"module", status.id},
                                           {"state", modules::to_string(status.state)},
                                           {"reason", status.reason}});
                }
            }
            delivery["modules_not_running"] = not_running;
            // A first tick writes tens of megabytes: its commit then only signals, and a second
            // connection copies the WAL back into the store while the tick carries on with its
            // summary (as the serving host does for each request).
            std::optional<store::WalCheckpointer> checkpointer;
            if (!served) {
                checkpointer.emplace(host.database());
                const auto report =
                    dispatch::drain_case_events(host.database(), host.registry(), clock);
                host.registry().stop_all();
                delivery["events"] = report.events;
                delivery["hook_failures"] = report.hook_failures;
                delivery["failures"] = report.failures;
                for (const auto& failure : report.failures) {
                    std::cerr << "iro-host: " << failure << "\n";
                }
                delivery["message"] = fmt::format(
                    "{} queued event(s) delivered to the modules here{}.", report.events,
                    report.hook_failures == 0
                        ? std::string()
                        : fmt::format(", {} hook call(s) failed (see the log)",
                                      report.hook_failures));
            }
            const auto summary = prompts::summarise_tick(host.database(), queued);
            if (options.json) {
                std::cout << nlohmann::json{{"as_of", plugin::to_iso(day)},
                                            {"tick_id", queued.tick_id},
                                            {"delivery", delivery},
                                            {"summary", summary}}
                                 .dump(2)
                          << "\n";
            } else {
                print_summary(day, delivery, summary);
            }
            return delivery.value("hook_failures", 0) == 0 && not_running.empty() ? 0 : kExitFailed;
        });
    });
}

}  // namespace iro::cli
