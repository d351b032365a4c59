#include "qaf/small_counts.hpp"

#include <algorithm>

namespace iro::reports {

namespace {

// A line of cells that add up to `total`. Returns true when it changed anything.
bool protect_line(std::vector<QafCell*> cells, QafCell* total) {
    if (total == nullptr || total->suppressed) {
        return false;
    }
    std::int64_t sum = 0;
    std::size_t hidden = 0;
    for (const auto* c : cells) {
        if (c->suppressed) {
            sum += c->count;
            ++hidden;
        }
    }
    if (hidden == 0) {
        return false;
    }
    // A reader knows each "c" is at least 1 (zeros are shown) but not that it is below the
    // threshold (it may have been withheld to protect another): only a lone one, or ones that
    // can only all be 1, are pinned down by the total.
    const bool pinned = hidden == 1 || sum == static_cast<std::int64_t>(hidden);
    if (!pinned) {
        return false;
    }
    QafCell* next = nullptr;
    for (auto* c : cells) {
        if (!c->suppressed && c->count > 0 && (next == nullptr || c->count < next->count)) {
            next = c;
        }
    }
    (next != nullptr ? next : total)->suppressed = true;
    return true;
}

void primary(QafCell& cell, int below) {
    if (cell.count >= 1 && cell.count < below) {
        cell.suppressed = true;
    }
}

}  // namespace

void suppress_small_counts(QafQuestionTable& table, int below, bool has_all_column) {
    if (below <= 1) {
        return;
    }
    std::vector<QafRow*> options;
    for (auto& row : table.rows) {
        if (!row.combined) {
            options.push_back(&row);
            for (auto& cell : row.cells) {
                primary(cell, below);
            }
        }
    }
    for (auto& cell : table.answered) {
        primary(cell, below);
    }
    const std::size_t columns = table.answered.size();
    const std::size_t groups = has_all_column ? columns - 1 : columns;
    bool changed = true;
    while (changed) {
        changed = false;
        // Down a column: single choice options add up to the answered total.
        if (table.type == questionnaires::QuestionType::single_choice) {
            for (std::size_t c = 0; c < columns; ++c) {
                std::vector<QafCell*> line;
                for (auto* row : options) {
                    line.push_back(&row->cells[c]);
                }
                changed = protect_line(line, &table.answered[c]) || changed;
            }
        }
        // Across a row: the groups add up to "All".
        if (has_all_column && groups > 0) {
            const auto across = [&](std::vector<QafCell>& cells) {
                std::vector<QafCell*> line;
                for (std::size_t c = 0; c < groups; ++c) {
                    line.push_back(&cells[c]);
                }
                return protect_line(line, &cells[groups]);
            };
            for (auto* row : options) {
                changed = across(row->cells) || changed;
            }
            changed = across(table.answered) || changed;
        }
    }
    // A withheld total hides what it would give away: the skipped count beside it.
    for (std::size_t c = 0; c < columns; ++c) {
        if (table.answered[c].suppressed) {
            table.skipped[c].suppressed = true;
        }
        primary(table.skipped[c], below);
    }
    // A combined row or a ranking shows only what its parts show.
    for (auto& row : table.rows) {
        if (!row.combined) {
            continue;
        }
        for (std::size_t c = 0; c < columns; ++c) {
            primary(row.cells[c], below);
        }
    }
    for (auto& row : table.rows) {
        if (!row.combined) {
            continue;
        }
        // With single choice the options outside the row add up to the total too, so any
        // withheld option in the column would be given away.
        const bool single = table.type == questionnaires::QuestionType::single_choice;
        for (std::size_t c = 0; c < columns; ++c) {
            for (auto* option : options) {
                const bool part =
                    ("+" + row.code + "+").find("+" + option->code + "+") != std::string::npos;
                if ((part || single) && option->cells[c].suppressed) {
                    row.cells[c].suppressed = true;
                }
            }
        }
    }
    for (auto& ranked : table.top) {
        for (auto* option : options) {
            if (option->code == ranked.code) {
                ranked.cell = option->cells.back();
            }
        }
    }
}

}  // namespace iro::reports
