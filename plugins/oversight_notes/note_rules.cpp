#include "note_rules.hpp"

#include <chrono>

namespace iro::oversight_notes {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

plugin::Date day_of(const nlohmann::json& body, const char* field) {
    return *plugin::parse_iso_date(body.at(field).get<std::string>());
}

plugin::Date plus(plugin::Date day, int count) {
    return plugin::Date{sys_days(day) + days(count)};
}

// Whole years of age on `day`.
int age_on(plugin::Date birth, plugin::Date day) {
    int years = static_cast<int>(day.year()) - static_cast<int>(birth.year());
    if (std::chrono::month_day(day.month(), day.day()) <
        std::chrono::month_day(birth.month(), birth.day())) {
        --years;
    }
    return years;
}

class Checker {
  public:
    Checker(nlohmann::json& body, plugin::Date today) : body_(body), today_(today) {}

    // Every "YYYY-MM-DD" the schema let through must name a real day.
    bool real_days(const nlohmann::json& node, const std::string& pointer) {
        bool ok = true;
        if (node.is_string()) {
            const auto& text = node.get_ref<const std::string&>();
            if (text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                !plugin::parse_iso_date(text)) {
                breach(pointer, "'" + text + "' is not a real day");
                ok = false;
            }
        } else if (node.is_object()) {
            for (const auto& [key, value] : node.items()) {
                std::string child_pointer = pointer;
                child_pointer.append("/").append(key);
                ok = real_days(value, child_pointer) && ok;
            }
        } else if (node.is_array()) {
            for (std::size_t i = 0; i < node.size(); ++i) {
                ok = real_days(node[i], pointer + "/" + std::to_string(i)) && ok;
            }
        }
        return ok;
    }

    void not_after_today(const char* field) {
        if (day_of(body_, field) > today_) {
            breach(std::string("/") + field,
                   "the note is about " + body_[field].get<std::string>() + ", after today (" +
                       plugin::to_iso(today_) + "): oversight is recorded once it has happened");
        }
    }

    void not_before_note(const std::string& pointer, plugin::Date day) {
        const plugin::Date note = day_of(body_, "date");
        if (day < note) {
            breach(pointer,
                   plugin::to_iso(day) + " is before the note's date " + plugin::to_iso(note));
        }
    }

    void breach(std::string pointer, std::string message) {
        breaches_.push_back({std::move(pointer), std::move(message)});
    }

    std::vector<RuleBreach> take() { return std::move(breaches_); }

  private:
    nlohmann::json& body_;
    plugin::Date today_;
    std::vector<RuleBreach> breaches_;
};

void midpoint_rules(Checker& check, nlohmann::json& body, const plugin::Child& child) {
    const auto& actions = body["actions"];
    for (std::size_t i = 0; i < actions.size(); ++i) {
        check.not_before_note("/actions/" + std::to_string(i) + "/by_when",
                              day_of(actions[i], "by_when"));
    }
    // A pathway plan is for young people of 16 or over (care leavers' planning starts at 16).
    if (child.date_of_birth && age_on(*child.date_of_birth, day_of(body, "date")) < 16 &&
        body["compliance"]["pathway_plan"]["outcome"] != "not_applicable") {
        check.breach("/compliance/pathway_plan/outcome",
                     "the child is under 16 on the check's date, so a pathway plan is "
                     "not_applicable");
    }
}

void rag_rules(Checker& check, nlohmann::json& body) {
    // Leicester: red follow-up within 4 weeks of the review, amber 5 to 8 weeks after it.
    const std::string rating = body["rating"];
    const plugin::Date review = day_of(body, "date");
    if (rating == "green") {
        return;
    }
    const int earliest = rating == "red" ? 0 : 35;
    const int latest = rating == "red" ? 28 : 56;
    if (!body.contains("follow_up_by")) {
        body["follow_up_by"] = plugin::to_iso(plus(review, latest));
        return;
    }
    const plugin::Date follow = day_of(body, "follow_up_by");
    if (follow < plus(review, earliest) || follow > plus(review, latest)) {
        check.breach("/follow_up_by",
                     "a " + rating + " rating is followed up " +
                         (rating == "red" ? std::string("within 4 weeks of the review")
                                          : std::string("5 to 8 weeks after the review")) +
                         ": between " + plugin::to_iso(plus(review, earliest)) + " and " +
                         plugin::to_iso(plus(review, latest)));
    }
}

}  // namespace

plugin::Date note_day(const nlohmann::json& body) {
    return day_of(body, "date");
}

std::vector<RuleBreach> apply_rules(const std::string& kind, nlohmann::json& body,
                                    const plugin::Child& child, plugin::Date today) {
    Checker check(body, today);
    if (!check.real_days(body, "")) {
        return check.take();
    }
    check.not_after_today("date");
    if (kind == "midpoint") {
        midpoint_rules(check, body, child);
    } else if (kind == "consultation" && body.contains("review_due_on")) {
        check.not_before_note("/review_due_on", day_of(body, "review_due_on"));
    } else if (kind == "significant_change") {
        if (body["early_review_needed"] == true && !body.contains("early_review_by")) {
            check.breach("/early_review_by", "an early review is needed: say by when");
        } else if (body.contains("early_review_by")) {
            check.not_before_note("/early_review_by", day_of(body, "early_review_by"));
        }
    } else if (kind == "informal_resolution") {
        check.not_before_note("/by_when", day_of(body, "by_when"));
    } else if (kind == "rag") {
        rag_rules(check, body);
    }
    return check.take();
}

}  // namespace iro::oversight_notes
