// iro-host outbox list|show|retry|purge-delivered|deliver: what is waiting for, was delivered to,
// or was refused by the council's CMS.

#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "clock/timestamps.hpp"
#include "control/control_client.hpp"
#include "writeback/deliverer.hpp"
#include "writeback/outbox.hpp"

namespace iro::cli {

namespace {

std::string when(std::int64_t ms) {
    return clock::utc_timestamp(
        std::chrono::system_clock::time_point(std::chrono::milliseconds(ms)));
}

void print_items(const std::vector<writeback::OutboxItem>& items, const nlohmann::json& counts) {
    std::cout << fmt::format("{:<6} {:<9} {:<10} {:<12} {:<8} {:<22} {}\n", "ITEM", "STATE",
                             "CHILD", "SOURCE", "TRIES", "NEXT / DONE", "LAST ERROR");
    for (const auto& i : items) {
        const std::string at = i.state == "pending"
                                   ? when(i.next_attempt_ms)
                                   : i.delivered_at.value_or(i.last_attempt_at.value_or("-"));
        std::cout << fmt::format("{:<6} {:<9} {:<10} {:<12} {:<8} {:<22} {}\n", i.item_id, i.state,
                                 i.child_id, i.source_id, i.attempts, at,
                                 i.last_error.value_or("-"));
    }
    std::cout << fmt::format("\nOutbox: {} pending, {} delivered, {} dead.\n",
                             counts["pending"].get<int>(), counts["delivered"].get<int>(),
                             counts["dead"].get<int>());
}

std::int64_t item_id(const std::string& text) {
    try {
        std::size_t used = 0;
        const auto id = std::stoll(text, &used);
        if (used == text.size() && id > 0) {
            return id;
        }
    } catch (const std::exception&) {
        // reported below
    }
    throw std::invalid_argument("'" + text + "' is not an outbox item id");
}

}  // namespace

void add_outbox_commands(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    auto* outbox = app.add_subcommand("outbox", "Items for the council's case-management system");
    outbox->require_subcommand(1);

    struct Args {
        std::string state;
        std::string child;
        int limit = 50;
        std::string item;
        bool all_dead = false;
        std::string before;
        int wait_seconds = 0;
    };
    auto args = std::make_shared<Args>();
    auto on_store = [&options, &exit_code](const std::function<int(store::Database&)>& body) {
        exit_code = run_guarded([&] { return with_store(options, body); });
    };

    auto* list = outbox->add_subcommand("list", "Items, newest first");
    list->add_option("--state", args->state, "pending, delivered or dead")
        ->check(CLI::IsMember({"pending", "delivered", "dead"}));
    list->add_option("--child", args->child, "Only this child's items");
    list->add_option("--limit", args->limit, "At most this many (default 50)")
        ->check(CLI::Range(1, 100000));
    list->callback([&options, args, on_store] {
        on_store([&](store::Database& db) {
            const auto items = writeback::list_items(db, {args->state, args->child, args->limit});
            if (options.json) {
                nlohmann::json out = nlohmann::json::array();
                for (const auto& i : items) {
                    out.push_back(writeback::to_json(i, false));
                }
                std::cout << nlohmann::json{{"items", out},
                                            {"counts", writeback::count_by_state(db)}}
                                 .dump(2)
                          << "\n";
            } else {
                print_items(items, writeback::count_by_state(db));
            }
            return 0;
        });
    });

    auto* show = outbox->add_subcommand("show", "One item: what was sent and what came back");
    show->add_option("item", args->item, "Outbox item id")->required();
    show->callback([args, on_store] {
        on_store([&](store::Database& db) {
            const auto item = writeback::find_item(db, item_id(args->item));
            if (!item) {
                throw std::invalid_argument("there is no outbox item " + args->item);
            }
            std::cout << writeback::to_json(*item, true).dump(2) << "\n";
            return 0;
        });
    });

    auto* retry = outbox->add_subcommand(
        "retry", "Send a dead item again (or a waiting one now), keeping its idempotency key");
    retry->add_option("item", args->item, "Outbox item id");
    retry->add_flag("--all-dead", args->all_dead, "Every dead item");
    retry->callback([&options, args, on_store] {
        on_store([&](store::Database& db) {
            if (args->item.empty() == !args->all_dead) {
                throw std::invalid_argument("name one item, or give --all-dead");
            }
            const auto config = config::resolve_host_config(options.overrides);
            const auto now = clock::epoch_ms(std::chrono::system_clock::now());
            const int requeued = writeback::retry_items(
                db, args->all_dead ? std::nullopt : std::optional(item_id(args->item)), now);
            if (!args->all_dead && requeued == 0) {
                throw std::invalid_argument("outbox item " + args->item +
                                            " does not exist or was already delivered");
            }
            std::cout << fmt::format("{} item(s) put back in their child's queue.\n", requeued);
            control::ask_running_host(config.control_socket_path(), {{"op", "outbox.deliver"}});
            return 0;
        });
    });

    auto* purge = outbox->add_subcommand(
        "purge-delivered", "Delete delivered items (the notes they carried are kept)");
    purge->add_option("--before", args->before,
                      "Only items delivered before this instant (e.g. 2026-01-01T00:00:00Z)");
    purge->callback([args, on_store] {
        on_store([&](store::Database& db) {
            const int purged = writeback::purge_delivered(db, args->before);
            std::cout << fmt::format("{} delivered item(s) purged.\n", purged);
            return 0;
        });
    });

    auto* deliver = outbox->add_subcommand(
        "deliver", "Send what is due now (the serving host does this by itself)");
    deliver
        ->add_option("--wait", args->wait_seconds,
                     "Keep going through backoffs for up to this many seconds")
        ->check(CLI::Range(0, 86400));
    deliver->callback([&options, &exit_code, args] {
        exit_code = run_guarded([&] {
            const auto config = config::resolve_host_config(options.overrides);
            if (!config.cms) {
                throw std::invalid_argument(
                    "write-back to the CMS is not configured (the host configuration's cms "
                    "section)");
            }
            // Two deliverers would race for the same items: leave it to the serving host.
            if (auto answer = control::ask_running_host(config.control_socket_path(),
                                                        {{"op", "outbox.deliver"}})) {
                std::cout << fmt::format("The running host (pid {}) is delivering the outbox.\n",
                                         answer->value("pid", 0));
                return 0;
            }
            const auto clock = config::council_clock(config);
            auto db = open_store(config, clock);
            writeback::Deliverer deliverer(db, *config.cms, clock);
            const auto stats = writeback::deliver_until_idle(
                deliverer, clock, std::chrono::seconds(args->wait_seconds));
            const auto counts = writeback::count_by_state(db);
            std::cout << fmt::format(
                "Attempts {}: delivered {}, to retry {}, dead {}. Outbox: {} pending, {} "
                "delivered, {} dead.\n",
                stats.attempts, stats.delivered, stats.retried, stats.dead,
                counts["pending"].get<int>(), counts["delivered"].get<int>(),
                counts["dead"].get<int>());
            return 0;
        });
    });
}

}  // namespace iro::cli
