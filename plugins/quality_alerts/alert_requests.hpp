#pragma once
// What people ask of the quality-alerts module, read from a request's JSON input: each field
// checked, and a refusal naming the field and why.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "alert_lifecycle.hpp"
#include "alert_settings.hpp"
#include "iro/plugin_api/alerts.hpp"

namespace iro::quality_alerts {

/// A field of a request's input that is missing or wrong, named by its path ("categories[1]").
class BadField : public std::invalid_argument {
  public:
    using std::invalid_argument::invalid_argument;
};

/// The day in `input[field]`, or `fallback` when absent. Throws BadField, also for a day the
/// working-day calendar cannot count from (deadlines are counted in its working days).
plugin::Date day_field(const nlohmann::json& input, const char* field, plugin::Date fallback,
                       const plugin::WorkingDayCalendar& calendar);

/// The text in `input[field]`, or empty when absent. Throws BadField when it is not a string.
std::string text_field(const nlohmann::json& input, const char* field);

/// Category codes for the given codes or labels. "Other (please specify)" needs `other_text`.
/// Throws BadField naming the entry that matches no category.
std::vector<std::string> category_codes(const std::vector<std::string>& given,
                                        const AlertSettings& settings,
                                        const std::string& other_text, const std::string& field);

/// A raise_alert input as a draft, raised by `actor` on `today` unless input says otherwise.
AlertDraft draft_from(const nlohmann::json& input, const AlertSettings& settings,
                      const std::string& actor, plugin::Date today,
                      const plugin::WorkingDayCalendar& calendar);

/// An action request's input ("acknowledge_alert" and the rest) as an ActionRequest.
ActionRequest action_from(Action action, const nlohmann::json& input, const std::string& actor,
                          plugin::Date today, const plugin::WorkingDayCalendar& calendar);

}  // namespace iro::quality_alerts
