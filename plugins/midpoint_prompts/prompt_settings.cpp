#include "prompt_settings.hpp"

#include <stdexcept>

namespace iro::midpoint_prompts {

namespace {
void read(const nlohmann::json& config, const char* name, int& into) {
    if (const auto it = config.find(name); it != config.end()) {
        into = it->get<int>();
    }
}
void read(const nlohmann::json& config, const char* name, std::string& into) {
    if (const auto it = config.find(name); it != config.end()) {
        into = it->get<std::string>();
    }
}
}  // namespace

PromptSettings settings_from(const nlohmann::json& config) {
    PromptSettings s;
    read(config, "midpoint_notice_working_days", s.midpoint_notice_working_days);
    read(config, "first_review_midpoint_weeks", s.first_review_midpoint_weeks);
    read(config, "red_follow_up_weeks", s.red_follow_up_weeks);
    read(config, "amber_check_from_weeks", s.amber_check_from_weeks);
    read(config, "amber_check_by_weeks", s.amber_check_by_weeks);
    read(config, "consultation_working_days_before", s.consultation_working_days_before);
    read(config, "sw_report_working_days_before", s.sw_report_working_days_before);
    read(config, "preparation_notice_working_days", s.preparation_notice_working_days);
    read(config, "review_notice_working_days", s.review_notice_working_days);
    read(config, "oversight_notice_days", s.oversight_notice_days);
    read(config, "qaf_within_days", s.qaf_within_days);
    read(config, "decisions_within_working_days", s.decisions_within_working_days);
    read(config, "record_within_working_days", s.record_within_working_days);
    if (const auto it = config.find("distribution_prompts_from");
        it != config.end() && !it->is_null()) {
        s.distribution_prompts_from = plugin::parse_iso_date(it->get<std::string>());
        if (!s.distribution_prompts_from) {
            throw std::invalid_argument("distribution_prompts_from: '" + it->get<std::string>() +
                                        "' is not a day of the calendar");
        }
    }
    read(config, "qaf_module", s.qaf_module);
    read(config, "qaf_questionnaire", s.qaf_questionnaire);
    read(config, "notes_module", s.notes_module);
    if (s.decisions_within_working_days > s.record_within_working_days) {
        throw std::invalid_argument(
            "decisions_within_working_days: the decisions are due (" +
            std::to_string(s.decisions_within_working_days) +
            " working days) after the full record (record_within_working_days " +
            std::to_string(s.record_within_working_days) + ")");
    }
    if (s.amber_check_from_weeks > s.amber_check_by_weeks) {
        throw std::invalid_argument("amber_check_from_weeks: the amber window opens (week " +
                                    std::to_string(s.amber_check_from_weeks) +
                                    ") after it closes (amber_check_by_weeks " +
                                    std::to_string(s.amber_check_by_weeks) + ")");
    }
    return s;
}

}  // namespace iro::midpoint_prompts
