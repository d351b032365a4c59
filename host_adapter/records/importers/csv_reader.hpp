#pragma once
// A streaming CSV reader for the files councils export: UTF-8 with or without a byte-order mark,
// CRLF or LF line ends, RFC 4180 quoting (doubled quotes, separators and line breaks inside
// quotes). Memory stays proportional to one record, whatever the file's size.
//
// Everything read is checked before a caller sees it, because an import must refuse a damaged
// file rather than apply part of it: text is strict UTF-8 (a Windows-1252 or UTF-16 export is
// named as such), control bytes mean binary content (named by code, never echoed), every row has
// the header's number of fields (a cut last row is a truncated file), fields are bounded in size,
// and column titles are unique whatever their letter case. Each refusal is a CsvError naming the
// file, line and column.

#include <array>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/error.hpp"

namespace iro::importers {

/// A problem that stops reading a file; what() is "file:line:column: message".
class CsvError : public Error {
  public:
    CsvError(const std::filesystem::path& file, std::size_t line, std::size_t column,
             const std::string& message)
        : Error(ErrorKind::invalid, file.string() + ":" + std::to_string(line) + ":" +
                                        std::to_string(column) + ": " + message),
          line_(line),
          column_(column),
          message_(message) {}
    std::size_t line() const { return line_; }
    std::size_t column() const { return column_; }
    const std::string& message() const { return message_; }

  private:
    std::size_t line_;
    std::size_t column_;
    std::string message_;
};

/// One record: its fields, the physical line it starts on, and each field's 1-based column
/// (in bytes of the line, counting from the start of the field's text).
struct CsvRecord {
    std::size_t line = 0;
    std::vector<std::string> fields;
    std::vector<std::size_t> columns;
};

/// The longest field a file may hold unless a caller says otherwise: far above any value of the
/// standards read (a free-text description is a few KiB), far below what would fill the store.
inline constexpr std::size_t kDefaultMaxFieldBytes = std::size_t{64} * 1024;

/// What a file must satisfy besides being text.
struct CsvOptions {
    std::size_t max_field_bytes = kDefaultMaxFieldBytes;
    /// Refuse two column titles equal but for letter case (blank titles apart).
    bool unique_titles = true;
    /// Refuse a row whose number of fields differs from the header's.
    bool rows_match_header = true;
};

class CsvReader {
  public:
    /// Opens `path` and reads its header line. Throws CsvError when the file cannot be read, is
    /// empty, is not UTF-8 text, or its titles repeat.
    explicit CsvReader(std::filesystem::path path, CsvOptions options = {});

    const std::filesystem::path& path() const { return path_; }
    /// Column titles, surrounding white space removed.
    const std::vector<std::string>& header() const { return header_.fields; }

    /// Reads the next record into `record`; false at the end of the file. Blank lines are
    /// skipped. Throws CsvError for a record that breaks the file's rules.
    bool next(CsvRecord& record);

  private:
    bool read_record(CsvRecord& record);
    /// Appends the quoted field starting at line_[pos] to `field`, reading further lines while
    /// it continues; leaves `pos` after its closing quote.
    void read_quoted(std::string& field, std::size_t& pos, std::size_t field_number);
    /// The next physical line, its line end removed and its bytes checked; false at the end.
    bool read_line(std::string& line);
    /// Refills buf_; false at the end of the file.
    bool fill();
    /// Throws CsvError at the first byte of line_ that is not UTF-8 text.
    void check_text() const;
    void check_titles() const;
    void check_field_size(const std::string& field, std::size_t field_number,
                          std::size_t column) const;
    /// The title of the 0-based field `field_number`, for messages.
    std::string field_name(std::size_t field_number) const;
    [[noreturn]] void line_too_long() const;

    std::filesystem::path path_;
    CsvOptions options_;
    std::ifstream in_;
    std::array<char, std::size_t{64} * 1024> buf_{};
    std::size_t buf_pos_ = 0;
    std::size_t buf_end_ = 0;
    std::size_t max_line_bytes_;
    bool line_terminated_ = true;  // whether the last physical line read ended with a line end
    std::size_t line_number_ = 0;
    std::string line_;  // the physical line being read
    CsvRecord header_;
};

}  // namespace iro::importers
