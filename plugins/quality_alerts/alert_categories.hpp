#pragma once
// The issue categories an alert carries. The default taxonomy is York's QAF question 31 in its
// three groups (Resources, Care Planning, Practice) with "Not applicable" and "Other (please
// specify)", followed by North Yorkshire's quality-alert reasons that York's list does not name
// (DOMAIN.md section 4). A council replaces it through the module's "categories" setting.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iro/plugin_api/alerts.hpp"

namespace iro::quality_alerts {

/// Codes that stand for no particular issue: left out of "top issues".
inline constexpr std::string_view kNotApplicable = "not_applicable";
inline constexpr std::string_view kOther = "other";

/// York's 25 options, then North Yorkshire's four further reasons.
std::vector<plugin::AlertCategory> default_categories();

/// The "categories" setting (an array of {code, label, group}), or the default when absent.
/// Throws std::invalid_argument naming the entry for an empty or repeated code or label.
std::vector<plugin::AlertCategory> categories_from(const nlohmann::json& config);

/// A label with dashes, quotes, white space and letter case evened out, so "Resources -
/// inappropriate placement" and "Resources – inappropriate placement" are the same option.
std::string normalised_label(std::string_view label);

/// The category whose code is `text`, or whose label matches it after normalising.
std::optional<plugin::AlertCategory> find_category(
    const std::vector<plugin::AlertCategory>& categories, std::string_view text);

}  // namespace iro::quality_alerts
