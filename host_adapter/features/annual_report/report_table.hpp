#pragma once
// The annual report's tables: what each says (its number, title, definition and source), and its
// cells, which keep the counts they rest on so that small ones can be withheld
// (disclosure_control.hpp) and the forms (JSON, CSV, HTML, XLSX) print one value the same way.

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "calendar/financial_periods.hpp"

namespace iro::reports::annual {

/// One cell: a count, a percentage, a ratio, text, or no data (a period the records do not cover,
/// which is not zero).
struct Cell {
    enum class Kind { count, percent, ratio, text, no_data };
    Kind kind = Kind::no_data;
    double value = 0;  ///< the count, the percentage (0-100) or the ratio
    /// The count the value rests on (a count's own value, a percentage's numerator): what
    /// disclosure control looks at. Unset for ratios and text.
    std::optional<long long> count;
    std::string text;         ///< for Kind::text
    bool suppressed = false;  ///< withheld: shown as "c"
    int decimals = 1;         ///< a percentage's or ratio's decimal places

    static Cell of_count(long long n);
    /// `part` of `whole` as a percentage to `decimals` places (two for the QAF's survey tables,
    /// as SurveyMonkey prints them); no data when `whole` is 0.
    static Cell of_percent(long long part, long long whole, int decimals = 1);
    static Cell of_ratio(double value);
    static Cell of_text(std::string text);
    static Cell none();
};

/// The cell as people read it: "1,234", "85.1%", "62.6", "c", "no data".
std::string cell_text(const Cell& cell);

struct TableRow {
    std::string label;
    std::vector<Cell> cells;
    bool total = false;  ///< the sum of the rows above it (the rows since the last total)
};

/// How a table is best drawn, beside the table itself.
enum class Chart { none, bars, columns };

/// What the chart draws: some columns over the rows (totals left out), or one row across the
/// columns (a measure over time).
struct ChartSpec {
    Chart kind = Chart::none;
    std::vector<std::size_t> series;  ///< column indices, each a series over the rows
    std::optional<std::size_t> row;   ///< instead: this row, over the columns
};

struct ReportTable {
    std::string number;                ///< "1", "2", ...: set when the report is put together
    std::string title;                 ///< "IRO caseload"
    std::string definition;            ///< what is counted, and how
    std::string source;                ///< where it comes from (the records, the configuration)
    std::string row_heading;           ///< the label column's heading
    std::vector<std::string> columns;  ///< the value columns' headings
    std::vector<bool> total_columns;   ///< which columns are the sum of the ones before them
    std::vector<TableRow> rows;
    ChartSpec chart;
    std::vector<std::string> notes;  ///< what a reader should know (e.g. a suppression applied)
};

struct ReportSection {
    std::string title;
    std::vector<ReportTable> tables;
};

struct AnnualReport {
    std::string title;        ///< when set, the title (a report other than the annual one)
    std::string council;      ///< the configured name, or empty
    std::string year;         ///< "2019-20"
    std::string compare;      ///< "2018-19", or empty
    std::string measured_to;  ///< the last day measured (ISO)
    int suppress_below = 0;   ///< 0: no disclosure control
    std::vector<ReportSection> sections;
};

/// A row with one count per measured period: `count(m)` of each of `periods`.
template <class Measures, class Count>
TableRow count_row(std::string label, const std::vector<Measures>& periods, Count count) {
    TableRow row{std::move(label), {}, false};
    for (const auto& m : periods) {
        row.cells.push_back(Cell::of_count(count(m)));
    }
    return row;
}

/// A row with one share per measured period: `part(m)` of `whole(m)`, as a percentage.
template <class Measures, class Part, class Whole>
TableRow share_row(std::string label, const std::vector<Measures>& periods, Part part,
                   Whole whole) {
    TableRow row{std::move(label), {}, false};
    for (const auto& m : periods) {
        row.cells.push_back(Cell::of_percent(part(m), whole(m)));
    }
    return row;
}

/// The period each of `measured` covers (every measures struct carries its `period`), in order.
template <class Measures>
std::vector<ReportPeriod> periods_of(const std::vector<Measures>& measured) {
    std::vector<ReportPeriod> out;
    out.reserve(measured.size());
    for (const auto& m : measured) {
        out.push_back(m.period);
    }
    return out;
}

/// A block of columns per year, named "2019-20: number", "2019-20: %"; a part "" is the year alone.
std::vector<std::string> year_columns(const std::vector<ReportPeriod>& years,
                                      const std::vector<std::string>& parts);

}  // namespace iro::reports::annual
