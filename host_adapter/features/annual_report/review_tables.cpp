#include "annual_report/review_tables.hpp"

#include <fmt/format.h>

#include <string_view>

namespace iro::reports::annual {

namespace {

constexpr std::string_view kSource =
    "The case records: reviews (SSDA903 Reviews or the SSD's reviews) and the episodes that set "
    "when each is due (Care Planning, Placement and Case Review (England) Regulations 2010, "
    "reg. 33).";

ReportTable timeliness(const std::vector<ReviewMeasures>& years) {
    ReportTable t;
    t.title = "Timeliness of reviews";
    // NI 66 counts another cohort: say which one the figures are of.
    const bool ni66 = years.front().cohort == Cohort::ni66;
    t.definition =
        std::string(ni66 ? "Children: the former national indicator NI 66's cohort, children "
                           "looked after at the end of the year who had been looked after "
                           "continuously for at least four weeks"
                         : "Children: every child looked after in the year with a review due in "
                           "it (a review held in the year whose due date is known, or a due date "
                           "in the year that passed while the child was looked after)") +
        ", and of them those whose every such review was held by its due date (reg. 33: the "
        "first within 20 working days of the start of care, the second within three months of "
        "the first, then at most six months apart). Reviews: reviews held in the year whose due "
        "date is known, and of them those held by it; every review held, the children reviewed, "
        "and reviews per child reviewed. Short breaks (reg. 48) are counted apart.";
    t.source = std::string(kSource);
    t.row_heading = "Reviews of children looked after";
    t.columns = year_columns(periods_of(years), {""});
    using M = ReviewMeasures;
    const auto all_on_time = [](const M& m) { return m.children_all_on_time; };
    const auto cohort = [](const M& m) { return m.children_in_cohort; };
    const auto timed = [](const M& m) { return m.reviews_timed; };
    const auto on_time = [](const M& m) { return m.reviews_on_time; };
    auto due = count_row("Children with a review due", years, cohort);
    due.total = true;  // the two rows above add up to it
    t.rows = {
        count_row("Children who had all reviews in timescale", years, all_on_time),
        count_row("Children who had any review out of timescale", years,
                  [](const M& m) { return m.children_in_cohort - m.children_all_on_time; }),
        std::move(due),
        share_row("% of children who had all reviews in timescale", years, all_on_time, cohort),
        count_row("Reviews held (due date known)", years, timed),
        count_row("Reviews held on time", years, on_time),
        share_row("% of reviews held on time", years, on_time, timed),
        count_row("Reviews held", years, [](const M& m) { return m.reviews_held; }),
        count_row("Children with a review held", years,
                  [](const M& m) { return m.children_with_review_held; })};
    // Reviews per child reviewed: a ratio, which rests on no count disclosure control withholds.
    TableRow per_child{"Reviews per child reviewed", {}, false};
    for (const auto& m : years) {
        per_child.cells.push_back(m.children_with_review_held == 0
                                      ? Cell::none()
                                      : Cell::of_ratio(static_cast<double>(m.reviews_held) /
                                                       m.children_with_review_held));
    }
    t.rows.push_back(std::move(per_child));
    return t;
}

ReportTable participation(const std::vector<ReviewMeasures>& years) {
    ReportTable t;
    t.title = "Children's participation in their reviews";
    t.definition =
        "Reviews held in the year by how the child took part (SSDA903 participation codes). "
        "PN0: the child was under 4. Shares are of the reviews of children aged 4 or over "
        "(PN1-PN7), with the DfE's groupings: attended (PN1-PN4) and views conveyed (PN1-PN3, "
        "PN5, PN6).";
    t.source = std::string(kSource);
    t.row_heading = "Participation";
    t.columns = year_columns(periods_of(years), {"number", "%"});
    t.chart = {Chart::bars, {1}, std::nullopt};  // the year's shares
    static const std::vector<std::pair<std::string, std::string>> kCodes{
        {"PN1", "PN1: spoke for themselves"},
        {"PN2", "PN2: spoke through an advocate"},
        {"PN3", "PN3: conveyed their views symbolically (non-verbally)"},
        {"PN4", "PN4: attended without contributing"},
        {"PN5", "PN5: did not attend; views conveyed by an advocate"},
        {"PN6", "PN6: did not attend; views conveyed by another method"},
        {"PN7", "PN7: did not attend or convey their views"}};
    for (const auto& [code, label] : kCodes) {
        TableRow row{label, {}, false};
        for (const auto& m : years) {
            const auto it = m.participation.find(code);
            const long long n = it == m.participation.end() ? 0 : it->second;
            row.cells.push_back(Cell::of_count(n));
            row.cells.push_back(Cell::of_percent(n, m.aged_4_plus));
        }
        t.rows.push_back(std::move(row));
    }
    TableRow aged4{"Reviews of children aged 4 or over (PN1-PN7)", {}, true};
    TableRow attended{"Attended (PN1-PN4)", {}, false};
    TableRow conveyed{"Views conveyed (PN1-PN3, PN5, PN6)", {}, false};
    TableRow contributed{"Contributed (PN1-PN6, York's grouping)", {}, false};
    TableRow under4{"Reviews of children under 4 (PN0)", {}, false};
    for (const auto& m : years) {
        aged4.cells.push_back(Cell::of_count(m.aged_4_plus));
        aged4.cells.push_back(Cell::of_percent(m.aged_4_plus, m.aged_4_plus));
        attended.cells.push_back(Cell::of_count(m.attended));
        attended.cells.push_back(Cell::of_percent(m.attended, m.aged_4_plus));
        conveyed.cells.push_back(Cell::of_count(m.views_conveyed));
        conveyed.cells.push_back(Cell::of_percent(m.views_conveyed, m.aged_4_plus));
        contributed.cells.push_back(Cell::of_count(m.contributed));
        contributed.cells.push_back(Cell::of_percent(m.contributed, m.aged_4_plus));
        const auto it = m.participation.find("PN0");
        under4.cells.push_back(Cell::of_count(it == m.participation.end() ? 0 : it->second));
        under4.cells.push_back(Cell::none());
    }
    t.rows.push_back(std::move(aged4));
    t.rows.push_back(std::move(attended));
    t.rows.push_back(std::move(conveyed));
    t.rows.push_back(std::move(contributed));
    t.rows.push_back(std::move(under4));
    return t;
}

}  // namespace

std::vector<ReportTable> review_tables(const std::vector<ReviewMeasures>& years) {
    return {timeliness(years), participation(years)};
}

}  // namespace iro::reports::annual
