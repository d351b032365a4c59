#include "stability_rule.hpp"

#include <algorithm>
#include <chrono>

namespace placement_stability {

namespace {

// SSDA903 reason for new episode: P placement change; T, U, B placement and legal status together.
bool is_move(const iro::plugin::Episode& episode) {
    const auto& rne = episode.reason_new_episode;
    return rne == "P" || rne == "T" || rne == "U" || rne == "B";
}

}  // namespace

std::optional<Finding> assess(const std::vector<iro::plugin::Episode>& episodes,
                              const Settings& settings) {
    std::optional<iro::plugin::Date> latest;
    for (const auto& episode : episodes) {
        if (is_move(episode) && (!latest || *latest < episode.start)) {
            latest = episode.start;
        }
    }
    if (!latest) {
        return std::nullopt;
    }
    const auto window_start =
        std::chrono::sys_days{*latest} - std::chrono::days{settings.window_days};
    const auto moves = std::count_if(episodes.begin(), episodes.end(), [&](const auto& episode) {
        return is_move(episode) && std::chrono::sys_days{episode.start} > window_start;
    });
    if (moves < settings.moves_threshold) {
        return std::nullopt;
    }
    return Finding{*latest, static_cast<int>(moves)};
}

}  // namespace placement_stability
