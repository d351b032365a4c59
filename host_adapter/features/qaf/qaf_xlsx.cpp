// The QAF report as an XLSX workbook (libxlsxwriter): a summary sheet, then a sheet per question
// laid out like the published table. Percentages are numbers formatted 0.00%, holding the value
// already rounded to two decimals so Excel shows the published figure; withheld cells hold "c".

#include <memory>
#include <stdexcept>

#include "qaf/qaf_render.hpp"
#include "report_tables/xlsx_workbook.hpp"

namespace iro::reports {

namespace {

struct Formats {
    lxw_format* title;
    lxw_format* bold;
    lxw_format* percent;
    lxw_format* wrap;
};

lxw_row_t row_of(std::size_t row) {
    return static_cast<lxw_row_t>(row);
}
lxw_col_t col_of(std::size_t col) {
    return static_cast<lxw_col_t>(col);
}

void write_count(lxw_worksheet* sheet, std::size_t row, std::size_t col, const QafCell& cell) {
    if (cell.suppressed) {
        worksheet_write_string(sheet, row_of(row), col_of(col), "c", nullptr);
    } else {
        worksheet_write_number(sheet, row_of(row), col_of(col), static_cast<double>(cell.count),
                               nullptr);
    }
}

void write_percent(lxw_worksheet* sheet, std::size_t row, std::size_t col, const QafCell& count,
                   const QafCell& of, const Formats& f) {
    const std::string text = qaf_percent(count, of);
    if (text == "c" || text == "-") {
        worksheet_write_string(sheet, row_of(row), col_of(col), text.c_str(), nullptr);
        return;
    }
    // "98.96%" -> 0.9896
    worksheet_write_number(sheet, row_of(row), col_of(col),
                           std::stod(text.substr(0, text.size() - 1)) / 100.0, f.percent);
}

std::string sheet_name(const QafQuestionTable& t) {
    return (t.number ? "Q" + std::to_string(*t.number) : t.id).substr(0, 31);
}

void question_sheet(lxw_workbook* book, const QafReport& r, const QafQuestionTable& t,
                    const Formats& f) {
    lxw_worksheet* sheet = workbook_add_worksheet(book, sheet_name(t).c_str());
    if (sheet == nullptr) {
        throw std::runtime_error("XLSX: cannot add the sheet for " + t.id);
    }
    worksheet_set_column(sheet, 0, 0, 62, f.wrap);
    worksheet_set_column(sheet, 1, col_of(2 * r.columns.size()), 12, nullptr);
    worksheet_write_string(sheet, 0, 0, t.title.c_str(), f.title);
    worksheet_write_string(sheet, 1, 0, t.section.c_str(), nullptr);
    worksheet_write_string(sheet, 3, 0, "Answer Choices", f.bold);
    for (std::size_t c = 0; c < r.columns.size(); ++c) {
        worksheet_write_string(sheet, 2, col_of(1 + 2 * c), r.columns[c].c_str(), f.bold);
        worksheet_write_string(sheet, 3, col_of(1 + 2 * c), "Responses", f.bold);
        worksheet_write_string(sheet, 3, col_of(2 + 2 * c), "Count", f.bold);
    }
    std::size_t row = 4;
    for (const auto& option : t.rows) {
        worksheet_write_string(sheet, row_of(row), 0, option.label.c_str(),
                               option.combined ? f.bold : nullptr);
        for (std::size_t c = 0; c < r.columns.size(); ++c) {
            write_percent(sheet, row, 1 + 2 * c, option.cells[c], t.answered[c], f);
            write_count(sheet, row, 2 + 2 * c, option.cells[c]);
        }
        ++row;
    }
    worksheet_write_string(sheet, row_of(row), 0, total_label(t).c_str(), f.bold);
    worksheet_write_string(sheet, row_of(row + 1), 0, "Skipped", nullptr);
    for (std::size_t c = 0; c < r.columns.size(); ++c) {
        write_count(sheet, row, 2 + 2 * c, t.answered[c]);
        write_count(sheet, row + 1, 2 + 2 * c, t.skipped[c]);
    }
    row += 3;
    if (!t.top.empty()) {
        worksheet_write_string(sheet, row_of(row++), 0, ranking_title(r, t).c_str(), f.bold);
        for (const auto& ranked : t.top) {
            worksheet_write_string(sheet, row_of(row), 0,
                                   (std::to_string(ranked.rank) + ". " + ranked.label).c_str(),
                                   nullptr);
            write_count(sheet, row++, 2, ranked.cell);
        }
        ++row;
    }
    if (const auto note = suppression_note(r); !note.empty()) {
        worksheet_write_string(sheet, row_of(row), 0, note.c_str(), nullptr);
    }
}

}  // namespace

void write_qaf_xlsx(const QafReport& r, const std::filesystem::path& file) {
    auto book = open_workbook(file);
    Formats f{workbook_add_format(book.get()), workbook_add_format(book.get()),
              workbook_add_format(book.get()), workbook_add_format(book.get())};
    format_set_bold(f.title);
    format_set_font_size(f.title, 14);
    format_set_bold(f.bold);
    format_set_num_format(f.percent, "0.00%");
    format_set_text_wrap(f.wrap);
    format_set_align(f.wrap, LXW_ALIGN_VERTICAL_TOP);

    lxw_worksheet* summary = workbook_add_worksheet(book.get(), "Summary");
    worksheet_set_column(summary, 0, 0, 62, f.wrap);
    worksheet_set_column(summary, 1, col_of(2 * r.columns.size()), 12, nullptr);
    worksheet_write_string(summary, 0, 0, r.title.c_str(), f.title);
    const std::string period =
        r.period + " (" + plugin::to_iso(r.from) + " to " + plugin::to_iso(r.to) + ")";
    worksheet_write_string(summary, 1, 0, period.c_str(), nullptr);
    std::string versions = "Questionnaire version(s): ";
    for (std::size_t i = 0; i < r.versions.size(); ++i) {
        versions += (i == 0 ? "" : ", ") + r.versions[i];
    }
    worksheet_write_string(summary, 2, 0, versions.c_str(), nullptr);
    worksheet_write_string(summary, 4, 0, "Question", f.bold);
    worksheet_write_string(summary, 5, 0, "Responses", f.bold);
    for (std::size_t c = 0; c < r.columns.size(); ++c) {
        worksheet_write_string(summary, 3, col_of(1 + 2 * c), r.columns[c].c_str(), f.bold);
        worksheet_write_string(summary, 4, col_of(1 + 2 * c), "Answered", f.bold);
        worksheet_write_string(summary, 4, col_of(2 + 2 * c), "Skipped", f.bold);
        write_count(summary, 5, 1 + 2 * c, r.responses[c]);
    }
    std::size_t row = 6;
    for (const auto& t : r.questions) {
        worksheet_write_string(summary, row_of(row), 0, t.title.c_str(), nullptr);
        for (std::size_t c = 0; c < r.columns.size(); ++c) {
            write_count(summary, row, 1 + 2 * c, t.answered[c]);
            write_count(summary, row, 2 + 2 * c, t.skipped[c]);
        }
        ++row;
    }
    if (const auto note = suppression_note(r); !note.empty()) {
        worksheet_write_string(summary, row_of(row + 1), 0, note.c_str(), nullptr);
    }
    for (const auto& t : r.questions) {
        question_sheet(book.get(), r, t, f);
    }
    finish_workbook(std::move(book), file);
}

}  // namespace iro::reports
