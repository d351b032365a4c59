#include "report_tables/xlsx_workbook.hpp"

#include <stdexcept>

namespace iro::reports {

Workbook open_workbook(const std::filesystem::path& file) {
    Workbook book(workbook_new(file.c_str()), [](lxw_workbook* b) {
        if (b != nullptr) {
            workbook_close(b);
        }
    });
    if (!book) {
        throw std::runtime_error("XLSX: cannot create " + file.string());
    }
    return book;
}

void finish_workbook(Workbook book, const std::filesystem::path& file) {
    lxw_workbook* raw = book.release();
    if (const lxw_error error = workbook_close(raw); error != LXW_NO_ERROR) {
        throw std::runtime_error("XLSX: cannot write " + file.string() + ": " +
                                 lxw_strerror(error));
    }
}

}  // namespace iro::reports
