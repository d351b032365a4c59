#include "support/report_tables.hpp"

#include <gtest/gtest.h>

namespace iro::test {

const nlohmann::json* report_table(const nlohmann::json& report, const std::string& title) {
    for (const auto& section : report["sections"]) {
        for (const auto& table : section["tables"]) {
            if (table["title"] == title) {
                return &table;
            }
        }
    }
    ADD_FAILURE() << "no table " << title;
    return nullptr;
}

std::vector<std::string> report_rows(const nlohmann::json& report, const std::string& title,
                                     const std::vector<std::size_t>& columns) {
    std::vector<std::string> out;
    const auto* table = report_table(report, title);
    if (table == nullptr) {
        return out;
    }
    for (const auto& row : (*table)["rows"]) {
        std::string line = row["label"].get<std::string>() + ":";
        if (columns.empty()) {
            for (const auto& cell : row["cells"]) {
                line += " " + cell["text"].get<std::string>();
            }
        }
        for (const auto c : columns) {
            line += " " + row["cells"][c]["text"].get<std::string>();
        }
        out.push_back(line);
    }
    return out;
}

}  // namespace iro::test
