#include "store/conditions.hpp"

namespace iro::store {

Conditions& Conditions::equal_if_set(std::string_view column, std::string_view value) {
    if (!value.empty()) {
        clauses_.push_back(std::string(column) + " = ?");
        values_.emplace_back(value);
    }
    return *this;
}

Conditions& Conditions::add(std::string sql, std::vector<std::string> values) {
    clauses_.push_back(std::move(sql));
    for (auto& value : values) {
        values_.push_back(std::move(value));
    }
    return *this;
}

std::string Conditions::where() const {
    std::string out;
    for (const auto& clause : clauses_) {
        out += out.empty() ? " WHERE (" : " AND (";
        out += clause;
        out += ")";
    }
    return out;
}

int Conditions::bind(Statement& statement, int first) const {
    for (const auto& value : values_) {
        statement.bind(first++, value);
    }
    return first;
}

}  // namespace iro::store
