#include "alert_categories.hpp"

#include <set>
#include <stdexcept>

#include "iro/plugin_api/text_match.hpp"

namespace iro::quality_alerts {

std::vector<plugin::AlertCategory> default_categories() {
    // Labels exactly as York's 2015/16 table prints them, hyphens and en dashes as found
    // (research/seed-001-part2.md section 1.3); matching evens the dashes out.
    return {
        {"not_applicable", "Not applicable", "Not applicable"},
        {"resources_placement", "Resources - inappropriate placement", "Resources"},
        {"resources_contact", "Resources – contact arrangements unsuitable/inadequate",
         "Resources"},
        {"resources_health", "Resources – inadequate health provision", "Resources"},
        {"resources_education", "Resources – inadequate education provision", "Resources"},
        {"resources_emotional_wellbeing", "Resources – inadequate emotional wellbeing provision",
         "Resources"},
        {"care_planning_cse", "Care Planning – inadequate risk management of CSE", "Care Planning"},
        {"care_planning_missing", "Care Planning – inadequate risk management of missing/absence",
         "Care Planning"},
        {"care_planning_family_finding", "Care Planning – Family Finding (Adoption)",
         "Care Planning"},
        {"care_planning_legal_status", "Care Planning – Achieving Legal Status change",
         "Care Planning"},
        {"care_planning_permanence", "Care Planning – Planning for Permanence", "Care Planning"},
        {"care_planning_permanent_placement", "Care Planning – Securing a permanent placement",
         "Care Planning"},
        {"practice_decisions_not_implemented",
         "Practice - LACR Decisions not implemented/complied with", "Practice"},
        {"practice_childs_voice", "Practice - Insufficient evidence of child's voice", "Practice"},
        {"practice_sw_allocation", "Practice – No/delay in allocating Social Worker", "Practice"},
        {"practice_statutory_visits", "Practice - Statutory Visits not within timescales",
         "Practice"},
        {"practice_assessment", "Practice - No/poor quality assessment of need", "Practice"},
        {"practice_placement_plan", "Practice – No/poor quality Placement Plan", "Practice"},
        {"practice_care_plan", "Practice – No/poor quality Care Plan", "Practice"},
        {"practice_pathway_plan", "Practice – No/poor quality Pathway Plan", "Practice"},
        {"practice_health_assessment", "Practice – No/poor quality Health Assessment", "Practice"},
        {"practice_pep", "Practice – No/poor quality PEP", "Practice"},
        {"practice_life_story_work", "Practice – No/poor quality Life Story Work", "Practice"},
        {"practice_lacr_preparation", "Practice – Inadequate preparation for LACR", "Practice"},
        {"other", "Other (please specify)", "Other"},
        // North Yorkshire's 2014/15 reasons (seed 003, L277-285) beyond York's list.
        {"review_decisions_not_acted_on", "Decisions of review not acted on", "North Yorkshire"},
        {"pre_meeting_report_not_available", "Pre meeting report not available", "North Yorkshire"},
        {"records_not_up_to_date", "Assessment and progress records not up to date",
         "North Yorkshire"},
        {"life_story_work_not_progressed", "Life story work not being progressed",
         "North Yorkshire"},
    };
}

std::vector<plugin::AlertCategory> categories_from(const nlohmann::json& config) {
    if (!config.contains("categories")) {
        return default_categories();
    }
    std::vector<plugin::AlertCategory> categories;
    std::set<std::string, std::less<>> codes;
    std::set<std::string, std::less<>> labels;
    const auto& list = config.at("categories");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto& entry = list[i];
        plugin::AlertCategory c{entry.value("code", std::string()),
                                entry.value("label", std::string()),
                                entry.value("group", std::string())};
        const std::string where = "categories[" + std::to_string(i) + "]";
        if (c.code.empty() || c.label.empty()) {
            throw std::invalid_argument(where + ": a category needs a code and a label");
        }
        if (!codes.insert(c.code).second) {
            throw std::invalid_argument(where + ".code: '" + c.code + "' is used twice");
        }
        if (!labels.insert(normalised_label(c.label)).second) {
            throw std::invalid_argument(where + ".label: '" + c.label + "' is used twice");
        }
        categories.push_back(std::move(c));
    }
    if (categories.empty()) {
        throw std::invalid_argument("categories: the list is empty");
    }
    return categories;
}

std::string normalised_label(std::string_view label) {
    return plugin::normalised_text(label);
}

std::optional<plugin::AlertCategory> find_category(
    const std::vector<plugin::AlertCategory>& categories, std::string_view text) {
    const std::string wanted = normalised_label(text);
    for (const auto& c : categories) {
        if (c.code == text || normalised_label(c.label) == wanted) {
            return c;
        }
    }
    return std::nullopt;
}

}  // namespace iro::quality_alerts
