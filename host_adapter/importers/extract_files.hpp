#pragma once
// What every extract importer shares: finding a dataset's CSV files in a directory, checking a
// file's header against the columns the dataset defines, and reading a row's fields by column
// name with precise locations for the issues found in it.

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "importers/csv_reader.hpp"
#include "importers/import_issue.hpp"

namespace iro::importers {

/// One file of a dataset: its lower-case stem, the columns it must have, the columns it may have,
/// and whether the file itself must be present.
struct FileSpec {
    std::string name;
    std::vector<std::string> columns;
    std::vector<std::string> optional_columns;
    bool required = true;
};

/// The dataset's files found in `dir` (`<name>.csv`, any letter case), by spec name. A missing
/// required file or an unreadable directory is added to `fatal`; `dataset` names the standard in
/// that message ("SSDA903", "SSD").
std::map<std::string, std::filesystem::path> find_extract_files(const std::filesystem::path& dir,
                                                                const std::vector<FileSpec>& specs,
                                                                const std::string& dataset,
                                                                std::vector<ImportIssue>& fatal);

/// Column positions by title, or nullopt after adding each missing required column to `fatal`.
/// Columns the spec does not know are reported in `warnings` and ignored.
std::optional<std::map<std::string, std::size_t>> check_header(const CsvReader& reader,
                                                               const FileSpec& spec,
                                                               std::vector<ImportIssue>& warnings,
                                                               std::vector<ImportIssue>& fatal);

/// A row of one file, with its fields reachable by column title.
class Row {
  public:
    Row(const CsvRecord& record, const std::map<std::string, std::size_t>& index, std::string file)
        : record_(record), index_(index), file_(std::move(file)) {}

    /// The field, white space trimmed; empty when blank or when the file lacks the column.
    std::string get(const std::string& column) const;
    /// An issue located at this row's field `column`.
    ImportIssue issue(const std::string& column, std::string rule, std::string child,
                      std::string message) const;
    std::size_t line() const { return record_.line; }
    /// 1-based column of the field, as stored with staged rows for later cross-file checks.
    std::int64_t column(const std::string& name) const;

  private:
    const CsvRecord& record_;
    const std::map<std::string, std::size_t>& index_;
    std::string file_;
};

/// "a, b, c".
std::string join_titles(const std::vector<std::string>& items);

}  // namespace iro::importers
