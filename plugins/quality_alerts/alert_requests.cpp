#include "alert_requests.hpp"

#include "alert_categories.hpp"

namespace iro::quality_alerts {

namespace {

std::vector<std::string> text_list(const nlohmann::json& input, const char* field) {
    if (!input.contains(field)) {
        return {};
    }
    const auto& list = input.at(field);
    if (!list.is_array()) {
        throw BadField(std::string(field) + ": must be a list of strings");
    }
    std::vector<std::string> texts;
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (!list[i].is_string() || list[i].get<std::string>().empty()) {
            throw BadField(std::string(field) + "[" + std::to_string(i) +
                           "]: must be a non-empty string");
        }
        texts.push_back(list[i].get<std::string>());
    }
    return texts;
}

}  // namespace

plugin::Date day_field(const nlohmann::json& input, const char* field, plugin::Date fallback,
                       const plugin::WorkingDayCalendar& calendar) {
    if (!input.contains(field) || input.at(field).is_null()) {
        return fallback;
    }
    const auto& value = input.at(field);
    if (value.is_string()) {
        if (auto day = plugin::parse_iso_date(value.get<std::string>())) {
            // Found by fuzzing: a day like 1309-04-22 reached the calendar only when a deadline
            // was counted from it, and failed the whole request there as a host error.
            try {
                (void)calendar.is_working_day(*day);
            } catch (const plugin::HostError& e) {
                throw BadField(std::string(field) + ": " + e.what());
            }
            return *day;
        }
    }
    throw BadField(std::string(field) + ": '" +
                   (value.is_string() ? value.get<std::string>() : value.dump()) +
                   "' is not a date (YYYY-MM-DD)");
}

std::string text_field(const nlohmann::json& input, const char* field) {
    if (!input.contains(field) || input.at(field).is_null()) {
        return {};
    }
    if (!input.at(field).is_string()) {
        throw BadField(std::string(field) + ": must be a string");
    }
    return input.at(field).get<std::string>();
}

std::vector<std::string> category_codes(const std::vector<std::string>& given,
                                        const AlertSettings& settings,
                                        const std::string& other_text, const std::string& field) {
    std::vector<std::string> codes;
    for (std::size_t i = 0; i < given.size(); ++i) {
        const auto found = find_category(settings.categories, given[i]);
        if (!found) {
            throw BadField(field + "[" + std::to_string(i) + "]: '" + given[i] +
                           "' is not one of the configured issue categories (a code such as "
                           "practice_care_plan, or a label)");
        }
        if (found->code == kOther && other_text.empty()) {
            throw BadField(field + "[" + std::to_string(i) +
                           "]: 'Other' needs the issue said in other_text");
        }
        if (std::find(codes.begin(), codes.end(), found->code) == codes.end()) {
            codes.push_back(found->code);
        }
    }
    return codes;
}

AlertDraft draft_from(const nlohmann::json& input, const AlertSettings& settings,
                      const std::string& actor, plugin::Date today,
                      const plugin::WorkingDayCalendar& calendar) {
    AlertDraft d;
    d.child_id = text_field(input, "child_id");
    if (d.child_id.empty()) {
        throw BadField("child_id: the child the alert is about is required");
    }
    const std::string kind = text_field(input, "kind");
    d.kind = kind.empty() ? AlertKind::quality_issue
                          : alert_kind_from(kind).value_or(AlertKind::quality_issue);
    if (!kind.empty() && !alert_kind_from(kind)) {
        throw BadField("kind: '" + kind +
                       "' is not quality_issue, exceptional_practice or partner_agency");
    }
    d.raised_by = actor;
    d.raised_on = day_field(input, "on", today, calendar);
    if (d.raised_on > today) {
        throw BadField("on: " + plugin::to_iso(d.raised_on) + " is after today (" +
                       plugin::to_iso(today) + ")");
    }
    d.categories = category_codes(text_list(input, "categories"), settings,
                                  text_field(input, "other_text"), "categories");
    if (d.categories.empty() && d.kind != AlertKind::exceptional_practice) {
        throw BadField("categories: a quality issue needs at least one issue category");
    }
    d.description = text_field(input, "description");
    if (d.description.empty()) {
        throw BadField(
            "description: say what the problem is (or, for exceptional practice, "
            "what was exceptional)");
    }
    d.responder = text_field(input, "responder");
    d.copies = input.contains("copies") ? text_list(input, "copies") : settings.copies;
    d.stage = text_field(input, "stage");
    return d;
}

ActionRequest action_from(Action action, const nlohmann::json& input, const std::string& actor,
                          plugin::Date today, const plugin::WorkingDayCalendar& calendar) {
    ActionRequest r;
    r.action = action;
    r.actor = actor;
    r.on = day_field(input, "on", today, calendar);
    if (r.on > today) {
        throw BadField("on: " + plugin::to_iso(r.on) + " is after today (" + plugin::to_iso(today) +
                       ")");
    }
    r.comment = text_field(input, "comment");
    r.outcome = text_field(input, "outcome");
    if (input.contains("new_due_on")) {
        r.new_due_on = day_field(input, "new_due_on", today, calendar);
    }
    r.to_stage = text_field(input, "to_stage");
    return r;
}

}  // namespace iro::quality_alerts
