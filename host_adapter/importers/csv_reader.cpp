#include "importers/csv_reader.hpp"

#include <algorithm>

namespace iro::importers {

namespace {
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}
}  // namespace

CsvReader::CsvReader(std::filesystem::path path)
    : path_(std::move(path)), in_(path_, std::ios::binary) {
    if (!in_) {
        throw CsvError(path_, 0, 0, "cannot be read");
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
}

bool CsvReader::read_line(std::string& line) {
    if (!std::getline(in_, line)) {
        return false;
    }
    ++line_number_;
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    return true;
}

bool CsvReader::next(CsvRecord& record) {
    while (read_record(record)) {
        const bool blank = record.fields.size() == 1 && record.fields.front().empty();
        if (!blank) {
            return true;
        }
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
            field = &start_field(record, count, pos + 2);
            was_quoted = false;
            ++pos;
        } else if (line_[pos] == '"' && field->empty() && !was_quoted) {
            read_quoted(*field, pos);
            was_quoted = true;
        } else {
            // Up to the next separator everything is literal, quotes included: the field
            // already has text.
            const auto end = std::min(line_.find(',', pos), line_.size());
            field->append(line_, pos, end - pos);
            pos = end;
        }
    }
    record.fields.resize(count);
    return true;
}

void CsvReader::read_quoted(std::string& field, std::size_t& pos) {
    const std::size_t quote_line = line_number_;
    const std::size_t quote_column = pos + 1;
    ++pos;
    for (;;) {
        if (pos >= line_.size()) {
            // The quoted field continues on the next physical line.
            if (!read_line(line_)) {
                throw CsvError(path_, quote_line, quote_column, "quoted field is never closed");
            }
            field += '\n';
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
