// iro-host report annual --year 2019-20 [--compare 2018-19 ...] [--suppress-below N]
// [--format html|xlsx|csv|json] [--out FILE] [--as-of DAY]: the IRO annual report's tables.

#include <iostream>

#include "annual_report/annual_render.hpp"
#include "annual_report/annual_report.hpp"
#include "cli/commands.hpp"
#include "cli/publication_output.hpp"

namespace iro::cli {

void add_annual_report_command(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    struct Args {
        std::string year;
        std::vector<std::string> compare;
        int suppress_below = 0;
        std::string format = "html";
        std::string out;
        std::string as_of;
        std::string council;
    };
    auto args = std::make_shared<Args>();
    auto* annual = app.get_subcommand("report")->add_subcommand(
        "annual",
        "The IRO annual report: the service's caseload, the children looked after, reviews; "
        "numbered tables with definitions, sources and charts");
    annual->add_option("--year", args->year, "Financial year, e.g. 2019-20")->required();
    annual->add_option("--compare", args->compare,
                       "Earlier financial years to set beside it (e.g. 2018-19); repeat for more");
    annual
        ->add_option("--suppress-below", args->suppress_below,
                     "Publish counts from 1 to N-1 as c, and whatever would reveal them")
        ->check(CLI::Range(0, 1000));
    annual->add_option("--format", args->format, "html (default), xlsx, csv or json")
        ->check(CLI::IsMember({"html", "xlsx", "csv", "json"}));
    annual->add_option("--out", args->out, "Write to this file (required for xlsx)");
    annual->add_option("--as-of", args->as_of,
                       "Measure a year still running to this day (YYYY-MM-DD); default today");
    annual->add_option("--council", args->council, "The council's name, for the title");
    annual->callback([&options, &exit_code, args] {
        exit_code = run_guarded([&] {
            reports::annual::AnnualReportOptions request;
            request.year = year_option(args->year);
            for (const auto& year : args->compare) {
                const int first = year_option(year);
                if (first >= request.year) {
                    throw std::invalid_argument("--compare " + year + " is not before --year " +
                                                args->year);
                }
                request.compare.push_back(first);
            }
            if (args->compare.size() > 4) {
                throw std::invalid_argument("--compare takes at most 4 earlier years");
            }
            request.suppress_below = args->suppress_below;
            request.council = args->council;
            const std::string format = options.json ? "json" : args->format;
            if (format == "xlsx" && args->out.empty()) {
                throw std::invalid_argument("--format xlsx needs --out FILE.xlsx");
            }
            const auto config = config::resolve_host_config(options.overrides);
            const auto clock = config::council_clock(config);
            request.as_of = resolve_as_of(args->as_of, clock);
            auto db = open_store(config, clock);
            const auto report = reports::annual::build_annual_report(db, config, request);
            if (format == "json") {
                write_output(reports::annual::annual_report_json(report).dump(2) + "\n", args->out);
            } else {
                write_publication(report, {format, args->out, args->suppress_below});
            }
            return 0;
        });
    });
}

}  // namespace iro::cli
