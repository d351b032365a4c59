#pragma once
// A WHERE clause made of only the filters a query sets. The static form
// "(?1 = '' OR child_id = ?1)" reads well but makes SQLite scan the whole table: it plans the
// statement before it sees the value, so it cannot use the index on child_id.

#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"

namespace iro::store {

/// Filters joined by AND, with their values bound in the order they were added.
class Conditions {
  public:
    /// Adds "`column` = ?" when `value` is not empty; nothing otherwise.
    Conditions& equal_if_set(std::string_view column, std::string_view value);
    /// Adds `sql`, which holds one '?' for each of `values`, in order.
    Conditions& add(std::string sql, std::vector<std::string> values = {});

    /// " WHERE a AND b", or "" when nothing was added.
    std::string where() const;
    /// Binds the values from parameter `first` on; returns the next free parameter index.
    int bind(Statement& statement, int first = 1) const;

  private:
    std::vector<std::string> clauses_;
    std::vector<std::string> values_;
};

}  // namespace iro::store
