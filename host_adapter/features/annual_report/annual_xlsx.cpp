// The annual report as a workbook: a contents sheet, then one sheet per table (its title,
// definition and source above it, numbers written as numbers with their formats, "c" for a
// withheld count) and, where the HTML has a chart, a native Excel chart of the same figures.

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <cstddef>
#include <string>

#include "annual_report/annual_render.hpp"
#include "report_tables/xlsx_workbook.hpp"

namespace iro::reports::annual {

namespace {

lxw_row_t row_of(std::size_t row) {
    return static_cast<lxw_row_t>(row);
}
lxw_col_t col_of(std::size_t col) {
    return static_cast<lxw_col_t>(col);
}

struct Formats {
    lxw_format* title;
    lxw_format* bold;
    lxw_format* wrap;
    lxw_format* count;
    lxw_format* percent;
    lxw_format* percent_2;  ///< the QAF's two decimal places
    lxw_format* ratio;
    lxw_format* right;
};

Formats formats(lxw_workbook* book) {
    Formats f{workbook_add_format(book), workbook_add_format(book), workbook_add_format(book),
              workbook_add_format(book), workbook_add_format(book), workbook_add_format(book),
              workbook_add_format(book), workbook_add_format(book)};
    format_set_bold(f.title);
    format_set_font_size(f.title, 14);
    format_set_bold(f.bold);
    format_set_text_wrap(f.wrap);
    format_set_align(f.wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_num_format(f.count, "#,##0");
    format_set_num_format(f.percent, "0.0%");
    format_set_num_format(f.percent_2, "0.00%");
    format_set_num_format(f.ratio, "0.0");
    format_set_align(f.right, LXW_ALIGN_RIGHT);
    return f;
}

void write_cell(lxw_worksheet* sheet, std::size_t r, std::size_t c, const Cell& cell,
                const Formats& f) {
    const bool numeric =
        !cell.suppressed && (cell.kind == Cell::Kind::count || cell.kind == Cell::Kind::percent ||
                             cell.kind == Cell::Kind::ratio);
    if (!numeric) {
        worksheet_write_string(sheet, row_of(r), col_of(c), cell_text(cell).c_str(), f.right);
        return;
    }
    const bool percent = cell.kind == Cell::Kind::percent;
    worksheet_write_number(sheet, row_of(r), col_of(c), percent ? cell.value / 100.0 : cell.value,
                           percent ? (cell.decimals == 2 ? f.percent_2 : f.percent)
                           : cell.kind == Cell::Kind::count ? f.count
                                                            : f.ratio);
}

// A native chart of what the HTML draws: the table's figures by reference, not copies.
void add_chart(lxw_workbook* book, lxw_worksheet* sheet, const std::string& sheet_name,
               const ReportTable& t, std::size_t header_row, std::size_t first_row,
               std::size_t at_row) {
    // As the HTML: no chart of nothing (a series chart needs rows above the first total).
    if (t.chart.kind == Chart::none || (!t.chart.row && (t.rows.empty() || t.rows.front().total))) {
        return;
    }
    lxw_chart* chart =
        workbook_add_chart(book, t.chart.kind == Chart::bars ? LXW_CHART_BAR : LXW_CHART_COLUMN);
    if (t.chart.row) {
        const std::size_t r = first_row + *t.chart.row;
        lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
        chart_series_set_categories(series, sheet_name.c_str(), row_of(header_row), 1,
                                    row_of(header_row), col_of(t.columns.size()));
        chart_series_set_values(series, sheet_name.c_str(), row_of(r), 1, row_of(r),
                                col_of(t.columns.size()));
        chart_series_set_name(series, t.rows.at(*t.chart.row).label.c_str());
    } else {
        // The rows above the first total.
        std::size_t last = first_row;
        for (std::size_t i = 0; i < t.rows.size() && !t.rows[i].total; ++i) {
            last = first_row + i;
        }
        for (const auto s : t.chart.series) {
            lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
            chart_series_set_categories(series, sheet_name.c_str(), row_of(first_row), 0,
                                        row_of(last), 0);
            chart_series_set_values(series, sheet_name.c_str(), row_of(first_row), col_of(s + 1),
                                    row_of(last), col_of(s + 1));
            chart_series_set_name(series, t.columns.at(s).c_str());
        }
    }
    chart_title_set_name(chart, ("Table " + t.number + ": " + t.title).c_str());
    if (t.chart.series.size() <= 1 && !t.chart.row) {
        chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    }
    lxw_chart_options options{};
    options.x_scale = 1.5;
    options.y_scale = 1.5;
    worksheet_insert_chart_opt(sheet, row_of(at_row), 0, chart, &options);
}

}  // namespace

void write_annual_report_xlsx(const AnnualReport& report, const std::filesystem::path& file) {
    auto book = open_workbook(file);
    const auto f = formats(book.get());
    lxw_worksheet* contents = workbook_add_worksheet(book.get(), "Contents");
    worksheet_set_column(contents, 0, 0, 90, nullptr);
    worksheet_write_string(contents, 0, 0, annual_report_title(report).c_str(), f.title);
    worksheet_write_string(
        contents, 1, 0,
        fmt::format("1 April to 31 March{}; measured to {}{}.",
                    report.compare.empty() ? "" : ", compared with " + report.compare,
                    measured_to_words(report),
                    report.suppress_below > 1
                        ? fmt::format("; counts below {} are withheld (c)", report.suppress_below)
                        : "")
            .c_str(),
        nullptr);
    std::size_t line = 3;
    for (const auto& section : report.sections) {
        worksheet_write_string(contents, row_of(line++), 0, section.title.c_str(), f.bold);
        for (const auto& t : section.tables) {
            const std::string name = "Table " + t.number;
            worksheet_write_url_opt(contents, row_of(line++), 0,
                                    ("internal:'" + name + "'!A1").c_str(), nullptr,
                                    (name + ": " + t.title).c_str(), nullptr);

            lxw_worksheet* sheet = workbook_add_worksheet(book.get(), name.c_str());
            worksheet_set_column(sheet, 0, 0, 48, f.wrap);
            worksheet_set_column(sheet, 1, col_of(t.columns.size()), 16, nullptr);
            worksheet_write_string(sheet, 0, 0, (name + ": " + t.title).c_str(), f.title);
            worksheet_write_string(sheet, 1, 0, ("Definition: " + t.definition).c_str(), nullptr);
            worksheet_write_string(sheet, 2, 0, ("Source: " + t.source).c_str(), nullptr);
            const std::size_t header = 4;
            worksheet_write_string(sheet, row_of(header), 0, t.row_heading.c_str(), f.bold);
            for (std::size_t c = 0; c < t.columns.size(); ++c) {
                worksheet_write_string(sheet, row_of(header), col_of(c + 1), t.columns[c].c_str(),
                                       f.bold);
            }
            for (std::size_t r = 0; r < t.rows.size(); ++r) {
                const auto& row = t.rows[r];
                worksheet_write_string(sheet, row_of(header + 1 + r), 0, row.label.c_str(),
                                       row.total ? f.bold : nullptr);
                for (std::size_t c = 0; c < row.cells.size(); ++c) {
                    write_cell(sheet, header + 1 + r, c + 1, row.cells[c], f);
                }
            }
            std::size_t after = header + 1 + t.rows.size();
            for (const auto& note : t.notes) {
                worksheet_write_string(sheet, row_of(++after), 0, note.c_str(), nullptr);
            }
            add_chart(book.get(), sheet, name, t, header, header + 1, after + 2);
        }
    }
    finish_workbook(std::move(book), file);
}

}  // namespace iro::reports::annual
