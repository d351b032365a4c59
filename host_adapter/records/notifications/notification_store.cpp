#include "notifications/notification_store.hpp"

#include <set>
#include <stdexcept>

#include "store/conditions.hpp"

namespace iro::notifications {

namespace {

std::int64_t row_id(const std::string& id) {
    return std::stoll(id);
}

}  // namespace

std::vector<std::string> queue_notification(store::Database& db, const std::string& module_id,
                                            const plugin::NotificationDraft& draft,
                                            const std::string& created_at) {
    if (draft.child_id.empty() || draft.subject.empty() || draft.recipients.empty()) {
        throw plugin::HostError("a notification needs a child, a subject and a recipient");
    }
    for (const auto& recipient : draft.recipients) {
        if (recipient.empty()) {
            throw plugin::HostError("a notification's recipient is empty");
        }
    }
    if (!db.in_transaction()) {
        throw std::logic_error("notifications are queued inside the caller's transaction");
    }
    std::vector<std::string> ids;
    std::set<std::string, std::less<>> seen;
    for (const auto& recipient : draft.recipients) {
        if (!seen.insert(recipient).second) {
            continue;
        }
        db.cached(
              "INSERT INTO notifications (module_id, child_id, reason, recipient, subject, text, "
              "source_type, source_id, state, created_at) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)")
            .bind(1, module_id)
            .bind(2, draft.child_id)
            .bind(3, draft.reason)
            .bind(4, recipient)
            .bind(5, draft.subject)
            .bind(6, draft.text)
            .bind(7, draft.source_type)
            .bind(8, draft.source_id)
            .bind(9, created_at)
            .run();
        ids.push_back(std::to_string(db.last_insert_rowid()));
    }
    return ids;
}

std::vector<NotificationRow> list_notifications(store::Database& db,
                                                const NotificationQuery& query) {
    store::Conditions where;
    where.equal_if_set("state", query.state)
        .equal_if_set("source_type", query.source_type)
        .equal_if_set("source_id", query.source_id)
        .equal_if_set("child_id", query.child_id);
    auto s = db.prepare(
        "SELECT notification_id, module_id, child_id, reason, recipient, subject, text, "
        "source_type, source_id, state, attempts, addresses, last_error, created_at, sent_at "
        "FROM notifications" +
        where.where() + " ORDER BY notification_id");
    where.bind(s);
    std::vector<NotificationRow> rows;
    while (s.step()) {
        NotificationRow r;
        r.notification_id = std::to_string(s.integer(0));
        r.module_id = s.text(1);
        r.child_id = s.text(2);
        r.reason = s.text(3);
        r.recipient = s.text(4);
        r.subject = s.text(5);
        r.text = s.text(6);
        r.source_type = s.text(7);
        r.source_id = s.text(8);
        r.state = s.text(9);
        r.attempts = static_cast<int>(s.integer(10));
        if (!s.is_null(11)) {
            r.addresses = nlohmann::json::parse(s.text(11)).get<std::vector<std::string>>();
        }
        r.last_error = s.optional_text(12).value_or("");
        r.created_at = s.text(13);
        r.sent_at = s.optional_text(14).value_or("");
        rows.push_back(std::move(r));
    }
    return rows;
}

void mark_sent(store::Database& db, const std::string& id, const std::vector<std::string>& to,
               const std::string& at) {
    db.prepare(
          "UPDATE notifications SET state = 'sent', attempts = attempts + 1, addresses = ?, "
          "last_error = NULL, sent_at = ? WHERE notification_id = ?")
        .bind(1, nlohmann::json(to).dump())
        .bind(2, at)
        .bind(3, row_id(id))
        .run();
}

void mark_failed(store::Database& db, const std::string& id, const std::string& error) {
    db.prepare(
          "UPDATE notifications SET state = 'failed', attempts = attempts + 1, last_error = ? "
          "WHERE notification_id = ?")
        .bind(1, error)
        .bind(2, row_id(id))
        .run();
}

void mark_no_address(store::Database& db, const std::string& id) {
    db.prepare(
          "UPDATE notifications SET state = 'no_address', last_error = 'no e-mail address is "
          "configured for this recipient (notifications.addresses)' WHERE notification_id = ?")
        .bind(1, row_id(id))
        .run();
}

nlohmann::json to_json(const NotificationRow& r) {
    return {{"notification_id", r.notification_id},
            {"module_id", r.module_id},
            {"child_id", r.child_id},
            {"reason", r.reason},
            {"recipient", r.recipient},
            {"subject", r.subject},
            {"text", r.text},
            {"source_type", r.source_type},
            {"source_id", r.source_id},
            {"state", r.state},
            {"attempts", r.attempts},
            {"addresses", r.addresses},
            {"last_error", r.last_error},
            {"created_at", r.created_at},
            {"sent_at", r.sent_at}};
}

}  // namespace iro::notifications
