#include "quality_alerts/alert_addressees.hpp"

#include "access/child_access.hpp"
#include "quality_alerts/alert_store.hpp"

namespace iro::alerts {

std::vector<plugin::AlertRecord> alerts_addressed_to(store::Database& db,
                                                     const access::Principal& principal,
                                                     plugin::Date today) {
    std::vector<plugin::AlertRecord> out;
    for (auto& alert : list_alerts(db, {"", "", true, {}, {}})) {
        const std::string& responder = alert.state.responder;
        const bool named = !principal.worker_id.empty() && responder == principal.worker_id;
        const auto role = access::role_from_string(responder);
        if (!named && !(role && principal.roles.has(*role))) {
            continue;
        }
        // The same rule that lets them open the child's records: an alert about a child they do
        // not reach (another team's, say) is not theirs.
        const auto reach = access::child_access_role(db, principal, alert.state.child_id, today);
        if (reach && (named || *reach == *role || *reach == access::Role::iro_manager)) {
            out.push_back(std::move(alert));
        }
    }
    return out;
}

}  // namespace iro::alerts
