#pragma once
// What a child's case file asks of the IRO and the social worker as of a day: the obligations of
// the current review cycle (and the one before, so what it left open can be closed), each with
// when its prompt opens, when it is due, and the record that satisfied it or made it lapse.
// Pure: the same file, settings and day always give the same plan.

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
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
inline constexpr const char* kReviewDecisions = "review_decisions";
inline constexpr const char* kReviewRecord = "review_record";

/// The record that closes an obligation, and how it should read: the reason is written out only
/// for the few obligations a tick actually closes.
struct Closing {
    std::string_view record_type;  ///< "note", "review", "response", "episode", "module"
    std::string record_id;
    plugin::Date on{};
    std::string_view lead;  ///< the reason: lead, then the day (if any), then tail
    std::optional<plugin::Date> day;
    std::string_view tail;

    std::string reason() const;
};

/// One thing the child's file asks for. The prompt's body is not built here: a tick plans every
/// child, and raises or compares only a few of the obligations (see body_of, revision_of).
struct Obligation {
    std::string key;  ///< "<child>:<kind>:<cycle anchor>"
    std::string_view kind;
    plugin::Date opens_on{};
    plugin::Date due_on{};
    plugin::Date cycle_from{};  ///< the day of the review (or entry, or quarter) it belongs to
    // What the body says, besides the kind and the days above.
    plugin::Date next_review_due{};       ///< cycle obligations: the next review's due day
    std::string review_id;                ///< the review the cycle starts at; empty for entry
    std::string rag;                      ///< mid-point: the rating of the review, if recorded
    std::optional<Closing> satisfied_by;  ///< met: the prompt closes as done
    std::optional<Closing> lapsed_by;     ///< no longer applies: the prompt is dismissed
};

struct ChildPlan {
    std::vector<Obligation> obligations;
    /// Set when the child is not looked after (under reg. 33) as of the day: every prompt closes.
    std::optional<Closing> not_looked_after;
};

/// Who a prompt of `kind` is addressed to, and who else sees it.
struct Addressees {
    std::string_view audience;
    std::vector<std::string> visible_to;
};
Addressees addressees_of(std::string_view kind);

/// The prompt body for `o`: title, detail, and the days and ids it was worked out from.
nlohmann::json body_of(const Obligation& o, const PromptSettings& settings);

/// A digest of everything the prompt for `o` says (addressees and body): equal revisions mean
/// the stored prompt already says what a new draft would.
std::string revision_of(const Obligation& o, const PromptSettings& settings);

/// The full draft for `o` as evaluated on `as_of`.
plugin::PromptDraft draft_of(const std::string& child_id, const Obligation& o,
                             const PromptSettings& settings, plugin::Date as_of);

/// The days a plan counts with, from the host.
struct PlanCalendars {
    const plugin::WorkingDayCalendar& statutory;  ///< reg. 33 and reg. 48 dates
    const plugin::WorkingDayCalendar& practice;   ///< the council's lead times (closure days)
    bool short_breaks_reviewed = true;            ///< reg. 48 timetable for short breaks
};

/// The plan for `file` as of `as_of`. Records dated after `as_of` are not seen. `sent` is when
/// the child's reviews' decisions and records were sent (CaseRecords::review_distributions).
ChildPlan plan_child(const plugin::CaseFile& file, const PromptSettings& settings,
                     const PlanCalendars& calendars, plugin::Date as_of, bool qaf_enabled,
                     std::span<const plugin::ReviewDistribution> sent = {});

/// Whether plan_child could raise a prompt to send the decisions or record of a review in
/// `file`: a module asks for the child's distributions only then.
bool may_owe_distribution(const plugin::CaseFile& file, const PromptSettings& settings);

/// The financial quarter holding `day` as "2019-20Q3" (Q1 = April to June).
std::string quarter_label(plugin::Date day);

}  // namespace iro::midpoint_prompts
