#include "notifications/notification_delivery.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

#include "clock/timestamps.hpp"
#include "notifications/notification_store.hpp"
#include "notifications/smtp_sender.hpp"

namespace iro::notifications {

DeliverySummary deliver_notifications(store::Database& db, const NotificationConfig& config,
                                      const plugin::Clock& clock) {
    if (!config.smtp) {
        throw std::invalid_argument(
            "no mail server is configured (notifications.smtp in the host configuration): "
            "notifications are recorded but not sent");
    }
    DeliverySummary summary;
    auto due = list_notifications(db, {"pending", "", "", ""});
    for (auto& failed : list_notifications(db, {"failed", "", "", ""})) {
        if (failed.attempts < config.smtp->max_attempts) {
            due.push_back(std::move(failed));
        }
    }
    for (const auto& n : due) {
        const auto addresses = config.addresses.find(n.recipient);
        if (addresses == config.addresses.end()) {
            mark_no_address(db, n.notification_id);
            ++summary.no_address;
            continue;
        }
        try {
            send_mail(*config.smtp,
                      {addresses->second, n.subject, n.text, "notification-" + n.notification_id},
                      clock.now());
            mark_sent(db, n.notification_id, addresses->second, clock::utc_timestamp(clock.now()));
            ++summary.sent;
        } catch (const SendFailed& e) {
            mark_failed(db, n.notification_id, e.what());
            spdlog::warn("notification={} event=send_failed error=\"{}\"", n.notification_id,
                         e.what());
            ++summary.failed;
        }
    }
    return summary;
}

}  // namespace iro::notifications
