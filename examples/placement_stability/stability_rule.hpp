#pragma once
// The rule itself, apart from the host: which placement moves count, and whether they call for a
// prompt. Plain functions of plain values, so they can be tested without a host.

#include <optional>
#include <vector>

#include "iro/plugin_api/case_records.hpp"
#include "iro/plugin_api/dates.hpp"

namespace placement_stability {

/// The module's configuration, read once in start().
struct Settings {
    int moves_threshold = 2;
    int window_days = 365;
    int response_working_days = 5;
};

/// What the rule found for one child as of the latest move.
struct Finding {
    iro::plugin::Date latest_move;
    int moves = 0;  ///< moves in the window ending on latest_move
};

/// The placement moves (episodes starting with RNE P, T, U or B) in the `window_days` days up to
/// and including the latest move; nullopt when there are fewer than `moves_threshold`.
std::optional<Finding> assess(const std::vector<iro::plugin::Episode>& episodes,
                              const Settings& settings);

}  // namespace placement_stability
