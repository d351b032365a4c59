#include "importers/csv_reader.hpp"

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

bool CsvReader::read_record(CsvRecord& record) {
    std::string line;
    if (!read_line(line)) {
        return false;
    }
    record.line = line_number_;
    record.fields.clear();
    record.columns.clear();

    std::string field;
    std::size_t pos = 0;
    std::size_t field_start = 1;
    bool in_quotes = false;
    bool was_quoted = false;
    std::size_t quote_line = 0;
    std::size_t quote_column = 0;
    for (;;) {
        if (pos >= line.size()) {
            if (in_quotes) {
                // The quoted field continues on the next physical line.
                std::string more;
                if (!read_line(more)) {
                    throw CsvError(path_, quote_line, quote_column, "quoted field is never closed");
                }
                field += '\n';
                line = std::move(more);
                pos = 0;
                continue;
            }
            record.fields.push_back(std::move(field));
            record.columns.push_back(field_start);
            return true;
        }
        const char c = line[pos];
        if (in_quotes) {
            if (c == '"') {
                if (pos + 1 < line.size() && line[pos + 1] == '"') {
                    field += '"';
                    pos += 2;
                    continue;
                }
                in_quotes = false;
            } else {
                field += c;
            }
            ++pos;
            continue;
        }
        if (c == ',') {
            record.fields.push_back(std::move(field));
            record.columns.push_back(field_start);
            field.clear();
            was_quoted = false;
            field_start = pos + 2;
        } else if (c == '"' && field.empty() && !was_quoted) {
            in_quotes = true;
            was_quoted = true;
            quote_line = line_number_;
            quote_column = pos + 1;
        } else {
            field += c;
        }
        ++pos;
    }
}

}  // namespace iro::importers
