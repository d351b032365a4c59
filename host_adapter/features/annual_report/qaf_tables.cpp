#include "annual_report/qaf_tables.hpp"

#include <string>
#include <string_view>

namespace iro::reports::annual {

namespace {

constexpr std::string_view kSource =
    "The QAF (quality assurance framework) questionnaires IROs completed after reviews held in "
    "the year, as the qaf module recorded them (or imported from SurveyMonkey).";

constexpr int kSurveyDecimals = 2;  // as SurveyMonkey prints them, and York publishes

Cell count_cell(const QafCell& cell) {
    return Cell::of_count(cell.count);
}

ReportTable responses(const QafReport& report, const std::vector<QafTimeliness>& timeliness) {
    ReportTable t;
    t.title = "QAF questionnaires completed";
    t.definition =
        "QAF questionnaires completed for reviews held in each year; of the reviews held, those "
        "whose QAF was completed within 24 hours (York's standard: the records hold the day, so "
        "on the day of the review or the next).";
    t.source = std::string(kSource);
    t.row_heading = "Questionnaires";
    t.columns = report.columns;
    TableRow row{"Completed", {}, false};
    for (const auto& c : report.responses) {
        row.cells.push_back(count_cell(c));
    }
    t.rows.push_back(std::move(row));
    const auto held = [](const QafTimeliness& m) { return m.reviews_held; };
    const auto within = [](const QafTimeliness& m) { return m.within_a_day; };
    t.rows.push_back(count_row("Reviews held", timeliness, held));
    t.rows.push_back(count_row("with the QAF completed within 24 hours", timeliness, within));
    t.rows.push_back(
        share_row("% of reviews with the QAF completed within 24 hours", timeliness, within, held));
    return t;
}

ReportTable question(const QafReport& report, const QafQuestionTable& q) {
    ReportTable t;
    t.title = q.title;
    t.definition =
        std::string(q.multiple() ? "Several answers may be chosen: each option's share is of the "
                                   "respondents who answered the question."
                                 : "Each option's share is of those who answered the question.") +
        " Section: " + q.section + ".";
    t.source = std::string(kSource);
    t.row_heading = "Answer";
    for (const auto& column : report.columns) {
        t.columns.push_back(column + ": %");
        t.columns.push_back(column + ": number");
    }
    t.chart = {Chart::bars, {0}, std::nullopt};
    for (const auto& r : q.rows) {
        TableRow row{r.label, {}, false};
        for (std::size_t c = 0; c < r.cells.size(); ++c) {
            row.cells.push_back(
                Cell::of_percent(r.cells[c].count, q.answered.at(c).count, kSurveyDecimals));
            row.cells.push_back(count_cell(r.cells[c]));
        }
        t.rows.push_back(std::move(row));
    }
    // Single choice: the options add up to the answered count, a total disclosure control
    // protects. Multiple choice: respondents, not a sum.
    TableRow answered{q.multiple() ? "Total respondents" : "Total", {}, !q.multiple()};
    TableRow skipped{"Skipped", {}, false};
    for (std::size_t c = 0; c < q.answered.size(); ++c) {
        answered.cells.push_back(Cell::none());
        answered.cells.push_back(count_cell(q.answered[c]));
        skipped.cells.push_back(Cell::none());
        skipped.cells.push_back(count_cell(q.skipped.at(c)));
    }
    t.rows.push_back(std::move(answered));
    t.rows.push_back(std::move(skipped));
    return t;
}

}  // namespace

std::vector<ReportTable> qaf_section_tables(const QafReport& report,
                                            const std::vector<QafTimeliness>& timeliness) {
    std::vector<ReportTable> out{responses(report, timeliness)};
    for (const auto& q : report.questions) {
        if (q.is_choice()) {
            out.push_back(question(report, q));
        }
    }
    return out;
}

}  // namespace iro::reports::annual
