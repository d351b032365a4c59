#pragma once
// A plausible council of its own, for demonstrations the noisy SSDA903 sample cannot give: a few
// hundred children with sensible legal statuses, placements and ages, reviews held mostly on time
// against the reg. 33 schedule (some late, a few overdue), and participation codes that fit each
// child's age, all relative to an "as of" day so that some reviews are due soon.

#include <filesystem>
#include <vector>

#include "council.hpp"

namespace iro::sample {

/// Writes header.csv, episodes.csv and reviews.csv (SSDA903) into `dir` and returns the children
/// for write_ssd.
std::vector<Person> write_plausible_903(const std::filesystem::path& dir, std::size_t children,
                                        Date as_of, Random& random);

}  // namespace iro::sample
