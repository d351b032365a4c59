#pragma once
// The notifications table: one row per recipient, written in the unit of work of what it reports
// (joining the caller's transaction) and delivered afterwards by notification_delivery.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "iro/plugin_api/services.hpp"
#include "store/sqlite.hpp"

namespace iro::notifications {

/// A stored notification.
struct NotificationRow {
    std::string notification_id;
    std::string module_id;
    std::string child_id;
    std::string reason;
    std::string recipient;
    std::string subject;
    std::string text;
    std::string source_type;
    std::string source_id;
    std::string state;  ///< pending, sent, no_address, failed
    int attempts = 0;
    std::vector<std::string> addresses;  ///< where it went, once sent
    std::string last_error;
    std::string created_at;
    std::string sent_at;
};

/// Records one row per recipient (duplicates dropped) and returns their ids. Throws
/// plugin::HostError, before writing, for a draft with no child, subject or recipient.
std::vector<std::string> queue_notification(store::Database& db, const std::string& module_id,
                                            const plugin::NotificationDraft& draft,
                                            const std::string& created_at);

/// What a listing selects; empty fields select everything.
struct NotificationQuery {
    std::string state;
    std::string source_type;
    std::string source_id;
    std::string child_id;
};

/// Matching notifications, oldest first.
std::vector<NotificationRow> list_notifications(store::Database& db,
                                                const NotificationQuery& query);

/// Marks the outcome of one delivery attempt.
void mark_sent(store::Database& db, const std::string& id, const std::vector<std::string>& to,
               const std::string& at);
void mark_failed(store::Database& db, const std::string& id, const std::string& error);
void mark_no_address(store::Database& db, const std::string& id);

nlohmann::json to_json(const NotificationRow& row);

}  // namespace iro::notifications
