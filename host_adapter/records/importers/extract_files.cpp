#include "importers/extract_files.hpp"

#include <algorithm>
#include <cctype>

#include "text/ascii_case.hpp"

namespace iro::importers {

namespace fs = std::filesystem;

namespace {

bool contains(const std::vector<std::string>& items, const std::string& item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}

}  // namespace

std::map<std::string, fs::path> find_extract_files(const fs::path& dir,
                                                   const std::vector<FileSpec>& specs,
                                                   const std::string& dataset,
                                                   std::vector<ImportIssue>& fatal) {
    std::map<std::string, fs::path> found;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        fatal.push_back({dir.string(), 0, 0, "file", "", "is not a readable directory"});
        return found;
    }
    for (const auto& item : fs::directory_iterator(dir, ec)) {
        if (text::ascii_lower(item.path().extension().string()) != ".csv") {
            continue;
        }
        const auto [it, added] =
            found.emplace(text::ascii_lower(item.path().stem().string()), item.path());
        if (!added) {
            // header.csv beside HEADER.CSV: taking either would be a guess.
            const auto& [first, second] = std::minmax(it->second, item.path());
            fatal.push_back({second.string(), 0, 0, "file", "",
                             "both " + first.filename().string() + " and " +
                                 second.filename().string() +
                                 " are present and differ only in letter case: remove the one "
                                 "that is not the extract's"});
        }
    }
    for (const auto& spec : specs) {
        if (spec.required && found.count(spec.name) == 0) {
            fatal.push_back({(dir / (spec.name + ".csv")).string(), 0, 0, "file", "",
                             "required " + dataset + " file is missing (looked for " + spec.name +
                                 ".csv, any letter case)"});
        }
    }
    return found;
}

std::optional<ColumnIndex> check_header(const CsvReader& reader, const FileSpec& spec,
                                        WarningSink& warnings, std::vector<ImportIssue>& fatal) {
    ColumnIndex index;
    for (std::size_t i = 0; i < reader.header().size(); ++i) {
        index.emplace(reader.header()[i], i);
    }
    const std::string file = reader.path().string();
    bool complete = true;
    for (const auto& column : spec.columns) {
        if (index.count(column) == 0) {
            fatal.push_back(
                {file, 1, 1, "header", "",
                 "missing column " + column + " (found: " + join_titles(reader.header()) + ")"});
            complete = false;
        }
    }
    if (!complete) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < reader.header().size(); ++i) {
        const auto& title = reader.header()[i];
        if (!contains(spec.columns, title) && !contains(spec.optional_columns, title)) {
            warnings.push_back(
                {file, 1, i + 1, "header", "", "unexpected column '" + title + "' ignored"});
        }
    }
    return index;
}

std::string_view Row::field(std::size_t position) const {
    if (position >= record_.fields.size()) {
        return {};
    }
    const std::string_view value = record_.fields[position];
    const auto first = value.find_first_not_of(" \t");
    const auto last = value.find_last_not_of(" \t");
    return first == std::string_view::npos ? std::string_view()
                                           : value.substr(first, last - first + 1);
}

std::string_view Row::view(std::string_view column) const {
    const auto it = index_.find(column);
    return it == index_.end() ? std::string_view() : field(it->second);
}

std::string_view Row::view(const SpecColumn& column) const {
    return field(spec_positions_[column.number]);
}

ImportIssue Row::issue_at(std::size_t position, std::string rule, std::string child,
                          std::string message) const {
    const std::size_t column = position < record_.columns.size() ? record_.columns[position] : 1;
    return {file_, record_.line, column, std::move(rule), std::move(child), std::move(message)};
}

ImportIssue Row::issue(std::string_view column, std::string rule, std::string child,
                       std::string message) const {
    const auto it = index_.find(column);
    return issue_at(it == index_.end() ? record_.columns.size() : it->second, std::move(rule),
                    std::move(child), std::move(message));
}

ImportIssue Row::issue(const SpecColumn& column, std::string rule, std::string child,
                       std::string message) const {
    return issue_at(spec_positions_[column.number], std::move(rule), std::move(child),
                    std::move(message));
}

std::int64_t Row::column(std::string_view name) const {
    const auto it = index_.find(name);
    const std::size_t i = it == index_.end() ? record_.columns.size() : it->second;
    return static_cast<std::int64_t>(i < record_.columns.size() ? record_.columns[i] : 1);
}

int RowStager::stage(const FileSpec& spec, const fs::path& path) {
    CsvReader reader(path);
    const auto index = check_header(reader, spec, warnings_, fatal_);
    if (!index) {
        return 0;
    }
    std::vector<std::size_t> spec_positions;
    for (const auto& title : spec.columns) {
        spec_positions.push_back(index->at(title));  // check_header saw them all
    }
    insert_.emplace(db_.prepare(insert_sql(spec)));
    int rows = 0;
    CsvRecord record;
    while (reader.next(record)) {
        ++rows;
        stage_row(spec.name, Row(record, *index, spec_positions, path.string()));
    }
    insert_.reset();
    return rows;
}

bool RowStager::insert() {
    insert_->run();
    insert_->reset();
    return db_.changes() > 0;
}

std::optional<std::string> iso_or_null(const std::optional<plugin::Date>& day) {
    return day ? std::optional<std::string>(plugin::to_iso(*day)) : std::nullopt;
}

std::string join_titles(const std::vector<std::string>& items) {
    std::string text;
    for (const auto& item : items) {
        text += (text.empty() ? "" : ", ") + item;
    }
    return text;
}

}  // namespace iro::importers
