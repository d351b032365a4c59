#include "alert_import.hpp"

#include <set>

#include "alert_requests.hpp"

namespace iro::quality_alerts {

namespace {

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find(';', start), text.size());
        std::string item = text.substr(start, end - start);
        item.erase(0, item.find_first_not_of(" \t"));
        item.erase(item.find_last_not_of(" \t") + 1);
        if (!item.empty()) {
            items.push_back(std::move(item));
        }
        start = end + 1;
    }
    return items;
}

}  // namespace

std::vector<ImportStep> plan_import(const nlohmann::json& input, const AlertSettings& settings,
                                    const plugin::WorkingDayCalendar& calendar,
                                    plugin::Date today) {
    const std::string source = input.value("source", std::string("import"));
    std::vector<ImportStep> steps;
    std::map<std::string, Alert, std::less<>> alerts;
    std::set<std::string, std::less<>> failed_refs;  // one problem per alert is enough
    std::string problems;
    int problem_count = 0;
    for (const auto& row : input.at("rows")) {
        const int line = row.value("line", 0);
        const std::string where = source + " line " + std::to_string(line);
        try {
            ImportStep step;
            step.line = line;
            step.ref = text_field(row, "ref");
            if (step.ref.empty()) {
                throw BadField("ref: each row names the alert it belongs to");
            }
            if (failed_refs.count(step.ref) != 0) {
                continue;  // its raise was refused already
            }
            const std::string actor = text_field(row, "actor");
            if (actor.empty()) {
                throw BadField("actor: who did it is required");
            }
            const std::string action = text_field(row, "action");
            if (action == "raise") {
                if (alerts.count(step.ref) != 0) {
                    throw BadField("ref: '" + step.ref + "' is raised twice in the file");
                }
                nlohmann::json fields = row;
                fields["categories"] = split_list(text_field(row, "categories"));
                step.raise = true;
                step.draft = draft_from(fields, settings, actor, today, calendar);
                alerts.emplace(step.ref, raise_alert(step.draft, settings.ladder, calendar));
            } else {
                const auto parsed = action_from_name(action);
                if (!parsed || *parsed == Action::raise) {
                    throw BadField("action: '" + action +
                                   "' is not raise, acknowledge, respond, resolve, escalate, "
                                   "extend or withdraw");
                }
                const auto alert = alerts.find(step.ref);
                if (alert == alerts.end()) {
                    throw BadField("ref: '" + step.ref +
                                   "' has not been raised on an earlier line");
                }
                step.request = action_from(*parsed, row, actor, today, calendar);
                alert->second = apply(alert->second, step.request, settings.ladder, calendar);
                // Who did it in the tracker; the history's actor is whoever imports it.
                auto& comment = step.request.comment;
                comment += comment.empty() ? "[from " : " [from ";
                comment += where;
                comment += ", by ";
                comment += actor;
                comment += "]";
            }
            steps.push_back(std::move(step));
        } catch (const std::invalid_argument& e) {
            if (const auto ref = row.value("ref", std::string()); !ref.empty()) {
                failed_refs.insert(ref);
            }
            if (++problem_count <= 50) {
                problems += "\n  " + where + ": " + e.what();
            }
        }
    }
    if (problem_count > 0) {
        throw ImportRefused(std::to_string(problem_count) + " row(s) of " + source +
                            " refused; nothing was imported:" + problems +
                            (problem_count > 50 ? "\n  ..." : ""));
    }
    return steps;
}

}  // namespace iro::quality_alerts
