#include "services/module_writeback.hpp"

#include "clock/timestamps.hpp"
#include "config/cms_templates.hpp"
#include "writeback/outbox.hpp"

namespace iro::services {

bool ModuleWriteBack::sends(std::string_view route) const {
    return cms_ && cms_->routes.find(route) != cms_->routes.end();
}

std::optional<std::string> ModuleWriteBack::queue(const plugin::WriteBackItem& item) {
    if (!sends(item.route)) {
        return std::nullopt;
    }
    if (item.child_id.empty()) {
        throw plugin::HostError("write-back refused: child_id is empty");
    }
    const writeback::Route& route = cms_->routes.find(item.route)->second;
    nlohmann::json fields = item.fields.is_object() ? item.fields : nlohmann::json::object();
    fields["child_id"] = item.child_id;
    writeback::NewItem queued{
        item.route, item.child_id, module_id_, item.source_id, route.method, {}, {}};
    try {
        queued.path = writeback::render_path(route.path, fields);
        queued.body = writeback::render_body(route.body, fields);
    } catch (const std::invalid_argument& e) {
        throw plugin::HostError("write-back route '" + item.route + "' (host configuration, " +
                                "cms.routes): " + e.what());
    }
    const auto now = clock_.now();
    return std::to_string(
        writeback::queue_item(db_, queued, clock::utc_timestamp_ms(now), clock::epoch_ms(now)));
}

}  // namespace iro::services
