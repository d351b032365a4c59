#include "annual_report/disclosure_control.hpp"

#include <fmt/format.h>

#include <cstddef>
#include <utility>
#include <vector>

namespace iro::reports::annual {

namespace {

using Position = std::pair<std::size_t, std::size_t>;  // row, column

/// Parts and the total they add up to.
struct Group {
    std::vector<Position> parts;
    Position total;
};

// Every part-and-total group the table shows: along rows (columns before a total column) and
// down columns (rows above a total row).
std::vector<Group> groups(const ReportTable& table) {
    std::vector<Group> out;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        std::vector<Position> parts;
        for (std::size_t c = 0; c < table.rows[r].cells.size(); ++c) {
            if (c < table.total_columns.size() && table.total_columns[c]) {
                out.push_back({parts, {r, c}});
                parts.clear();
            } else {
                parts.emplace_back(r, c);
            }
        }
    }
    const std::size_t width = table.columns.size();
    for (std::size_t c = 0; c < width; ++c) {
        std::vector<Position> parts;
        for (std::size_t r = 0; r < table.rows.size(); ++r) {
            if (c >= table.rows[r].cells.size()) {
                continue;
            }
            if (table.rows[r].total) {
                out.push_back({parts, {r, c}});
                parts.clear();
            } else {
                parts.emplace_back(r, c);
            }
        }
    }
    return out;
}

Cell& at(ReportTable& table, Position p) {
    return table.rows[p.first].cells[p.second];
}

bool counted(const Cell& cell) {
    return cell.count.has_value();
}

// One pass of secondary suppression over one group; true when it withheld something.
bool protect(ReportTable& table, const Group& group) {
    const Cell& total = at(table, group.total);
    if (!counted(total) || total.suppressed) {
        return false;
    }
    long long hidden_sum = total.count.value_or(0);
    int hidden = 0;
    for (const auto& p : group.parts) {
        const Cell& cell = at(table, p);
        if (!counted(cell)) {
            return false;  // not a group of counts
        }
        if (cell.suppressed) {
            ++hidden;
        } else {
            hidden_sum -= *cell.count;
        }
    }
    // Safe when two or more are withheld and the total does not pin each of them down.
    if (hidden == 0 || (hidden >= 2 && hidden_sum != hidden)) {
        return false;
    }
    const Position* smallest = nullptr;
    for (const auto& p : group.parts) {
        const Cell& cell = at(table, p);
        if (!cell.suppressed && *cell.count > 0 &&
            (smallest == nullptr || *cell.count < *at(table, *smallest).count)) {
            smallest = &p;
        }
    }
    at(table, smallest != nullptr ? *smallest : group.total).suppressed = true;
    return true;
}

// A percentage rests on its row's count of the same value: withheld with it.
bool follow_counts(ReportTable& table) {
    bool changed = false;
    for (auto& row : table.rows) {
        for (auto& cell : row.cells) {
            if (cell.kind != Cell::Kind::percent || cell.suppressed || !cell.count) {
                continue;
            }
            for (const auto& other : row.cells) {
                if (other.kind == Cell::Kind::count && other.suppressed &&
                    other.count == cell.count) {
                    cell.suppressed = true;
                    changed = true;
                    break;
                }
            }
        }
    }
    return changed;
}

}  // namespace

void apply_disclosure_control(ReportTable& table, int below) {
    if (below <= 1) {
        return;
    }
    bool any = false;
    for (auto& row : table.rows) {
        for (auto& cell : row.cells) {
            if (cell.count && *cell.count >= 1 && *cell.count < below) {
                cell.suppressed = true;
                any = true;
            }
        }
    }
    if (!any) {
        return;
    }
    const auto all = groups(table);
    for (bool changed = true; changed;) {
        changed = follow_counts(table);
        for (const auto& group : all) {
            changed = protect(table, group) || changed;
        }
    }
    table.notes.push_back(fmt::format(
        "c: withheld, a count from 1 to {} or one from which such a count could be worked out.",
        below - 1));
}

void number_and_protect(AnnualReport& report, int below) {
    report.suppress_below = below;
    int number = 0;
    for (auto& section : report.sections) {
        for (auto& table : section.tables) {
            table.number = std::to_string(++number);
            apply_disclosure_control(table, below);
        }
    }
}

}  // namespace iro::reports::annual
