// iro-host report qaf --year 2015-16 [--from D --to D] [--by quarter|iro|team|legal_status|
// age_band|version] [--questions 20,21,29] [--combine Q:LABEL=A+B] [--top N] [--compare YEAR]
// [--format table|csv|json|xlsx|html] [--suppress-below N] [--other-texts] [--out FILE]:
// the QAF's survey tables for the annual report.

#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "qaf/qaf_render.hpp"
#include "qaf/qaf_report_options.hpp"

namespace iro::cli {

void add_qaf_report_command(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    auto args = std::make_shared<reports::QafReportOptions>();
    auto out_file = std::make_shared<std::string>();
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
    qaf->add_option("--out", *out_file, "Write to this file (required for xlsx)");
    qaf->callback([&options, &exit_code, args, out_file] {
        exit_code = run_guarded([&] {
            return with_store(options, [&](store::Database& db) {
                if (options.json) {
                    args->format = "json";
                }
                const auto request = reports::qaf_report_request(*args);
                const std::string& format = args->format;
                const auto built = reports::build_qaf_report(db, request);
                if (format == "xlsx") {
                    if (out_file->empty()) {
                        throw std::invalid_argument("--format xlsx needs --out FILE.xlsx");
                    }
                    reports::write_qaf_xlsx(built, *out_file);
                    std::cout << "Wrote " << *out_file << "\n";
                    return 0;
                }
                const std::string text = format == "csv"    ? reports::qaf_csv(built)
                                         : format == "json" ? reports::qaf_json(built)
                                         : format == "html" ? reports::qaf_html(built)
                                                            : reports::qaf_text(built);
                write_output(text, *out_file);
                return 0;
            });
        });
    });
}

}  // namespace iro::cli
