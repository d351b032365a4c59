#pragma once
// What a child's case file asks of the IRO and the social worker as of a day: the obligations of
// the current review cycle (and the one before, so what it left open can be closed), each with
// when its prompt opens, when it is due, and the record that satisfied it or made it lapse.
// Pure: the same file, settings and day always give the same plan.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "iro/plugin_api/services.hpp"
#include "prompt_settings.hpp"

namespace iro::midpoint_prompts {

/// Prompt kinds, as stored and listed.
inline constexpr const char* kMidpointCheck = "midpoint_check";
inline constexpr const char* kConsultation = "consultation";
inline constexpr const char* kSwReport = "sw_report";
inline constexpr const char* kReviewDue = "review_due";
inline constexpr const char* kOversightQuarter = "oversight_quarter";
inline constexpr const char* kQafOutstanding = "qaf_outstanding";

/// The record that closes an obligation, and how it should read.
struct Closing {
    std::string record_type;  ///< "note", "review", "response", "episode"
    std::string record_id;
    plugin::Date on{};
    std::string reason;
};

struct Obligation {
    std::string key;  ///< "<child>:<kind>:<cycle anchor>"
    std::string kind;
    std::string audience;
    std::vector<std::string> visible_to;
    plugin::Date opens_on{};
    plugin::Date due_on{};
    plugin::Date cycle_from{};  ///< the day of the review (or entry, or quarter) it belongs to
    nlohmann::json body;
    std::optional<Closing> satisfied_by;  ///< met: the prompt closes as done
    std::optional<Closing> lapsed_by;     ///< no longer applies: the prompt is dismissed
};

struct ChildPlan {
    std::vector<Obligation> obligations;
    /// Set when the child is not looked after (under reg. 33) as of the day: every prompt closes.
    std::optional<Closing> not_looked_after;
};

/// The plan for `file` as of `as_of`. Records dated after `as_of` are not seen.
ChildPlan plan_child(const plugin::CaseFile& file, const PromptSettings& settings,
                     const plugin::WorkingDayCalendar& calendar, plugin::Date as_of,
                     bool qaf_enabled);

/// The financial quarter holding `day` as "2019-20Q3" (Q1 = April to June).
std::string quarter_label(plugin::Date day);

}  // namespace iro::midpoint_prompts
