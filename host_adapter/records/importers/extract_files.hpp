#pragma once
// What every extract importer shares: finding a dataset's CSV files in a directory, checking a
// file's header against the columns the dataset defines, and reading a row's fields by column
// name with precise locations for the issues found in it.

#include <array>
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "importers/csv_reader.hpp"
#include "importers/import_issue.hpp"
#include "importers/import_record.hpp"
#include "iro/plugin_api/dates.hpp"
#include "store/sqlite.hpp"

namespace iro::importers {

/// One file of a dataset: its lower-case stem, the columns it must have, the columns it may have,
/// and whether the file itself must be present.
struct FileSpec {
    std::string name;
    std::vector<std::string> columns;
    std::vector<std::string> optional_columns;
    bool required = true;
    std::string staging_insert;  ///< the INSERT that stages one row (see RowStager::insert_sql)
};

/// The dataset's files found in `dir` (`<name>.csv`, any letter case), by spec name. A missing
/// required file or an unreadable directory is added to `fatal`; `dataset` names the standard in
/// that message ("SSDA903", "SSD").
std::map<std::string, std::filesystem::path> find_extract_files(const std::filesystem::path& dir,
                                                                const std::vector<FileSpec>& specs,
                                                                const std::string& dataset,
                                                                std::vector<ImportIssue>& fatal);

/// Hashes any string type alike, so a ColumnIndex is searched without copying the title.
struct TitleHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view title) const noexcept {
        return std::hash<std::string_view>{}(title);
    }
};

/// Column positions by title. Hashed: every field a check reads is found by its title.
using ColumnIndex = std::unordered_map<std::string, std::size_t, TitleHash, std::equal_to<>>;

/// Column positions by title, or nullopt after adding each missing required column to `fatal`.
/// Columns the spec does not know are reported in `warnings` and ignored.
std::optional<ColumnIndex> check_header(const CsvReader& reader, const FileSpec& spec,
                                        WarningSink& warnings, std::vector<ImportIssue>& fatal);

/// A column of a file's spec, by title and by its place in the spec's column list: a row reads
/// it without looking the title up. Make one with spec_column().
struct SpecColumn {
    std::string_view title;
    std::size_t number;  ///< in the spec's `columns`
};

/// The column `title` of `columns` (a spec's list); a title not in the list does not compile.
template <std::size_t N>
consteval SpecColumn spec_column(const std::array<std::string_view, N>& columns,
                                 std::string_view title) {
    for (std::size_t i = 0; i < N; ++i) {
        if (columns[i] == title) {
            return {columns[i], i};
        }
    }
    throw "no such column in the spec";
}

/// A row of one file, with its fields reachable by column title, or by SpecColumn for the file's
/// own spec.
class Row {
  public:
    Row(const CsvRecord& record, const ColumnIndex& index,
        const std::vector<std::size_t>& spec_positions, std::string file)
        : record_(record), index_(index), spec_positions_(spec_positions), file_(std::move(file)) {}

    /// The field, white space trimmed, as view(title) gives it.
    std::string_view view(const SpecColumn& column) const;
    /// An issue located at this row's field `column`.
    ImportIssue issue(const SpecColumn& column, std::string rule, std::string child,
                      std::string message) const;

    /// The field, white space trimmed; empty when blank or when the file lacks the column. Valid
    /// as long as the row.
    std::string_view view(std::string_view column) const;
    /// The field as view() gives it, copied.
    std::string get(std::string_view column) const { return std::string(view(column)); }
    /// An issue located at this row's field `column`.
    ImportIssue issue(std::string_view column, std::string rule, std::string child,
                      std::string message) const;
    std::size_t line() const { return record_.line; }
    /// 1-based column (in characters) of the field.
    std::int64_t column(std::string_view name) const;

  private:
    std::string_view field(std::size_t position) const;
    ImportIssue issue_at(std::size_t position, std::string rule, std::string child,
                         std::string message) const;

    const CsvRecord& record_;
    const ColumnIndex& index_;
    const std::vector<std::size_t>& spec_positions_;  // record position of each spec column
    std::string file_;
};

/// Stages an extract's files into temporary tables, a row at a time: checks each file's header,
/// prepares its spec's staging INSERT, and hands every record to the importer's stage_row().
class RowStager {
  public:
    RowStager(store::Database& db, WarningSink& warnings, std::vector<ImportIssue>& fatal)
        : db_(db), warnings_(warnings), fatal_(fatal) {}
    virtual ~RowStager() = default;
    RowStager(const RowStager&) = delete;
    RowStager& operator=(const RowStager&) = delete;

    /// Rows read from `path`; 0 after adding a header problem to the fatal list. Throws
    /// CsvError for a file that cannot be read.
    int stage(const FileSpec& spec, const std::filesystem::path& path);

  protected:
    /// Checks one record of the file `spec_name` and stages it with insert().
    virtual void stage_row(const std::string& spec_name, const Row& row) = 0;
    /// The INSERT that stages one row of the file; the spec's own unless the importer chooses
    /// where rows go at run time.
    virtual std::string insert_sql(const FileSpec& spec) const { return spec.staging_insert; }
    /// The staging INSERT of the file being read, for binding a row's values.
    store::Statement& statement() { return *insert_; }
    /// Runs the INSERT with the values bound; true when the row was new (not a duplicate key).
    bool insert();
    void warn(const ImportIssue& issue) { warnings_.push_back(issue); }

    store::Database& db_;

  private:
    WarningSink& warnings_;
    std::vector<ImportIssue>& fatal_;
    std::optional<store::Statement> insert_;
};

/// The day as yyyy-mm-dd, or NULL for the store when absent.
std::optional<std::string> iso_or_null(const std::optional<plugin::Date>& day);

/// "a, b, c".
std::string join_titles(const std::vector<std::string>& items);

}  // namespace iro::importers
