// iro-host report alerts --year 2014-15 [--by quarter|team|category] [--format table|csv|json]
// iro-host tracker [--as-of DATE] [--format table|csv|json]
// iro-host bulletin --week DATE [--format text|html]

#include <fmt/format.h>

#include <iostream>
#include <map>

#include "annual_report/published_reports.hpp"
#include "calendar/working_day_calendar.hpp"
#include "cli/commands.hpp"
#include "cli/publication_output.hpp"
#include "quality_alerts/alert_measures.hpp"
#include "quality_alerts/alert_store.hpp"
#include "quality_alerts/alert_summary_report.hpp"
#include "report_tables/csv_tables.hpp"
#include "reviews/review_measures.hpp"
#include "text/html_text.hpp"

namespace iro::cli {

namespace {

using reports::AlertSummary;
using reports::Count;
using reports::csv_field;
using reports::days_text;

void print_counts(const char* title, const std::vector<Count>& counts, int of) {
    std::cout << "\n" << title << "\n";
    if (counts.empty()) {
        std::cout << "  (none)\n";
    }
    for (const auto& c : counts) {
        std::cout << fmt::format("  {:<66} {:>5} {:>7.1f}%\n", c.name, c.count,
                                 reports::percent(c.count, of));
    }
}

void print_summary_table(const AlertSummary& s) {
    std::cout << fmt::format("Quality alerts {}{} ({} to {})\n", s.period.label,
                             s.group.empty() ? "" : ", " + s.group, plugin::to_iso(s.period.start),
                             plugin::to_iso(s.period.end));
    std::cout << fmt::format("Raised: {}; challenges (not exceptional practice): {}\n", s.raised,
                             s.challenges);
    print_counts("By kind", s.by_kind, s.raised);
    print_counts("By issue category (an alert may carry several; % of alerts raised)",
                 s.by_category, s.raised);
    print_counts("Challenges by stage reached", s.by_stage_reached, s.challenges);
    print_counts("Challenges by outcome", s.by_outcome, s.challenges);
    std::cout << fmt::format(
        "\nResolved informally or at stage 1: {} of {} challenges ({:.1f}%; Cheshire East aims "
        "for 95%)\n",
        s.resolved_informally_or_stage_1, s.challenges,
        reports::percent(s.resolved_informally_or_stage_1, s.challenges));
    std::cout << fmt::format(
        "Working days to resolution ({} resolved): median {}, 90th percentile {}\n", s.resolved,
        days_text(s.median_working_days), days_text(s.p90_working_days));
    print_counts("Top issues (leaving out Not applicable and Other)", s.top_issues, s.raised);
    std::cout << "\n";
}

struct BulletinSection {
    const char* title;
    const std::vector<plugin::AlertRecord>& alerts;
};

std::string bulletin_line(const plugin::AlertRecord& a) {
    const auto& s = a.state;
    std::string issues;
    for (const auto& c : s.categories) {
        issues += (issues.empty() ? "" : "; ") + c.label;
    }
    return fmt::format("alert {} child {}: {}, {}, responder {}{}{}", a.alert_id, s.child_id,
                       s.stage_name, s.status, s.responder,
                       s.due_on ? ", due " + plugin::to_iso(*s.due_on) : std::string(),
                       issues.empty() ? std::string() : " (" + issues + ")");
}

void print_bulletin(const reports::Bulletin& b, const std::string& format) {
    const std::vector<BulletinSection> sections{{"New alerts", b.raised},
                                                {"Escalated", b.escalated},
                                                {"Resolved", b.resolved},
                                                {"Overdue at the end of the week", b.overdue}};
    const std::string title = fmt::format("IRO quality alerts: week of {} to {}",
                                          plugin::to_iso(b.monday), plugin::to_iso(b.sunday));
    if (format == "html") {
        std::cout << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<title>"
                  << reports::html_escape(title)
                  << "</title>\n<style>body{font-family:sans-serif;max-width:48rem;margin:1rem "
                     "auto;color:#1b1b1b}h2{border-bottom:1px solid #767676}</style>\n</head>\n"
                     "<body>\n<main>\n<h1>"
                  << reports::html_escape(title) << "</h1>\n";
        for (const auto& section : sections) {
            std::cout << "<section>\n<h2>" << section.title << " (" << section.alerts.size()
                      << ")</h2>\n";
            if (section.alerts.empty()) {
                std::cout << "<p>None.</p>\n";
            } else {
                std::cout << "<ul>\n";
                for (const auto& a : section.alerts) {
                    std::cout << "<li>" << reports::html_escape(bulletin_line(a)) << "</li>\n";
                }
                std::cout << "</ul>\n";
            }
            std::cout << "</section>\n";
        }
        std::cout << "</main>\n</body>\n</html>\n";
        return;
    }
    std::cout << title << "\n";
    for (const auto& section : sections) {
        std::cout << fmt::format("\n{} ({})\n", section.title, section.alerts.size());
        for (const auto& a : section.alerts) {
            std::cout << "  " << bulletin_line(a) << "\n";
        }
    }
}

void print_tracker(const std::vector<reports::TrackerRow>& rows, plugin::Date as_of,
                   const std::string& format) {
    if (format == "csv") {
        std::cout << "alert_id,child_id,stage,status,responder,raised_on,age_working_days,"
                     "at_stage_working_days,due_on,overdue\n";
        for (const auto& r : rows) {
            const auto& s = r.alert.state;
            std::cout << fmt::format(
                "{},{},{},{},{},{},{},{},{},{}\n", r.alert.alert_id, csv_field(s.child_id),
                csv_field(s.stage_name), s.status, csv_field(s.responder),
                plugin::to_iso(s.raised_on), r.age_working_days, r.at_stage_working_days,
                s.due_on ? plugin::to_iso(*s.due_on) : "", r.overdue ? "yes" : "no");
        }
        return;
    }
    std::cout << fmt::format("Formal resolution tracker as of {}\n\n", plugin::to_iso(as_of));
    std::cout << fmt::format("{:<6} {:<9} {:<38} {:<13} {:<16} {:<11} {:>4} {:>6} {:<11} {}\n",
                             "ALERT", "CHILD", "STAGE", "STATUS", "RESPONDER", "RAISED", "AGE",
                             "STAGE", "DUE", "OVERDUE");
    for (const auto& r : rows) {
        const auto& s = r.alert.state;
        std::cout << fmt::format(
            "{:<6} {:<9} {:<38} {:<13} {:<16} {:<11} {:>4} {:>6} {:<11} {}\n", r.alert.alert_id,
            s.child_id, s.stage_name, s.status, s.responder, plugin::to_iso(s.raised_on),
            r.age_working_days, r.at_stage_working_days, s.due_on ? plugin::to_iso(*s.due_on) : "-",
            r.overdue ? "yes" : "");
    }
    std::cout << fmt::format(
        "\n{} open formal dispute(s); AGE and STAGE in working days since raised and since the "
        "current stage was reached.\n",
        rows.size());
}

}  // namespace

void add_alert_report_commands(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    struct Args {
        std::string year;
        std::string by = "year";
        std::string format = "table";
        std::string as_of;
        std::string week;
    };
    auto args = std::make_shared<Args>();

    auto* report = app.get_subcommand("report");
    auto* summary = report->add_subcommand(
        "alerts", "Quality alerts and disputes raised in a financial year: the annual summary");
    summary->add_option("--year", args->year, "Financial year, e.g. 2014-15")->required();
    summary->add_option("--by", args->by, "year (default), quarter, team or category")
        ->check(CLI::IsMember({"year", "quarter", "team", "category"}));
    auto output = std::make_shared<PublicationOptions>();
    add_publication_options(*summary, *output);
    summary->callback([&options, &exit_code, args, output] {
        exit_code = with_store(options, [&](store::Database& db) {
            check_publication_options(*output);
            const int first_year = year_option(args->year);
            const auto config = config::resolve_host_config(options.overrides);
            const calendar::EnglandWalesCalendar calendar(config.closure_days);
            if (output->published()) {
                const auto year = reports::financial_periods(first_year, false).back();
                write_publication(
                    reports::annual::alerts_publication(
                        alerts::list_alerts(db, {"", "", false, year.start, year.end}), year,
                        calendar, output->suppress_below),
                    *output);
                return 0;
            }
            const auto summaries = reports::alert_summaries(db, first_year, args->by, calendar);
            if (options.json || output->format == "json") {
                nlohmann::json out = nlohmann::json::array();
                for (const auto& s : summaries) {
                    out.push_back(reports::to_json(s));
                }
                std::cout << out.dump(2) << "\n";
            } else {
                for (const auto& s : summaries) {
                    print_summary_table(s);
                }
            }
            return 0;
        });
    });

    auto* tracker = app.add_subcommand(
        "tracker", "The formal resolution tracker: open disputes at a formal stage");
    tracker->add_option("--as-of", args->as_of, "As of this day (YYYY-MM-DD); default today");
    tracker->add_option("--format", args->format, "table (default), csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}));
    tracker->callback([&options, &exit_code, args] {
        exit_code = with_store(options, [&](store::Database& db) {
            const auto config = config::resolve_host_config(options.overrides);
            const calendar::EnglandWalesCalendar calendar(config.closure_days);
            const auto clock = config::council_clock(config);
            const plugin::Date as_of = resolve_as_of(args->as_of, clock);
            const auto rows = reports::formal_tracker(
                // Every alert raised by the day: one closed since was still open then.
                alerts::list_alerts(db, {"", "", false, {}, as_of}), as_of, calendar);
            if (options.json || args->format == "json") {
                nlohmann::json out = nlohmann::json::array();
                for (const auto& r : rows) {
                    auto row = plugin::to_json(r.alert);
                    row["age_working_days"] = r.age_working_days;
                    row["at_stage_working_days"] = r.at_stage_working_days;
                    row["overdue"] = r.overdue;
                    out.push_back(std::move(row));
                }
                std::cout << out.dump(2) << "\n";
            } else {
                print_tracker(rows, as_of, args->format);
            }
            return 0;
        });
    });

    auto* bulletin = app.add_subcommand(
        "bulletin", "The weekly bulletin to senior managers: new, escalated, resolved, overdue");
    bulletin->add_option("--week", args->week, "Any day of the week (Monday to Sunday)")
        ->required();
    bulletin->add_option("--format", args->format, "text (default) or html")
        ->check(CLI::IsMember({"table", "text", "html"}));
    bulletin->callback([&options, &exit_code, args] {
        exit_code = with_store(options, [&](store::Database& db) {
            const auto day = plugin::parse_iso_date(args->week);
            if (!day) {
                throw std::invalid_argument("--week '" + args->week +
                                            "' is not a date (YYYY-MM-DD)");
            }
            const auto b = reports::weekly_bulletin(alerts::list_alerts(db, {}), *day);
            if (options.json) {
                nlohmann::json out = {{"monday", plugin::to_iso(b.monday)},
                                      {"sunday", plugin::to_iso(b.sunday)}};
                for (const auto& [name, list] :
                     {std::pair<const char*, const std::vector<plugin::AlertRecord>&>{"raised",
                                                                                      b.raised},
                      {"escalated", b.escalated},
                      {"resolved", b.resolved},
                      {"overdue", b.overdue}}) {
                    out[name] = nlohmann::json::array();
                    for (const auto& a : list) {
                        out[name].push_back(plugin::to_json(a));
                    }
                }
                std::cout << out.dump(2) << "\n";
            } else {
                print_bulletin(b, args->format);
            }
            return 0;
        });
    });
}

}  // namespace iro::cli
