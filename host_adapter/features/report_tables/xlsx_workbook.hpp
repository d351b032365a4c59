#pragma once
// An XLSX workbook being written (libxlsxwriter): closed, and so written, exactly once.

#include <xlsxwriter.h>

#include <filesystem>
#include <memory>

namespace iro::reports {

using Workbook = std::unique_ptr<lxw_workbook, void (*)(lxw_workbook*)>;

/// A new workbook for `file` (one dropped without finish_workbook is closed, its errors
/// ignored). Throws std::runtime_error when it cannot be created.
Workbook open_workbook(const std::filesystem::path& file);

/// Writes the workbook; throws std::runtime_error naming the file and libxlsxwriter's reason.
void finish_workbook(Workbook book, const std::filesystem::path& file);

}  // namespace iro::reports
