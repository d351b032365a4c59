#pragma once
// Delivers recorded notifications by e-mail: each pending one (and each failed one with attempts
// left) goes to the addresses configured for its recipient, or is marked no_address.

#include "config/notification_config.hpp"
#include "iro/plugin_api/services.hpp"
#include "store/sqlite.hpp"

namespace iro::notifications {

struct DeliverySummary {
    int sent = 0;
    int failed = 0;
    int no_address = 0;
};

/// Sends what is due. Throws std::invalid_argument when the configuration has no smtp section.
DeliverySummary deliver_notifications(store::Database& db, const NotificationConfig& config,
                                      const plugin::Clock& clock);

}  // namespace iro::notifications
