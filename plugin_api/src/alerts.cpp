#include "iro/plugin_api/alerts.hpp"

namespace iro::plugin {

nlohmann::json to_json(const AlertRecord& alert) {
    const auto& a = alert.state;
    auto day_or_null = [](const std::optional<plugin::Date>& d) {
        return d ? nlohmann::json(plugin::to_iso(*d)) : nlohmann::json(nullptr);
    };
    nlohmann::json categories = nlohmann::json::array();
    for (const auto& c : a.categories) {
        categories.push_back({{"code", c.code}, {"label", c.label}, {"group", c.group}});
    }
    nlohmann::json history = nlohmann::json::array();
    for (const auto& e : alert.history) {
        history.push_back({{"action", e.action},
                           {"actor", e.actor},
                           {"actor_role", e.actor_role},
                           {"on", plugin::to_iso(e.on)},
                           {"comment", e.comment},
                           {"stage", e.stage},
                           {"status", e.status},
                           {"due_on", day_or_null(e.due_on)},
                           {"recorded_at", e.recorded_at}});
    }
    return {{"alert_id", alert.alert_id},
            {"module_id", alert.module_id},
            {"child_id", a.child_id},
            {"kind", a.kind},
            {"categories", categories},
            {"stage", a.stage},
            {"stage_name", a.stage_name},
            {"level", a.level},
            {"status", a.status},
            {"closed", a.closed},
            {"raised_by", a.raised_by},
            {"raised_on", plugin::to_iso(a.raised_on)},
            {"responder", a.responder},
            {"copies", a.copies},
            {"due_on", day_or_null(a.due_on)},
            {"outcome", a.outcome},
            {"closed_on", day_or_null(a.closed_on)},
            {"team_id", a.team_id},
            {"body", a.body},
            {"history", history}};
}

}  // namespace iro::plugin
