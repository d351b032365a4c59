// iro-host report reviews --year 2017-18 [--by quarter] [--definition year|ni66]
//                         [--participation dfe|york]
// iro-host report midpoint --year 2017-18 [--first-weeks 6]
// iro-host report oversight --year 2018-19
// each with [--format table|json|csv|html|xlsx] [--out FILE] [--suppress-below N]

#include <fmt/format.h>

#include <array>
#include <iostream>

#include "annual_report/published_reports.hpp"
#include "calendar/working_day_calendar.hpp"
#include "cli/commands.hpp"
#include "cli/publication_output.hpp"
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
        std::string as_of;
        std::string definition = "year";
        std::string participation = "dfe";
        PublicationOptions output;
    };
    auto args = std::make_shared<Args>();
    auto* reviews = report->add_subcommand(
        "reviews", "Review timeliness and participation for a financial year (April to March)");
    reviews->add_option("--year", args->year, "Financial year, e.g. 2017-18")->required();
    reviews->add_option("--by", args->by, "year (default) or quarter")
        ->check(CLI::IsMember({"year", "quarter"}));
    add_publication_options(*reviews, args->output);
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
            check_publication_options(args->output);
            const int first_year = year_option(args->year);
            const auto config = config::resolve_host_config(options.overrides);
            const auto clock = config::council_clock(config);
            const plugin::Date as_of = resolve_as_of(args->as_of, clock);
            auto db = open_store(config, clock);
            const calendar::EnglandWalesCalendar calendar;  // statutory dates: no closure days
            const auto histories = reports::load_histories(db);
            const reports::MeasureOptions measure{*reports::cohort_from_string(args->definition),
                                                  config.short_breaks_reviewed};
            std::vector<reports::ReviewMeasures> measured;
            std::vector<nlohmann::json> rows;
            for (const auto& period :
                 reports::financial_periods(first_year, args->by == "quarter")) {
                if (measure.cohort == reports::Cohort::ni66 &&
                    period.label.find('Q') != std::string::npos) {
                    continue;  // NI 66 is a whole year's measure, at 31 March
                }
                measured.push_back(
                    reports::measure_reviews(histories, period, calendar, as_of, measure));
                rows.push_back(reports::review_measures_json(measured.back()));
            }
            write_report(
                args->output, options.json,
                [&](int below) { return reports::annual::reviews_publication(measured, below); },
                rows,
                [&] {
                    return reports::review_measures_table(rows, args->participation == "york");
                });
            return 0;
        });
    });

    auto* midpoint = report->add_subcommand(
        "midpoint",
        "Mid-point checks in a financial year, and the prompts open now by IRO and team");
    midpoint->add_option("--year", args->year, "Financial year, e.g. 2017-18")->required();
    add_publication_options(*midpoint, args->output);
    auto first_weeks = std::make_shared<int>(6);
    midpoint->add_option("--first-weeks", *first_weeks,
                         "Weeks after a first review the mid-point is due by (default 6, York)");
    midpoint->callback([&options, &exit_code, args, first_weeks] {
        exit_code = run_guarded([&] {
            check_publication_options(args->output);
            const int first_year = year_option(args->year);
            const auto config = config::resolve_host_config(options.overrides);
            const auto clock = config::council_clock(config);
            auto db = open_store(config, clock);
            const calendar::EnglandWalesCalendar calendar;  // statutory dates: no closure days
            const auto year = reports::financial_periods(first_year, false).back();
            const auto measures = reports::measure_midpoints(db, year, calendar, *first_weeks);
            const auto row = reports::midpoint_json(measures);
            write_report(
                args->output, options.json,
                [&](int below) { return reports::annual::midpoint_publication(measures, below); },
                row, [&] { return reports::midpoint_text(row); });
            return 0;
        });
    });

    auto* oversight = report->add_subcommand(
        "oversight", "Children with IRO oversight recorded, by quarter of a financial year");
    oversight->add_option("--year", args->year, "Financial year, e.g. 2018-19")->required();
    add_publication_options(*oversight, args->output);
    oversight->callback([&options, &exit_code, args] {
        exit_code = run_guarded([&] {
            check_publication_options(args->output);
            const int first_year = year_option(args->year);
            const auto config = config::resolve_host_config(options.overrides);
            const auto clock = config::council_clock(config);
            auto db = open_store(config, clock);
            std::vector<reports::OversightMeasures> measured;
            std::vector<nlohmann::json> rows;
            for (const auto& period : reports::financial_periods(first_year, true)) {
                measured.push_back(reports::measure_oversight(db, period));
                rows.push_back(reports::oversight_json(measured.back()));
            }
            write_report(
                args->output, options.json,
                [&](int below) { return reports::annual::oversight_publication(measured, below); },
                rows, [&] { return reports::oversight_text(rows); });
            return 0;
        });
    });
}

}  // namespace iro::cli
