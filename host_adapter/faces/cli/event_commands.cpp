// iro-host events ingest FILE.jsonl

#include <fmt/format.h>

#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "clock/timestamps.hpp"
#include "intake/event_intake.hpp"

namespace iro::cli {

void add_event_commands(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    auto* events = app.add_subcommand("events", "Case events pushed by a case-management system");
    events->require_subcommand(1);

    struct Args {
        std::string file;
        std::string as_of;
    };
    auto args = std::make_shared<Args>();
    auto* ingest = events->add_subcommand(
        "ingest",
        "Apply case events from a JSON Lines file (schemas/events/); all or nothing, and "
        "events already received are ignored");
    ingest->add_option("file", args->file, "JSON Lines file, one event per line; - for stdin")
        ->required();
    ingest->add_option("--as-of", args->as_of,
                       "Treat this day (YYYY-MM-DD) as today: later events are refused");
    ingest->callback([&options, &exit_code, args] {
        exit_code = run_guarded([&] {
            const auto config = config::resolve_host_config(options.overrides);
            const auto clock = config::council_clock(config);
            const plugin::Date today = resolve_as_of(args->as_of, clock);
            std::ifstream file;
            if (args->file != "-") {
                file.open(args->file, std::ios::binary);
                if (!file) {
                    throw std::invalid_argument(args->file + ": cannot be read");
                }
            }
            std::istream& in = args->file == "-" ? std::cin : file;
            auto db = open_store(config, clock);
            const store::Change change{resolve_actor(options.actor),
                                       clock::utc_timestamp(clock.now())};
            const auto summary = intake::ingest_events(
                db, in, args->file == "-" ? std::string("stdin") : args->file, change, today);
            nlohmann::json out = importers::summary_json(summary.record);
            out["replayed"] = summary.replayed;
            out["delivery"] = deliver_queued_events(config);
            if (options.json) {
                std::cout << out.dump(2) << "\n";
                return 0;
            }
            const auto& counts = summary.record.tables.at("events");
            std::cout << fmt::format(
                "{}: {} event(s) read, {} applied, {} already received (ignored)\n", args->file,
                counts.read, counts.added, summary.replayed);
            for (const auto& [kind, count] : summary.record.events_by_kind) {
                std::cout << fmt::format("  queued {:<22} {:>6}\n", kind, count);
            }
            std::cout << out["delivery"]["message"].get<std::string>() << "\n";
            return 0;
        });
    });
}

}  // namespace iro::cli
