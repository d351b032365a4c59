#include "importers/csv_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <map>

#include "text/ascii_case.hpp"
#include "text/utf8.hpp"

namespace iro::importers {

namespace {
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
// A header line may be long (a SurveyMonkey export has a column per option), never this long.
constexpr std::size_t kMaxHeaderBytes = std::size_t{4} * 1024 * 1024;

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

// Characters (code points) of UTF-8 `text` before byte `offset`, plus one: a column a person
// counts in an editor.
std::size_t column_at(std::string_view text, std::size_t offset) {
    std::size_t column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        column += (static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U ? 1U : 0U;
    }
    return column;
}

std::string utf16_advice(std::string_view order) {
    return fmt::format(
        "the file is UTF-16 ({}), not UTF-8: save or export it as 'CSV UTF-8' and import that",
        order);
}

}  // namespace

CsvReader::CsvReader(std::filesystem::path path, CsvOptions options)
    : path_(std::move(path)),
      options_(options),
      in_(path_, std::ios::binary),
      max_line_bytes_(kMaxHeaderBytes) {
    if (!in_) {
        throw CsvError(path_, 0, 0, "cannot be read");
    }
    if (fill() && buf_end_ >= 2) {
        const auto b0 = static_cast<unsigned char>(buf_[0]);
        const auto b1 = static_cast<unsigned char>(buf_[1]);
        if (b0 == 0xFF && b1 == 0xFE) {
            throw CsvError(path_, 1, 1, utf16_advice("little-endian byte-order mark FF FE"));
        }
        if (b0 == 0xFE && b1 == 0xFF) {
            throw CsvError(path_, 1, 1, utf16_advice("big-endian byte-order mark FE FF"));
        }
    }
    if (!read_record(header_)) {
        throw CsvError(path_, 1, 1, "is empty (no header line)");
    }
    if (!header_.fields.empty() && header_.fields.front().rfind(kUtf8Bom, 0) == 0) {
        header_.fields.front().erase(0, kUtf8Bom.size());
    }
    for (auto& title : header_.fields) {
        title = trimmed(title);
    }
    if (options_.unique_titles) {
        check_titles();
    }
    // Every field within its limit, with its quotes and separator: a longer line must hold a
    // field over the limit, which read_line then names.
    max_line_bytes_ =
        (options_.max_field_bytes + 3) * std::max<std::size_t>(header_.fields.size(), 1);
}

void CsvReader::check_titles() const {
    std::map<std::string, std::size_t> seen;  // lower-case title -> 0-based column
    for (std::size_t i = 0; i < header_.fields.size(); ++i) {
        const std::string& title = header_.fields[i];
        if (title.empty()) {
            continue;
        }
        const auto [it, added] = seen.emplace(text::ascii_lower(title), i);
        if (added) {
            continue;
        }
        const std::string& first = header_.fields[it->second];
        throw CsvError(
            path_, 1, header_.columns[i],
            first == title
                ? fmt::format("column title '{}' appears twice (columns {} and {}): which one "
                              "holds the data cannot be told",
                              title, it->second + 1, i + 1)
                : fmt::format("column titles '{}' (column {}) and '{}' (column {}) differ only in "
                              "letter case: which one holds the data cannot be told",
                              first, it->second + 1, title, i + 1));
    }
}

bool CsvReader::fill() {
    if (!in_) {
        return false;
    }
    in_.read(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_pos_ = 0;
    buf_end_ = static_cast<std::size_t>(in_.gcount());
    return buf_end_ > 0;
}

bool CsvReader::read_line(std::string& line) {
    line.clear();
    bool any = false;
    for (;;) {
        if (buf_pos_ == buf_end_ && !fill()) {
            if (!any) {
                return false;
            }
            line_terminated_ = false;
            break;
        }
        any = true;
        const char* start = buf_.data() + buf_pos_;
        const auto* newline =
            static_cast<const char*>(std::memchr(start, '\n', buf_end_ - buf_pos_));
        const std::size_t length =
            newline != nullptr ? static_cast<std::size_t>(newline - start) : buf_end_ - buf_pos_;
        if (line.size() + length > max_line_bytes_) {
            line.append(start, max_line_bytes_ - line.size());
            ++line_number_;
            line_too_long();
        }
        line.append(start, length);
        buf_pos_ += length;
        if (newline != nullptr) {
            ++buf_pos_;
            line_terminated_ = true;
            break;
        }
    }
    ++line_number_;
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    check_text();
    return true;
}

void CsvReader::check_text() const {
    const std::string_view line = line_;
    std::size_t nul = 0;
    for (const char c : line) {
        nul += c == '\0' ? 1U : 0U;
    }
    if (nul > 0 && nul * 3 >= line.size()) {
        // ASCII text in UTF-16 has a zero byte beside every character.
        throw CsvError(path_, line_number_, 1, utf16_advice("zero bytes between the characters"));
    }
    for (std::size_t i = 0; i < line.size(); ++i) {
        const auto byte = static_cast<unsigned char>(line[i]);
        if (byte >= 0x20 || byte == '\t') {
            continue;
        }
        if (byte == '\r') {
            throw CsvError(path_, line_number_, column_at(line, i),
                           "a carriage return without a line feed: lines must end with LF or CR "
                           "LF (a file with CR-only line ends, as old Mac programs write, must be "
                           "saved again)");
        }
        throw CsvError(path_, line_number_, column_at(line, i),
                       fmt::format("binary content (control byte 0x{:02X}): this is not a CSV "
                                   "text file",
                                   byte));
    }
    if (const auto fault = text::find_utf8_fault(line)) {
        throw CsvError(path_, line_number_, fault->column, fault->reason);
    }
}

void CsvReader::line_too_long() const {
    // The field that outgrew its limit: count separators outside quotes up to the cut.
    std::size_t field = 0;
    std::size_t field_start = 0;
    bool quoted = false;
    for (std::size_t i = 0; i < line_.size(); ++i) {
        if (line_[i] == '"') {
            quoted = !quoted;
        } else if (line_[i] == ',' && !quoted) {
            if (i - field_start > options_.max_field_bytes) {
                break;
            }
            ++field;
            field_start = i + 1;
        }
    }
    throw CsvError(path_, line_number_, column_at(line_, field_start),
                   fmt::format("{} is longer than the limit of {} bytes a field may hold; the "
                               "line was not read further",
                               field_name(field), options_.max_field_bytes));
}

std::string CsvReader::field_name(std::size_t field_number) const {
    if (field_number < header_.fields.size() && !header_.fields[field_number].empty()) {
        return fmt::format("field {} ({})", field_number + 1, header_.fields[field_number]);
    }
    return fmt::format("field {}", field_number + 1);
}

void CsvReader::check_field_size(const std::string& field, std::size_t field_number,
                                 std::size_t column) const {
    if (field.size() > options_.max_field_bytes) {
        throw CsvError(
            path_, line_number_, column,
            fmt::format("{} is {} bytes, over the limit of {} bytes a field may hold",
                        field_name(field_number), field.size(), options_.max_field_bytes));
    }
}

bool CsvReader::next(CsvRecord& record) {
    while (read_record(record)) {
        const bool blank = record.fields.size() == 1 && record.fields.front().empty();
        if (blank) {
            continue;
        }
        const std::size_t expected = header_.fields.size();
        if (options_.rows_match_header && record.fields.size() != expected) {
            const std::size_t column =
                record.columns.empty()
                    ? 1
                    : record.columns[std::min(record.fields.size(), expected) - 1];
            if (!line_terminated_ && record.fields.size() < expected) {
                throw CsvError(path_, record.line, column,
                               fmt::format("truncated file: the last row has {} of the header's {} "
                                           "fields and no line end (the file was cut short?)",
                                           record.fields.size(), expected));
            }
            throw CsvError(
                path_, record.line, column,
                fmt::format("{} fields where the header has {}", record.fields.size(), expected));
        }
        if (!line_terminated_) {
            // A file cut inside its last field keeps the header's field count; only the missing
            // line end tells it apart from a whole row.
            throw CsvError(path_, record.line, record.columns.back(),
                           "truncated file: the last row has no line end (the file was cut "
                           "short?); if the file is whole, end its last line and import it again");
        }
        return true;
    }
    return false;
}

namespace {

// The next field of `record`, emptied: the strings of the previous record are reused, so reading
// a file allocates only while its records grow.
std::string& start_field(CsvRecord& record, std::size_t& count, std::size_t column) {
    if (count == record.fields.size()) {
        record.fields.emplace_back();
    }
    std::string& field = record.fields[count++];
    field.clear();
    record.columns.push_back(column);
    return field;
}

}  // namespace

bool CsvReader::read_record(CsvRecord& record) {
    if (!read_line(line_)) {
        return false;
    }
    record.line = line_number_;
    record.columns.clear();
    std::size_t count = 0;
    std::string* field = &start_field(record, count, 1);
    bool was_quoted = false;
    std::size_t pos = 0;
    while (pos < line_.size()) {
        if (line_[pos] == ',') {
            check_field_size(*field, count - 1, record.columns.back());
            field = &start_field(record, count, pos + 2);
            was_quoted = false;
            ++pos;
        } else if (line_[pos] == '"' && field->empty() && !was_quoted) {
            read_quoted(*field, pos, count - 1);
            was_quoted = true;
        } else {
            // Up to the next separator everything is literal, quotes included: the field
            // already has text.
            const auto end = std::min(line_.find(',', pos), line_.size());
            field->append(line_, pos, end - pos);
            pos = end;
        }
    }
    check_field_size(*field, count - 1, record.columns.back());
    record.fields.resize(count);
    return true;
}

void CsvReader::read_quoted(std::string& field, std::size_t& pos, std::size_t field_number) {
    const std::size_t quote_line = line_number_;
    const std::size_t quote_column = pos + 1;
    ++pos;
    for (;;) {
        if (pos >= line_.size()) {
            // The quoted field continues on the next physical line.
            if (!line_terminated_ || !read_line(line_)) {
                throw CsvError(path_, quote_line, quote_column,
                               line_terminated_
                                   ? "quoted field is never closed"
                                   : "truncated file: a quoted field is never closed (the file "
                                     "was cut short?)");
            }
            field += '\n';
            check_field_size(field, field_number, quote_column);
            pos = 0;
            continue;
        }
        const auto quote = line_.find('"', pos);
        if (quote == std::string::npos) {
            field.append(line_, pos);
            pos = line_.size();
            continue;
        }
        field.append(line_, pos, quote - pos);
        if (quote + 1 < line_.size() && line_[quote + 1] == '"') {
            field += '"';  // a doubled quote inside quotes is one quote
            pos = quote + 2;
            continue;
        }
        pos = quote + 1;
        return;
    }
}

}  // namespace iro::importers
