#pragma once
// The module's timescales, from its configuration (the manifest's config_schema gives every
// default: York's and Leicester's practice standards, DOMAIN.md sections 2 and 3).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "iro/plugin_api/dates.hpp"

namespace iro::midpoint_prompts {

struct PromptSettings {
    int midpoint_notice_working_days = 10;      ///< a mid-point check prompt opens this early
    int first_review_midpoint_weeks = 6;        ///< after a first review, the mid-point by then
    int red_follow_up_weeks = 4;                ///< RAG red: follow-up within
    int amber_check_from_weeks = 5;             ///< RAG amber: check from ...
    int amber_check_by_weeks = 8;               ///< ... to
    int consultation_working_days_before = 15;  ///< consult child/carer and SW by then
    int sw_report_working_days_before = 3;      ///< the social worker's report by then
    int preparation_notice_working_days = 10;   ///< consultation and report prompts open this early
    int review_notice_working_days = 20;        ///< "review due in N working days" from then
    int oversight_notice_days = 30;  ///< "no oversight this quarter" this long before its end
    int qaf_within_days = 1;         ///< QAF completed within 24 hours of the review
    int decisions_within_working_days = 5;  ///< the review's decisions sent by then (Handbook)
    int record_within_working_days = 20;    ///< the full record sent by then (Handbook)
    /// Reviews held from this day on get prompts to send their decisions and record; unset, none
    /// do (the CMS must send review_record_distributed events first).
    std::optional<plugin::Date> distribution_prompts_from;
    std::string qaf_module = "qaf";
    std::string qaf_questionnaire = "york-qaf";
    std::string notes_module = "oversight-notes";  ///< whose notes count as the IRO's oversight
};

/// Reads the configuration the host validated against the manifest (and completed with its
/// defaults). Throws std::invalid_argument when a value is out of range or inconsistent.
PromptSettings settings_from(const nlohmann::json& config);

}  // namespace iro::midpoint_prompts
