// iro-host report reviews --year 2017-18 [--by quarter] [--format table|csv|json]
// iro-host report oversight --year 2018-19 [--format table|csv|json]

#include <fmt/format.h>

#include <array>
#include <iostream>

#include "calendar/working_day_calendar.hpp"
#include "cli/commands.hpp"
#include "reports/midpoint_measures.hpp"
#include "reports/oversight_measures.hpp"
#include "reports/review_measures.hpp"

namespace iro::cli {

namespace {

constexpr std::array<const char*, 8> kCodes{"PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"};

nlohmann::json measures_json(const reports::ReviewMeasures& m) {
    using reports::percent;
    nlohmann::json participation = nlohmann::json::object();
    for (const auto& code : kCodes) {
        participation[code] = m.participation.count(code) ? m.participation.at(code) : 0;
    }
    participation["blank"] = m.participation.count("") ? m.participation.at("") : 0;
    return {{"period", m.period.label},
            {"start", plugin::to_iso(m.period.start)},
            {"end", plugin::to_iso(m.period.end)},
            {"measured_to", plugin::to_iso(m.measured_to)},
            {"children_looked_after", m.children_looked_after},
            {"reviews_held", m.reviews_held},
            {"reviews_on_time", m.reviews_on_time},
            {"reviews_on_time_pct", percent(m.reviews_on_time, m.reviews_held)},
            {"children_reviewed", m.children_reviewed},
            {"children_all_on_time", m.children_all_on_time},
            {"children_all_on_time_pct", percent(m.children_all_on_time, m.children_reviewed)},
            {"children_overdue_at_end", m.children_overdue},
            {"participation", participation},
            {"reviews_aged_4_plus", m.aged_4_plus},
            {"attended_pn1_pn4", m.attended},
            {"attended_pct", percent(m.attended, m.aged_4_plus)},
            {"views_conveyed_pn1_pn6", m.views_conveyed},
            {"views_conveyed_pct", percent(m.views_conveyed, m.aged_4_plus)}};
}

// One row of the printed table: a label and a value per period.
struct Line {
    std::string label;
    std::vector<std::string> values;
};

std::vector<Line> table_lines(const std::vector<nlohmann::json>& rows) {
    auto line = [&](const std::string& label, auto&& value) {
        Line l{label, {}};
        for (const auto& r : rows) {
            l.values.push_back(value(r));
        }
        return l;
    };
    auto count = [](const char* key) {
        return [key](const nlohmann::json& r) { return std::to_string(r[key].get<int>()); };
    };
    auto share = [](const char* part, const char* pct) {
        return [part, pct](const nlohmann::json& r) {
            return fmt::format("{} ({:.1f}%)", r[part].get<int>(), r[pct].get<double>());
        };
    };
    std::vector<Line> lines{
        line("Measured to",
             [](const nlohmann::json& r) { return r["measured_to"].get<std::string>(); }),
        line("Children looked after", count("children_looked_after")),
        line("Reviews held", count("reviews_held")),
        line("Reviews on time", share("reviews_on_time", "reviews_on_time_pct")),
        line("Children reviewed", count("children_reviewed")),
        line("Children all reviews on time",
             share("children_all_on_time", "children_all_on_time_pct")),
        line("Children overdue at end", count("children_overdue_at_end")),
    };
    for (const auto& code : kCodes) {
        lines.push_back(line(std::string("  ") + code, [code](const nlohmann::json& r) {
            return std::to_string(r["participation"][code].get<int>());
        }));
    }
    lines.push_back(line("  blank or invalid", [](const nlohmann::json& r) {
        return std::to_string(r["participation"]["blank"].get<int>());
    }));
    lines.push_back(line("Reviews of children 4+", count("reviews_aged_4_plus")));
    lines.push_back(line("Attended (PN1-PN4)", share("attended_pn1_pn4", "attended_pct")));
    lines.push_back(
        line("Views conveyed (PN1-PN6)", share("views_conveyed_pn1_pn6", "views_conveyed_pct")));
    return lines;
}

void print_table(const std::vector<nlohmann::json>& rows) {
    std::cout << fmt::format("{:<30}", "Review measures");
    for (const auto& r : rows) {
        std::cout << fmt::format(" {:>17}", r["period"].get<std::string>());
    }
    std::cout << "\n";
    for (const auto& l : table_lines(rows)) {
        std::cout << fmt::format("{:<30}", l.label);
        for (const auto& v : l.values) {
            std::cout << fmt::format(" {:>17}", v);
        }
        std::cout << "\n";
    }
    std::cout << "\nOn time: held by the reg. 33 due date. Children all on time: of the children "
                 "with a review held\nin the period or overdue at its end, those with none late "
                 "or overdue. Attended and views\nconveyed are shares of the reviews of children "
                 "aged 4 or over (PN1-PN7).\n";
}

void print_csv(const std::vector<nlohmann::json>& rows) {
    std::cout << "period,start,end,measured_to,children_looked_after,reviews_held,reviews_on_time,"
                 "reviews_on_time_pct,children_reviewed,children_all_on_time,"
                 "children_all_on_time_pct,children_overdue_at_end";
    for (const auto& code : kCodes) {
        std::cout << "," << code;
    }
    std::cout << ",blank,reviews_aged_4_plus,attended_pn1_pn4,attended_pct,"
                 "views_conveyed_pn1_pn6,views_conveyed_pct\n";
    for (const auto& r : rows) {
        std::cout << fmt::format(
            "{},{},{},{},{},{},{},{:.1f},{},{},{:.1f},{}", r["period"].get<std::string>(),
            r["start"].get<std::string>(), r["end"].get<std::string>(),
            r["measured_to"].get<std::string>(), r["children_looked_after"].get<int>(),
            r["reviews_held"].get<int>(), r["reviews_on_time"].get<int>(),
            r["reviews_on_time_pct"].get<double>(), r["children_reviewed"].get<int>(),
            r["children_all_on_time"].get<int>(), r["children_all_on_time_pct"].get<double>(),
            r["children_overdue_at_end"].get<int>());
        for (const auto& code : kCodes) {
            std::cout << "," << r["participation"][code].get<int>();
        }
        std::cout << fmt::format(
            ",{},{},{},{:.1f},{},{:.1f}\n", r["participation"]["blank"].get<int>(),
            r["reviews_aged_4_plus"].get<int>(), r["attended_pn1_pn4"].get<int>(),
            r["attended_pct"].get<double>(), r["views_conveyed_pn1_pn6"].get<int>(),
            r["views_conveyed_pct"].get<double>());
    }
}

nlohmann::json oversight_json(const reports::OversightMeasures& m) {
    using reports::percent;
    return {{"period", m.period.label},
            {"start", plugin::to_iso(m.period.start)},
            {"end", plugin::to_iso(m.period.end)},
            {"children_looked_after", m.looked_after},
            {"with_oversight", m.looked_after_with_oversight},
            {"with_oversight_pct", percent(m.looked_after_with_oversight, m.looked_after)},
            {"looked_after_throughout", m.looked_after_throughout},
            {"throughout_with_oversight", m.throughout_with_oversight},
            {"throughout_with_oversight_pct",
             percent(m.throughout_with_oversight, m.looked_after_throughout)},
            {"notes", m.notes},
            {"notes_by_kind", m.notes_by_kind}};
}

void print_oversight(const std::vector<nlohmann::json>& rows, const std::string& format) {
    if (format == "csv") {
        std::cout << "period,start,end,children_looked_after,with_oversight,with_oversight_pct,"
                     "looked_after_throughout,throughout_with_oversight,"
                     "throughout_with_oversight_pct,notes\n";
        for (const auto& r : rows) {
            std::cout << fmt::format(
                "{},{},{},{},{},{:.1f},{},{},{:.1f},{}\n", r["period"].get<std::string>(),
                r["start"].get<std::string>(), r["end"].get<std::string>(),
                r["children_looked_after"].get<int>(), r["with_oversight"].get<int>(),
                r["with_oversight_pct"].get<double>(), r["looked_after_throughout"].get<int>(),
                r["throughout_with_oversight"].get<int>(),
                r["throughout_with_oversight_pct"].get<double>(), r["notes"].get<int>());
        }
        return;
    }
    std::cout << fmt::format("{:<12} {:>13} {:>22} {:>13} {:>22} {:>7}\n", "Period", "Looked after",
                             "With oversight", "Throughout", "With oversight", "Notes");
    for (const auto& r : rows) {
        std::cout << fmt::format(
            "{:<12} {:>13} {:>14} ({:>5.1f}%) {:>13} {:>14} ({:>5.1f}%) {:>7}\n",
            r["period"].get<std::string>(), r["children_looked_after"].get<int>(),
            r["with_oversight"].get<int>(), r["with_oversight_pct"].get<double>(),
            r["looked_after_throughout"].get<int>(), r["throughout_with_oversight"].get<int>(),
            r["throughout_with_oversight_pct"].get<double>(), r["notes"].get<int>());
    }
    std::cout << "\nLooked after: in care on at least one day of the period; throughout: on its "
                 "first and last day.\nWith oversight: an IRO oversight note dated in the period "
                 "(Leicester's standard: every child,\nevery quarter). Notes: originals dated in "
                 "the period; amendments are not counted again.\n";
}

nlohmann::json midpoint_json(const reports::MidpointMeasures& m) {
    using reports::percent;
    nlohmann::json open = nlohmann::json::array();
    for (const auto& g : m.open_prompts) {
        open.push_back({{"iro_id", g.iro_id},
                        {"team_id", g.team_id},
                        {"open", g.open},
                        {"overdue", g.overdue}});
    }
    return {{"period", m.period.label},
            {"start", plugin::to_iso(m.period.start)},
            {"end", plugin::to_iso(m.period.end)},
            {"review_cycles", m.cycles},
            {"cycles_with_midpoint", m.cycles_with_midpoint},
            {"cycles_with_midpoint_pct", percent(m.cycles_with_midpoint, m.cycles)},
            {"allocated_over_3_months", m.allocated_over_3_months},
            {"allocated_with_midpoint", m.allocated_with_midpoint},
            {"allocated_with_midpoint_pct",
             percent(m.allocated_with_midpoint, m.allocated_over_3_months)},
            {"first_reviews", m.first_reviews},
            {"first_midpoint_within_weeks", m.first_weeks},
            {"first_midpoint_in_time", m.first_midpoint_in_time},
            {"first_midpoint_in_time_pct", percent(m.first_midpoint_in_time, m.first_reviews)},
            {"open_prompts_by_iro_and_team", open}};
}

void print_midpoint(const nlohmann::json& r, const std::string& format) {
    const int cycles = r["review_cycles"].get<int>();
    const int allocated = r["allocated_over_3_months"].get<int>();
    const int firsts = r["first_reviews"].get<int>();
    if (format == "csv") {
        std::cout << "measure,count,of,pct\n";
        std::cout << fmt::format("cycles_with_midpoint,{},{},{:.1f}\n",
                                 r["cycles_with_midpoint"].get<int>(), cycles,
                                 r["cycles_with_midpoint_pct"].get<double>());
        std::cout << fmt::format("allocated_over_3_months_with_midpoint,{},{},{:.1f}\n",
                                 r["allocated_with_midpoint"].get<int>(), allocated,
                                 r["allocated_with_midpoint_pct"].get<double>());
        std::cout << fmt::format("first_review_midpoint_in_time,{},{},{:.1f}\n",
                                 r["first_midpoint_in_time"].get<int>(), firsts,
                                 r["first_midpoint_in_time_pct"].get<double>());
        std::cout << "\niro_id,team_id,open,overdue\n";
        for (const auto& g : r["open_prompts_by_iro_and_team"]) {
            std::cout << fmt::format("{},\"{}\",{},{}\n", g["iro_id"].get<std::string>(),
                                     g["team_id"].get<std::string>(), g["open"].get<int>(),
                                     g["overdue"].get<int>());
        }
        return;
    }
    std::cout << fmt::format("Mid-point measures {} ({} to {})\n\n", r["period"].get<std::string>(),
                             r["start"].get<std::string>(), r["end"].get<std::string>());
    std::cout << fmt::format("{:<52} {:>6} of {:>6} ({:>5.1f}%)   target >80%\n",
                             "Review cycles with a recorded mid-point",
                             r["cycles_with_midpoint"].get<int>(), cycles,
                             r["cycles_with_midpoint_pct"].get<double>());
    std::cout << fmt::format("{:<52} {:>6} of {:>6} ({:>5.1f}%)   target 100%\n",
                             "Children with an IRO >3 months, with a mid-point",
                             r["allocated_with_midpoint"].get<int>(), allocated,
                             r["allocated_with_midpoint_pct"].get<double>());
    std::cout << fmt::format("{:<52} {:>6} of {:>6} ({:>5.1f}%)\n",
                             fmt::format("First reviews with a mid-point within {} weeks",
                                         r["first_midpoint_within_weeks"].get<int>()),
                             r["first_midpoint_in_time"].get<int>(), firsts,
                             r["first_midpoint_in_time_pct"].get<double>());
    std::cout << fmt::format("\nPrompts open now, by IRO and team\n{:<10} {:<28} {:>6} {:>8}\n",
                             "IRO", "TEAM", "OPEN", "OVERDUE");
    for (const auto& g : r["open_prompts_by_iro_and_team"]) {
        std::cout << fmt::format(
            "{:<10} {:<28} {:>6} {:>8}\n",
            g["iro_id"].get<std::string>().empty() ? "-" : g["iro_id"].get<std::string>(),
            g["team_id"].get<std::string>().empty() ? "-" : g["team_id"].get<std::string>(),
            g["open"].get<int>(), g["overdue"].get<int>());
    }
    std::cout << "\nA mid-point is an oversight note of kind midpoint. Cycles: from one review to "
                 "the next, the later\nheld in the year. IRO >3 months: the part of one IRO "
                 "allocation inside the year.\nTeam: the team of the child's social worker now.\n";
}

}  // namespace

void add_report_commands(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    auto* report = app.add_subcommand("report", "Reports for IRO managers and the annual report");
    report->require_subcommand(1);

    struct Args {
        std::string year;
        std::string by = "year";
        std::string format = "table";
        std::string as_of;
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
    reviews->callback([&options, &exit_code, args] {
        exit_code = run_guarded([&] {
            const int first_year = year_option(args->year);
            const auto config = config::resolve_host_config(options.overrides);
            clock::SystemClock clock;
            const plugin::Date as_of = resolve_as_of(args->as_of, clock);
            auto db = open_store(config, clock);
            const calendar::EnglandWalesCalendar calendar(config.closure_days);
            const auto histories = reports::load_histories(db);
            std::vector<nlohmann::json> rows;
            for (const auto& period :
                 reports::financial_periods(first_year, args->by == "quarter")) {
                rows.push_back(
                    measures_json(reports::measure_reviews(histories, period, calendar, as_of)));
            }
            if (options.json || args->format == "json") {
                std::cout << nlohmann::json(rows).dump(2) << "\n";
            } else if (args->format == "csv") {
                print_csv(rows);
            } else {
                print_table(rows);
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
            clock::SystemClock clock;
            auto db = open_store(config, clock);
            const calendar::EnglandWalesCalendar calendar(config.closure_days);
            const auto year = reports::financial_periods(first_year, false).back();
            const auto row =
                midpoint_json(reports::measure_midpoints(db, year, calendar, *first_weeks));
            if (options.json || args->format == "json") {
                std::cout << row.dump(2) << "\n";
            } else {
                print_midpoint(row, args->format);
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
            clock::SystemClock clock;
            auto db = open_store(config, clock);
            std::vector<nlohmann::json> rows;
            for (const auto& period : reports::financial_periods(first_year, true)) {
                rows.push_back(oversight_json(reports::measure_oversight(db, period)));
            }
            if (options.json || args->format == "json") {
                std::cout << nlohmann::json(rows).dump(2) << "\n";
            } else {
                print_oversight(rows, args->format);
            }
            return 0;
        });
    });
}

}  // namespace iro::cli
