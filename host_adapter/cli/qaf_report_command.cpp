// iro-host report qaf --year 2015-16 [--from D --to D] [--by quarter|iro|team|legal_status|
// age_band|version] [--questions 20,21,29] [--combine Q:LABEL=A+B] [--top N] [--compare YEAR]
// [--format table|csv|json|xlsx|html] [--suppress-below N] [--other-texts] [--out FILE]:
// the QAF's survey tables for the annual report.

#include <fmt/format.h>

#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "reports/financial_periods.hpp"
#include "reports/qaf_render.hpp"

namespace iro::cli {

namespace {

plugin::Date date_option(const std::string& text, const char* name) {
    const auto day = plugin::parse_iso_date(text);
    if (!day) {
        throw std::invalid_argument(std::string(name) + " '" + text +
                                    "' is not a date (YYYY-MM-DD)");
    }
    return *day;
}

std::vector<std::string> split_list(const std::vector<std::string>& given) {
    std::vector<std::string> out;
    for (const auto& item : given) {
        for (auto& part : reports::split_list(item, ',')) {
            out.push_back(std::move(part));
        }
    }
    return out;
}

}  // namespace

void add_qaf_report_command(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    struct Args {
        std::string year;
        std::string from;
        std::string to;
        std::string by;
        std::vector<std::string> questions;
        std::vector<std::string> combine;
        std::vector<std::string> compare;
        std::vector<std::string> top_exclude;
        int top = 0;
        std::string format = "table";
        int suppress_below = 0;
        bool other_texts = false;
        std::string out;
        std::string questionnaire = "york-qaf";
    };
    auto args = std::make_shared<Args>();
    auto* report = app.get_subcommand("report");
    auto* qaf = report->add_subcommand(
        "qaf", "The QAF's survey tables: each answer's count and percentage, per question");
    qaf->add_option("--year", args->year, "Financial year, e.g. 2015-16");
    qaf->add_option("--from", args->from, "First day (YYYY-MM-DD), instead of or within --year");
    qaf->add_option("--to", args->to, "Last day (YYYY-MM-DD)");
    qaf->add_option("--by", args->by,
                    "Columns per quarter, iro, team, legal_status, age_band or version");
    qaf->add_option("--questions", args->questions,
                    "Only these questions, by number or id (20,21,29)");
    qaf->add_option("--combine", args->combine,
                    "A combined row, QUESTION:LABEL=CODE+CODE (e.g. '29:Good or "
                    "outstanding=good+outstanding'); repeat for more");
    qaf->add_option("--top", args->top, "Rank each multiple choice question's top N options");
    qaf->add_option("--top-exclude", args->top_exclude,
                    "Option codes the ranking leaves out, besides those marked so");
    qaf->add_option("--compare", args->compare, "Earlier financial years as columns beside --year");
    qaf->add_option("--format", args->format, "table, csv, json, xlsx or html")
        ->check(CLI::IsMember({"table", "csv", "json", "xlsx", "html"}));
    qaf->add_option("--suppress-below", args->suppress_below,
                    "Publish counts from 1 to N-1 as c (and whatever would reveal them)")
        ->check(CLI::Range(0, 1000));
    qaf->add_flag("--other-texts", args->other_texts,
                  "List the 'Other (please specify)' texts too: internal use, table or json only");
    qaf->add_option("--questionnaire", args->questionnaire, "The questionnaire (default york-qaf)");
    qaf->add_option("--out", args->out, "Write to this file (required for xlsx)");
    qaf->callback([&options, &exit_code, args] {
        exit_code = run_guarded([&] {
            return with_store(options, [&](store::Database& db) {
                reports::QafReportRequest request;
                request.questionnaire = args->questionnaire;
                if (args->year.empty() && (args->from.empty() || args->to.empty())) {
                    throw std::invalid_argument("give --year, or --from and --to");
                }
                if (!args->year.empty()) {
                    const auto periods = reports::financial_periods(year_option(args->year), true);
                    request.period_label = periods.back().label;
                    request.from = periods.back().start;
                    request.to = periods.back().end;
                }
                if (!args->from.empty()) {
                    request.from = date_option(args->from, "--from");
                }
                if (!args->to.empty()) {
                    request.to = date_option(args->to, "--to");
                }
                if (request.to < request.from) {
                    throw std::invalid_argument("--to is before --from");
                }
                if (args->year.empty() || !args->from.empty() || !args->to.empty()) {
                    request.period_label = fmt::format("{} to {}", plugin::to_iso(request.from),
                                                       plugin::to_iso(request.to));
                }
                if (!args->by.empty()) {
                    request.by = reports::qaf_grouping(args->by);
                }
                if (request.by == reports::QafGrouping::quarter && !args->year.empty() &&
                    args->from.empty() && args->to.empty()) {
                    for (const auto& p :
                         reports::financial_periods(year_option(args->year), true)) {
                        if (p.label.size() > 7) {
                            request.expected_groups.push_back(p.label);
                        }
                    }
                }
                for (const auto& year : split_list(args->compare)) {
                    const auto whole = reports::financial_periods(year_option(year), false).back();
                    request.compare.emplace_back(whole.label, whole.start, whole.end);
                }
                request.questions = split_list(args->questions);
                for (const auto& c : args->combine) {
                    request.combinations.push_back(reports::parse_combination(c));
                }
                request.top = args->top;
                request.top_exclude = split_list(args->top_exclude);
                request.suppress_below = args->suppress_below;
                const std::string format = options.json ? std::string("json") : args->format;
                if (args->other_texts && format != "table" && format != "json") {
                    throw std::invalid_argument(
                        "--other-texts are for internal use and never go into a published format "
                        "(csv, xlsx, html)");
                }
                if (args->other_texts && args->suppress_below > 0) {
                    throw std::invalid_argument(
                        "--other-texts with --suppress-below: a report for publication never lists "
                        "the 'Other' texts");
                }
                request.other_texts = args->other_texts;
                const auto built = reports::build_qaf_report(db, request);
                if (format == "xlsx") {
                    if (args->out.empty()) {
                        throw std::invalid_argument("--format xlsx needs --out FILE.xlsx");
                    }
                    reports::write_qaf_xlsx(built, args->out);
                    std::cout << "Wrote " << args->out << "\n";
                    return 0;
                }
                const std::string text = format == "csv"    ? reports::qaf_csv(built)
                                         : format == "json" ? reports::qaf_json(built)
                                         : format == "html" ? reports::qaf_html(built)
                                                            : reports::qaf_text(built);
                if (args->out.empty()) {
                    std::cout << text;
                    return 0;
                }
                std::ofstream out(args->out, std::ios::binary);
                out << text;
                out.close();
                if (!out) {
                    throw std::runtime_error("cannot write " + args->out);
                }
                std::cout << "Wrote " << args->out << "\n";
                return 0;
            });
        });
    });
}

}  // namespace iro::cli
