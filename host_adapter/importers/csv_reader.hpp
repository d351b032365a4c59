#pragma once
// A streaming CSV reader for the files councils export: UTF-8 with or without a byte-order mark,
// CRLF or LF line ends, RFC 4180 quoting (doubled quotes, separators and line breaks inside
// quotes). Memory stays proportional to one record, whatever the file's size.

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace iro::importers {

/// A problem that stops reading a file; what() is "file:line:column: message".
class CsvError : public std::runtime_error {
  public:
    CsvError(const std::filesystem::path& file, std::size_t line, std::size_t column,
             const std::string& message)
        : std::runtime_error(file.string() + ":" + std::to_string(line) + ":" +
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
/// (in characters of the line, counting from the start of the field's text).
struct CsvRecord {
    std::size_t line = 0;
    std::vector<std::string> fields;
    std::vector<std::size_t> columns;
};

class CsvReader {
  public:
    /// Opens `path` and reads its header line. Throws CsvError when the file cannot be read or is
    /// empty.
    explicit CsvReader(std::filesystem::path path);

    const std::filesystem::path& path() const { return path_; }
    /// Column titles, surrounding white space removed.
    const std::vector<std::string>& header() const { return header_.fields; }

    /// Reads the next record into `record`; false at the end of the file. Blank lines are
    /// skipped. Throws CsvError for an unterminated quoted field.
    bool next(CsvRecord& record);

  private:
    bool read_record(CsvRecord& record);
    /// Appends the quoted field starting at line_[pos] to `field`, reading further lines while
    /// it continues; leaves `pos` after its closing quote.
    void read_quoted(std::string& field, std::size_t& pos);
    bool read_line(std::string& line);

    std::filesystem::path path_;
    std::ifstream in_;
    std::size_t line_number_ = 0;
    std::string line_;  // the physical line being read
    CsvRecord header_;
};

}  // namespace iro::importers
