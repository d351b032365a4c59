// iro-host import ssda903 DIR | import ssd DIR | import warnings

#include <fmt/format.h>

#include <functional>
#include <iostream>
#include <memory>

#include "calendar/financial_periods.hpp"
#include "cli/commands.hpp"
#include "clock/timestamps.hpp"
#include "control/control_client.hpp"
#include "host/host.hpp"
#include "importers/ssd_import.hpp"
#include "importers/ssda903_import.hpp"
#include "store/migrations.hpp"

namespace iro::cli {

namespace {

void print_summary(const importers::ImportSummary& s, const std::string& source,
                   std::size_t warning_lines) {
    std::cout << fmt::format("{} extract {} ({}): import {} {}{}\n\n",
                             s.kind == "ssd" ? "SSD" : "SSDA903", source, s.scope, s.import_id,
                             s.changed_anything ? "applied" : "changed nothing (already loaded)",
                             s.baseline ? " as the baseline (no events for past history)" : "");
    std::cout << fmt::format("  {:<12} {:>7} {:>7} {:>7} {:>7}\n", "table", "read", "added",
                             "changed", "removed");
    for (const auto& [name, c] : s.tables) {
        std::cout << fmt::format("  {:<12} {:>7} {:>7} {:>7} {:>7}\n", name, c.read, c.added,
                                 c.changed, c.removed);
    }
    std::cout << fmt::format("\nWarnings: {}\n", s.warning_count);
    for (const auto& [rule, count] : s.warnings_by_rule) {
        std::cout << fmt::format("  {:<20} {:>6}\n", rule, count);
    }
    if (!s.warnings.empty()) {
        std::cout << fmt::format(
            "\nFirst {} warnings (all are stored: iro-host import warnings --import {}):\n",
            std::min(warning_lines, s.warnings.size()), s.import_id);
        for (std::size_t i = 0; i < s.warnings.size() && i < warning_lines; ++i) {
            std::cout << "  " << importers::format_issue(s.warnings[i]) << "\n";
        }
    }
    int events = 0;
    for (const auto& [kind, count] : s.events_by_kind) {
        events += count;
    }
    std::cout << fmt::format("\nCase events queued for the modules: {}\n", events);
    for (const auto& [kind, count] : s.events_by_kind) {
        std::cout << fmt::format("  {:<22} {:>6}\n", kind, count);
    }
}

// What the two extract imports share: the directory, the day, how many warnings to print, and
// whether removals are confirmed. `import` runs the importer with them.
struct ExtractArgs {
    std::string dir;
    std::string as_of;
    std::size_t warning_lines = 20;
    bool allow_removals = false;
    std::string return_year;
    bool full_history = false;
};

using ImportFunction = std::function<importers::ImportSummary(store::Database&, const ExtractArgs&,
                                                              const store::Change&, plugin::Date,
                                                              const importers::RemovalPolicy&)>;

CLI::App* add_extract_import(CLI::App& parent, const std::string& name,
                             const std::string& description, ImportFunction import,
                             const std::shared_ptr<ExtractArgs>& args, const GlobalOptions& options,
                             int& exit_code) {
    auto* cmd = parent.add_subcommand(name, description);
    cmd->add_option("dir", args->dir, "Directory holding the extract's CSV files")->required();
    cmd->add_option("--as-of", args->as_of, "Treat this day (YYYY-MM-DD) as today for date checks");
    cmd->add_option("--show-warnings", args->warning_lines,
                    "How many warnings to print (default 20)");
    cmd->add_flag("--allow-removals", args->allow_removals,
                  "Confirm that records the extract no longer holds are to be removed, beyond "
                  "the share an import may remove unconfirmed (imports.max_removal_share)");
    cmd->callback([&options, &exit_code, args, import] {
        exit_code = run_guarded([&] {
            const auto config = config::resolve_host_config(options.overrides);
            const auto clock = config::council_clock(config);
            const plugin::Date today = resolve_as_of(args->as_of, clock);
            auto db = open_store(config, clock);
            const store::Change change{resolve_actor(options.actor),
                                       clock::utc_timestamp(clock.now())};
            const auto summary =
                import(db, *args, change, today, {args->allow_removals, config.max_removal_share});
            const auto delivery = deliver_queued_events(config);
            if (options.json) {
                nlohmann::json out = importers::summary_json(summary);
                out["delivery"] = delivery;
                std::cout << out.dump(2) << "\n";
            } else {
                print_summary(summary, args->dir, args->warning_lines);
                std::cout << "\n" << delivery["message"].get<std::string>() << "\n";
            }
            return 0;
        });
    });
    return cmd;
}

}  // namespace

void add_import_commands(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    auto* import_cmd = app.add_subcommand("import", "Load case records from a council's extracts");
    import_cmd->require_subcommand(1);

    auto ssda903 = std::make_shared<ExtractArgs>();
    auto* ssda903_cmd = add_extract_import(
        *import_cmd, "ssda903",
        "Import an SSDA903 extract (Header, Episodes, Reviews; UASC and Missing if present): a "
        "full history, or one year's return",
        [](store::Database& db, const ExtractArgs& a, const store::Change& change,
           plugin::Date today, const importers::RemovalPolicy& removals) {
            importers::Ssda903Options o;
            if (!a.return_year.empty()) {
                o.return_year = reports::parse_financial_year(a.return_year);
                if (!o.return_year) {
                    throw std::invalid_argument("--return-year '" + a.return_year +
                                                "' is not a collection year such as 2017-18");
                }
            }
            o.full_history = a.full_history;
            o.removals = removals;
            return importers::import_ssda903(db, a.dir, change, today, o);
        },
        ssda903, options, exit_code);
    auto* return_year =
        ssda903_cmd->add_option("--return-year", ssda903->return_year,
                                "The extract is the DfE return for this collection year (e.g. "
                                "2017-18): it replaces only what falls inside that year");
    return_year->excludes(ssda903_cmd->add_flag(
        "--full-history", ssda903->full_history,
        "The extract is the council's whole history of the children it holds, even if every row "
        "falls in one year"));
    add_extract_import(
        *import_cmd, "ssd",
        "Import Standard Safeguarding Dataset tables (ssd_person; ssd_professionals, "
        "ssd_involvements, ssd_cla_episodes, ssd_cla_reviews if present)",
        [](store::Database& db, const ExtractArgs& a, const store::Change& change,
           plugin::Date today, const importers::RemovalPolicy& removals) {
            return importers::import_ssd(db, a.dir, change, today, removals);
        },
        std::make_shared<ExtractArgs>(), options, exit_code);

    struct WarningArgs {
        std::int64_t import_id = 0;
        std::string rule;
        std::int64_t limit = 100;
    };
    auto wargs = std::make_shared<WarningArgs>();
    auto* warnings =
        import_cmd->add_subcommand("warnings", "List the warnings stored with an import");
    warnings->add_option("--import", wargs->import_id, "Import id (default: the latest)");
    warnings->add_option("--rule", wargs->rule, "Only this rule (e.g. 440, INT08)");
    warnings->add_option("--limit", wargs->limit, "At most this many (default 100)");
    warnings->callback([&options, &exit_code, wargs] {
        exit_code = run_guarded([&] {
            const auto config = config::resolve_host_config(options.overrides);
            const auto clock = config::council_clock(config);
            auto db = open_store(config, clock);
            const std::int64_t import_id =
                wargs->import_id != 0 ? wargs->import_id : importers::latest_import_id(db);
            nlohmann::json out = nlohmann::json::array();
            for (const auto& w : importers::stored_warnings(
                     db, import_id,
                     {wargs->rule, "",
                      static_cast<std::size_t>(std::max<std::int64_t>(wargs->limit, 0))})) {
                if (options.json) {
                    out.push_back(importers::issue_json(w));
                } else {
                    std::cout << importers::format_issue(w) << "\n";
                }
            }
            if (options.json) {
                std::cout << out.dump(2) << "\n";
            }
            return 0;
        });
    });
}

}  // namespace iro::cli
