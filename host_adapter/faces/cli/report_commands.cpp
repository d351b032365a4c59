// iro-host report reviews --year 2017-18 [--by quarter] [--format table|csv|json]
//                         [--definition year|ni66] [--participation dfe|york]
// iro-host report oversight --year 2018-19 [--format table|csv|json]

#include <fmt/format.h>

#include <array>
#include <iostream>

#include "calendar/working_day_calendar.hpp"
#include "cli/commands.hpp"
#include "midpoint_prompts/midpoint_measures.hpp"
#include "oversight_notes/oversight_measures.hpp"
#include "review_reports/report_text.hpp"
#include "reviews/review_measures.hpp"

namespace iro::cli {

void add_report_commands(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    auto* report = app.add_subcommand("report", "Reports for IRO managers and the annual report");
    report->require_subcommand(1);

    struct Args {
        std::string year;
        std::string by = "year";
        std::string format = "table";
        std::string as_of;
        std::string definition = "year";
        std::string participation = "dfe";
    };
    auto args = std::make_shared<Args>();
    auto* reviews = report->add_subcommand(
        "reviews", "Review timeliness and participation for a financial year (April to March)");
    reviews->add_option("--year", args->year, "Financial year, e.g. 2017-18")->required();
    reviews->add_option("--by", args->by, "year (default) or quarter")
        ->check(CLI::IsMember({"year", "quarter"}));
    reviews->add_option("--format", args->format, "table (default), csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}));
    reviews->add_option("--as-of", args->as_of,
                        "Measure as of this day (YYYY-MM-DD); default today");
    reviews
        ->add_option("--definition", args->definition,
                     "Which children 'all reviews on time' counts: year (default; every child "
                     "looked after with a review due in the period, leavers included) or ni66 "
                     "(looked after at 31 March for at least 4 weeks; whole years only)")
        ->check(CLI::IsMember({"year", "ni66"}));
    reviews
        ->add_option("--participation", args->participation,
                     "Participation groupings: dfe (default) or york (adds 'contributed', "
                     "PN1-PN6)")
        ->check(CLI::IsMember({"dfe", "york"}));
    reviews->callback([&options, &exit_code, args] {
        exit_code = run_guarded([&] {
            const int first_year = year_option(args->year);
            const auto config = config::resolve_host_config(options.overrides);
            const auto clock = config::council_clock(config);
            const plugin::Date as_of = resolve_as_of(args->as_of, clock);
            auto db = open_store(config, clock);
            const calendar::EnglandWalesCalendar calendar;  // statutory dates: no closure days
            const auto histories = reports::load_histories(db);
            const reports::MeasureOptions measure{*reports::cohort_from_string(args->definition),
                                                  config.short_breaks_reviewed};
            std::vector<nlohmann::json> rows;
            for (const auto& period :
                 reports::financial_periods(first_year, args->by == "quarter")) {
                if (measure.cohort == reports::Cohort::ni66 &&
                    period.label.find('Q') != std::string::npos) {
                    continue;  // NI 66 is a whole year's measure, at 31 March
                }
                rows.push_back(reports::review_measures_json(
                    reports::measure_reviews(histories, period, calendar, as_of, measure)));
            }
            if (options.json || args->format == "json") {
                std::cout << nlohmann::json(rows).dump(2) << "\n";
            } else if (args->format == "csv") {
                std::cout << reports::review_measures_csv(rows);
            } else {
                std::cout << reports::review_measures_table(rows, args->participation == "york");
            }
            return 0;
        });
    });

    auto* midpoint = report->add_subcommand(
        "midpoint",
        "Mid-point checks in a financial year, and the prompts open now by IRO and team");
    midpoint->add_option("--year", args->year, "Financial year, e.g. 2017-18")->required();
    midpoint->add_option("--format", args->format, "table (default), csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}));
    auto first_weeks = std::make_shared<int>(6);
    midpoint->add_option("--first-weeks", *first_weeks,
                         "Weeks after a first review the mid-point is due by (default 6, York)");
    midpoint->callback([&options, &exit_code, args, first_weeks] {
        exit_code = run_guarded([&] {
            const int first_year = year_option(args->year);
            const auto config = config::resolve_host_config(options.overrides);
            const auto clock = config::council_clock(config);
            auto db = open_store(config, clock);
            const calendar::EnglandWalesCalendar calendar;  // statutory dates: no closure days
            const auto year = reports::financial_periods(first_year, false).back();
            const auto row = reports::midpoint_json(
                reports::measure_midpoints(db, year, calendar, *first_weeks));
            if (options.json || args->format == "json") {
                std::cout << row.dump(2) << "\n";
            } else {
                std::cout << reports::midpoint_text(row, args->format);
            }
            return 0;
        });
    });

    auto* oversight = report->add_subcommand(
        "oversight", "Children with IRO oversight recorded, by quarter of a financial year");
    oversight->add_option("--year", args->year, "Financial year, e.g. 2018-19")->required();
    oversight->add_option("--format", args->format, "table (default), csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}));
    oversight->callback([&options, &exit_code, args] {
        exit_code = run_guarded([&] {
            const int first_year = year_option(args->year);
            const auto config = config::resolve_host_config(options.overrides);
            const auto clock = config::council_clock(config);
            auto db = open_store(config, clock);
            std::vector<nlohmann::json> rows;
            for (const auto& period : reports::financial_periods(first_year, true)) {
                rows.push_back(reports::oversight_json(reports::measure_oversight(db, period)));
            }
            if (options.json || args->format == "json") {
                std::cout << nlohmann::json(rows).dump(2) << "\n";
            } else {
                std::cout << reports::oversight_text(rows, args->format);
            }
            return 0;
        });
    });
}

}  // namespace iro::cli
