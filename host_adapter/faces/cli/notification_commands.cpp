// iro-host notifications list|send: what modules told people (copies of quality alerts,
// escalations), and sending what is pending by e-mail through the configured mail server.

#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "notifications/notification_delivery.hpp"
#include "notifications/notification_store.hpp"

namespace iro::cli {

void add_notification_commands(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    auto* notifications =
        app.add_subcommand("notifications", "Notifications to people, and sending them by e-mail");
    notifications->require_subcommand(1);

    struct Args {
        std::string state;
        std::string alert;
        std::string child;
    };
    auto args = std::make_shared<Args>();
    auto* list = notifications->add_subcommand("list", "Recorded notifications, oldest first");
    list->add_option("--state", args->state, "pending, sent, no_address or failed")
        ->check(CLI::IsMember({"pending", "sent", "no_address", "failed"}));
    list->add_option("--alert", args->alert, "Only those about this alert");
    list->add_option("--child", args->child, "Only those about this child");
    list->callback([&options, &exit_code, args] {
        exit_code = with_store(options, [&](store::Database& db) {
            const auto rows = notifications::list_notifications(
                db, {args->state, args->alert.empty() ? "" : "alert", args->alert, args->child});
            if (options.json) {
                nlohmann::json out = nlohmann::json::array();
                for (const auto& r : rows) {
                    out.push_back(notifications::to_json(r));
                }
                std::cout << out.dump(2) << "\n";
                return 0;
            }
            std::cout << fmt::format("{:<5} {:<10} {:<18} {:<10} {:<8} {}\n", "ID", "STATE",
                                     "RECIPIENT", "REASON", "ALERT", "SUBJECT");
            for (const auto& r : rows) {
                std::cout << fmt::format("{:<5} {:<10} {:<18} {:<10} {:<8} {}\n", r.notification_id,
                                         r.state, r.recipient, r.reason, r.source_id, r.subject);
            }
            std::cout << fmt::format("\n{} notification(s).\n", rows.size());
            return 0;
        });
    });

    auto* send = notifications->add_subcommand(
        "send", "Send pending notifications (and failed ones with attempts left) by e-mail");
    send->callback([&options, &exit_code] {
        exit_code = with_store(options, [&](store::Database& db) {
            const auto config = config::resolve_host_config(options.overrides);
            const auto clock = config::council_clock(config);
            const auto summary =
                notifications::deliver_notifications(db, config.notifications, clock);
            if (options.json) {
                std::cout << nlohmann::json{{"sent", summary.sent},
                                            {"failed", summary.failed},
                                            {"no_address", summary.no_address}}
                                 .dump(2)
                          << "\n";
            } else {
                std::cout << fmt::format(
                    "Sent {}; failed {} (tried again by the next send); no address configured "
                    "for {}.\n",
                    summary.sent, summary.failed, summary.no_address);
            }
            return summary.failed > 0 ? kExitFailed : 0;
        });
    });
}

}  // namespace iro::cli
