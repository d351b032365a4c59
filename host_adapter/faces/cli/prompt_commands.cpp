// iro-host prompts list|show|ack|done|dismiss: what modules ask of IROs and social workers. People
// act on a prompt as the worker named by --actor, under the rules of prompts/who_may_act.hpp
// that the HTTP service applies too.

#include <fmt/format.h>

#include <iostream>

#include "access/child_access.hpp"
#include "calendar/working_day_calendar.hpp"
#include "cli/commands.hpp"
#include "clock/timestamps.hpp"
#include "midpoint_prompts/prompt_store.hpp"
#include "midpoint_prompts/tick_run.hpp"
#include "midpoint_prompts/who_may_act.hpp"

namespace iro::cli {

namespace {

// "in 4 working days", "today", "3 working days overdue".
std::string due_text(const plugin::PromptRecord& p, plugin::Date as_of,
                     const plugin::WorkingDayCalendar& calendar) {
    if (p.closure) {
        return std::string(plugin::to_string(p.state)) + " " + plugin::to_iso(p.closure->closed_on);
    }
    const int n = calendar.working_days_between(as_of, p.due_on);
    if (n == 0) {
        return p.due_on == as_of ? "due today" : "due by the next working day";
    }
    return n > 0 ? fmt::format("in {} working day{}", n, n == 1 ? "" : "s")
                 : fmt::format("{} working day{} overdue", -n, n == -1 ? "" : "s");
}

void print_rows(const std::vector<prompts::PromptRow>& rows, plugin::Date as_of,
                const plugin::WorkingDayCalendar& calendar, std::size_t limit) {
    std::cout << fmt::format("{:<7} {:<9} {:<17} {:<11} {:<13} {:<26} {:<9} {:<8} {}\n", "PROMPT",
                             "CHILD", "KIND", "DUE", "STATE", "WHEN", "IRO", "TEAM", "TITLE");
    std::size_t shown = 0;
    for (const auto& row : rows) {
        if (shown++ == limit) {
            break;
        }
        const auto& p = row.prompt;
        std::cout << fmt::format(
            "{:<7} {:<9} {:<17} {:<11} {:<13} {:<26} {:<9} {:<8} {}\n", p.prompt_id, p.child_id,
            p.kind, plugin::to_iso(p.due_on), plugin::to_string(p.state),
            due_text(p, as_of, calendar), row.iro_id.empty() ? "-" : row.iro_id,
            row.team_id.empty() ? "-" : row.team_id, p.body.value("title", ""));
    }
    std::cout << fmt::format("\n{} prompt(s){}; working days counted from {}.\n", rows.size(),
                             rows.size() > limit ? fmt::format(", first {} shown", limit) : "",
                             plugin::to_iso(as_of));
}

}  // namespace

void add_prompt_commands(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    auto* prompts = app.add_subcommand("prompts", "What modules ask of IROs and social workers");
    prompts->require_subcommand(1);

    struct Args {
        prompts::PromptQuery query;
        std::string as_of;
        std::size_t limit = 50;
        std::string id;
        std::string text;
    };
    auto args = std::make_shared<Args>();
    args->query.state = "open";

    auto* list = prompts->add_subcommand("list", "Prompts, soonest due first");
    list->add_option("--child", args->query.child_id, "One child's prompts");
    list->add_option("--iro", args->query.iro_id, "Prompts of children this IRO holds now");
    list->add_option("--team", args->query.team_id,
                     "Prompts of children whose social worker is in this team");
    list->add_option("--kind", args->query.kind, "One kind, e.g. midpoint_check");
    list->add_option("--state", args->query.state,
                     "open (the default: open or acknowledged), closed, all, or one state")
        ->check(CLI::IsMember({"open", "closed", "all", "acknowledged", "done", "dismissed"}));
    list->add_option("--as-of", args->as_of,
                     "Count working days from this day (default: the latest tick's, else today)");
    list->add_option("--limit", args->limit, "Rows to print (default 50; JSON lists all)");
    list->callback([&options, &exit_code, args] {
        exit_code = run_guarded([&] {
            const auto config = config::resolve_host_config(options.overrides);
            const auto clock = config::council_clock(config);
            auto db = open_store(config, clock);
            auto query = args->query;
            if (query.state == "all") {
                query.state.clear();
            }
            const auto rows = prompts::list_prompts(db, query);
            if (options.json) {
                nlohmann::json out = nlohmann::json::array();
                for (const auto& row : rows) {
                    auto j = prompts::to_json(row.prompt);
                    j["iro_id"] = row.iro_id;
                    j["social_worker_id"] = row.social_worker_id;
                    j["team_id"] = row.team_id;
                    out.push_back(std::move(j));
                }
                std::cout << out.dump(2) << "\n";
                return 0;
            }
            const plugin::Date as_of = args->as_of.empty()
                                           ? prompts::latest_tick(db).value_or(clock.today())
                                           : resolve_as_of(args->as_of, clock);
            const calendar::EnglandWalesCalendar calendar(config.closure_days);
            print_rows(rows, as_of, calendar, args->limit);
            return 0;
        });
    });

    auto* show = prompts->add_subcommand("show", "One prompt with its history");
    show->add_option("prompt", args->id, "Prompt id")->required();
    show->callback([&options, &exit_code, args] {
        exit_code = with_store(options, [&](store::Database& db) {
            const auto p = prompts::find_prompt(db, args->id);
            if (!p) {
                throw std::invalid_argument("there is no prompt " + args->id);
            }
            auto j = prompts::to_json(*p);
            j["history"] = prompts::prompt_history(db, p->prompt_id);
            std::cout << j.dump(2) << "\n";
            return 0;
        });
    });

    const auto add_action = [&](const char* name, const char* help, prompts::PersonAction action) {
        auto* cmd = prompts->add_subcommand(name, help);
        cmd->add_option("prompt", args->id, "Prompt id")->required();
        if (action == prompts::PersonAction::dismiss) {
            cmd->add_option("--reason", args->text, "Why it does not apply")->required();
        } else {
            cmd->add_option("--note", args->text, "A short note kept in the prompt's history");
        }
        cmd->callback([&options, &exit_code, args, action] {
            exit_code = run_guarded([&] {
                const auto config = config::resolve_host_config(options.overrides);
                const auto clock = config::council_clock(config);
                auto db = open_store(config, clock);
                const auto principal = acting_worker(db, config, options);
                const auto p = prompts::find_prompt(db, args->id);
                if (!p) {
                    throw Error(ErrorKind::not_found, "there is no prompt " + args->id);
                }
                // The rules the HTTP service applies: business with the child, then the prompt's
                // audience.
                const auto role =
                    access::require_child_access(db, principal, p->child_id, clock.today());
                prompts::require_may_act(role, *p, principal.user_id);
                const auto done =
                    prompts::act_on_prompt(db, args->id, action, args->text,
                                           {access::module_actor(principal, role).worker_id,
                                            clock.today(), clock::utc_timestamp(clock.now())});
                if (options.json) {
                    std::cout << prompts::to_json(done).dump(2) << "\n";
                } else {
                    std::cout << fmt::format("Prompt {} ({}, child {}) is now {}.\n",
                                             done.prompt_id, done.kind, done.child_id,
                                             plugin::to_string(done.state));
                }
                return 0;
            });
        });
    };
    add_action("ack", "Acknowledge a prompt: seen, being dealt with",
               prompts::PersonAction::acknowledge);
    add_action("done", "Mark a prompt done", prompts::PersonAction::done);
    add_action("dismiss", "Dismiss a prompt that does not apply, with the reason",
               prompts::PersonAction::dismiss);
}

}  // namespace iro::cli
