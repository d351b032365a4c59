#include "qaf/review_context.hpp"

#include "iro/plugin_api/services.hpp"

namespace iro::questionnaires {

namespace {

bool open_on(const plugin::Date& start, const std::optional<plugin::Date>& end, plugin::Date day) {
    return start <= day && (!end || day <= *end);
}

}  // namespace

int age_in_years(plugin::Date born, plugin::Date on) {
    int years = static_cast<int>(on.year()) - static_cast<int>(born.year());
    if (std::chrono::month_day{on.month(), on.day()} <
        std::chrono::month_day{born.month(), born.day()}) {
        --years;
    }
    return years;
}

std::string age_band(int years) {
    if (years < 1) {
        return "under 1";
    }
    if (years < 5) {
        return "1-4";
    }
    if (years < 10) {
        return "5-9";
    }
    if (years < 16) {
        return "10-15";
    }
    return "16 and over";
}

ReviewContext review_context(const plugin::CaseRecords& records, std::string_view review_id) {
    const auto found = records.review(review_id);
    if (!found) {
        throw plugin::HostError("review " + std::string(review_id) + " is not in the case records");
    }
    ReviewContext c;
    c.child_id = found->child_id;
    c.review_id = found->id;
    int number = 0;
    for (const auto& r : records.reviews(c.child_id)) {
        if (r.cancelled || !r.held_on) {
            if (r.id == c.review_id) {
                throw plugin::HostError("review " + c.review_id + " of child " + c.child_id +
                                        (r.cancelled ? " was cancelled" : " has not been held"));
            }
            continue;
        }
        ++number;
        if (r.id == c.review_id) {
            c.review_date = *r.held_on;
            c.facts.review_number = number;
            break;
        }
    }
    if (const auto child = records.child(c.child_id); child && child->date_of_birth) {
        const int years = age_in_years(*child->date_of_birth, c.review_date);
        c.facts.age_years = years;
        c.age_band = age_band(years);
    }
    std::string iro_team;
    for (const auto& a : records.allocations(c.child_id)) {
        if (!open_on(a.start, a.end, c.review_date)) {
            continue;
        }
        if (a.role == "iro") {
            c.iro_id = a.worker_id;
            iro_team = a.team_id;
        } else if (a.role == "social_worker") {
            c.team_id = a.team_id;
        }
    }
    if (c.team_id.empty()) {
        c.team_id = iro_team;
    }
    for (const auto& e : records.episodes(c.child_id)) {
        if (open_on(e.start, e.end, c.review_date)) {
            c.legal_status = e.legal_status;
        }
    }
    return c;
}

}  // namespace iro::questionnaires
