// iro-host alerts raise|ack|respond|resolve|escalate|extend|withdraw|list|show|import: quality
// alerts and disputes. Changes go through the module that owns alerts (quality-alerts) as the
// worker named by --actor; listing and showing read the store.

#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/module_request.hpp"
#include "importers/tracker_rows.hpp"
#include "quality_alerts/alert_addressees.hpp"
#include "quality_alerts/alert_store.hpp"

namespace iro::cli {

namespace {

std::string day_text(const std::optional<plugin::Date>& day) {
    return day ? plugin::to_iso(*day) : std::string("-");
}

void print_alert(const nlohmann::json& a) {
    std::cout << fmt::format(
        "Alert {} ({}) about child {}: {}, {}{}.\n", a["alert_id"].get<std::string>(),
        a["kind"].get<std::string>(), a["child_id"].get<std::string>(),
        a["stage_name"].get<std::string>(), a["status"].get<std::string>(),
        a["due_on"].is_null() ? std::string() : ", response due " + a["due_on"].get<std::string>());
    std::cout << fmt::format("Responder: {}. Raised {} by {}.\n", a["responder"].get<std::string>(),
                             a["raised_on"].get<std::string>(), a["raised_by"].get<std::string>());
    for (const auto& c : a["categories"]) {
        std::cout << "  issue: " << c["label"].get<std::string>() << "\n";
    }
    if (!a["outcome"].get<std::string>().empty()) {
        std::cout << "Outcome: " << a["outcome"].get<std::string>() << "\n";
    }
}

void print_history(const nlohmann::json& a) {
    std::cout << fmt::format("\n{:<11} {:<12} {:<16} {:<10} {:<13} {:<11} {}\n", "ON", "ACTION",
                             "BY", "STAGE", "STATUS", "DUE", "COMMENT");
    for (const auto& e : a["history"]) {
        std::cout << fmt::format("{:<11} {:<12} {:<16} {:<10} {:<13} {:<11} {}\n",
                                 e["on"].get<std::string>(), e["action"].get<std::string>(),
                                 e["actor"].get<std::string>(), e["stage"].get<std::string>(),
                                 e["status"].get<std::string>(),
                                 e["due_on"].is_null() ? "-" : e["due_on"].get<std::string>(),
                                 e["comment"].get<std::string>());
    }
}

// A role the ladder addresses, as the council names it; a worker id as it is.
std::string responder_text(const config::HostConfig& config, const std::string& responder) {
    return access::role_from_string(responder) ? config.role_name(responder) : responder;
}

std::optional<plugin::Date> as_of_option(const std::string& text) {
    if (text.empty()) {
        return std::nullopt;
    }
    // Only the text is read: a day given, or refused; no "today" is needed.
    const clock::CouncilClock clock;
    return resolve_as_of(text, clock);
}

}  // namespace

void add_alert_commands(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    auto* alerts = app.add_subcommand("alerts", "Quality alerts and the dispute resolution ladder");
    alerts->require_subcommand(1);

    struct Args {
        std::string child;
        std::string kind;
        std::vector<std::string> categories;
        std::string other_text;
        std::string description;
        std::string responder;
        std::vector<std::string> copies;
        std::string stage;
        std::string on;
        std::string as_of;
        std::string alert;
        std::string comment;
        std::string outcome;
        std::string due;
        std::string to_stage;
        std::string file;
        bool open_only = false;
        bool addressed_to_me = false;
    };
    auto args = std::make_shared<Args>();

    auto* raise = alerts->add_subcommand("raise", "Raise a quality alert (the child's IRO)");
    raise->add_option("--child", args->child, "The child's id")->required();
    raise->add_option("--kind", args->kind,
                      "quality_issue (default), exceptional_practice or partner_agency");
    raise->add_option("--category", args->categories,
                      "An issue category, by code or label; repeat for several");
    raise->add_option("--other-text", args->other_text, "The issue, when the category is Other");
    raise->add_option("--description", args->description, "What is wrong, or what was good")
        ->required();
    raise->add_option("--responder", args->responder,
                      "Who must respond (worker id); default the stage's responder role");
    raise->add_option("--copy", args->copies,
                      "Who is copied; repeat for several (default: the module's copies setting)");
    raise->add_option("--stage", args->stage, "Start at this stage (default the ladder's first)");
    raise->add_option("--on", args->on, "The day it was raised (default today)");
    raise->add_option("--as-of", args->as_of, "Treat this day as today (YYYY-MM-DD)");
    raise->callback([&options, &exit_code, args] {
        exit_code = run_guarded([&] {
            nlohmann::json input = {{"child_id", args->child},
                                    {"categories", args->categories},
                                    {"description", args->description}};
            for (const auto& [field, value] :
                 {std::pair<const char*, const std::string&>{"kind", args->kind},
                  {"other_text", args->other_text},
                  {"responder", args->responder},
                  {"stage", args->stage},
                  {"on", args->on}}) {
                if (!value.empty()) {
                    input[field] = value;
                }
            }
            if (!args->copies.empty()) {
                input["copies"] = args->copies;
            }
            return run_module_request(
                options, "raise_alert", input,
                [](const nlohmann::json& reply) { print_alert(reply["alert"]); },
                as_of_option(args->as_of));
        });
    });

    struct ActionCommand {
        const char* name;
        const char* request;
        const char* help;
    };
    for (const auto& command : {
             ActionCommand{"ack", "acknowledge_alert", "Acknowledge an alert (the responder)"},
             ActionCommand{"respond", "respond_alert", "Record the response (--comment)"},
             ActionCommand{"resolve", "resolve_alert", "Resolve with --outcome (the IRO)"},
             ActionCommand{"escalate", "escalate_alert",
                           "Escalate to the next stage, or --to-stage with the reason (the IRO)"},
             ActionCommand{"extend", "extend_alert", "Give a later --due day with the reason"},
             ActionCommand{"withdraw", "withdraw_alert", "Withdraw with the reason (the IRO)"},
         }) {
        auto* sub = alerts->add_subcommand(command.name, command.help);
        sub->add_option("alert", args->alert, "The alert's id")->required();
        sub->add_option("--comment", args->comment, "The response, the reason, or a note");
        sub->add_option("--on", args->on, "The day it happened (default today)");
        sub->add_option("--as-of", args->as_of, "Treat this day as today (YYYY-MM-DD)");
        if (std::string(command.name) == "resolve") {
            sub->add_option("--outcome", args->outcome, "How it ended, e.g. resolved")->required();
        }
        if (std::string(command.name) == "escalate") {
            sub->add_option("--to-stage", args->to_stage, "A later stage, skipping those between");
        }
        if (std::string(command.name) == "extend") {
            sub->add_option("--due", args->due, "The new deadline (YYYY-MM-DD)")->required();
        }
        const std::string request = command.request;
        sub->callback([&options, &exit_code, args, request] {
            exit_code = run_guarded([&] {
                nlohmann::json input = {{"alert_id", args->alert}};
                for (const auto& [field, value] :
                     {std::pair<const char*, const std::string&>{"comment", args->comment},
                      {"outcome", args->outcome},
                      {"new_due_on", args->due},
                      {"to_stage", args->to_stage},
                      {"on", args->on}}) {
                    if (!value.empty()) {
                        input[field] = value;
                    }
                }
                return run_module_request(
                    options, request, input,
                    [](const nlohmann::json& reply) { print_alert(reply["alert"]); },
                    as_of_option(args->as_of));
            });
        });
    }

    auto* import = alerts->add_subcommand(
        "import", "Bring in a tracker spreadsheet (CSV, one row per raise or action); all or none");
    import->add_option("file", args->file, "The CSV file")->required()->check(CLI::ExistingFile);
    import->add_option("--as-of", args->as_of, "Treat this day as today (YYYY-MM-DD)");
    import->callback([&options, &exit_code, args] {
        exit_code = run_guarded([&] {
            const nlohmann::json input = {{"source", args->file},
                                          {"rows", importers::read_tracker_rows(args->file)}};
    return run_module_request(
        options, "import_alerts", input,
        [](const nlohmann::json& reply) {
            std::cout << fmt::format("Imported {} alert(s) from {} rows of {}; {} still open.\n",
                                     reply["alerts"].get<int>(), reply["rows"].get<int>(),
                                     reply["source"].get<std::string>(),
                                     reply["still_open"].get<int>());
        },
        as_of_option(args->as_of));
});
}  // namespace iro::cli
);

auto* list = alerts->add_subcommand("list", "Alerts, of one child or all");
list->add_option("--child", args->child, "Only this child's");
list->add_flag("--open", args->open_only, "Only those not resolved or withdrawn");
list->add_flag("--addressed-to-me", args->addressed_to_me,
               "Only the open alerts addressed to the --actor: their role at the alert's stage "
               "(team manager, service manager, Head of Service, Director) or their worker id");
list->callback([&options, &exit_code, args] {
    exit_code = run_guarded([&] {
        const auto config = config::resolve_host_config(options.overrides);
        const auto clock = config::council_clock(config);
        auto db = open_store(config, clock);
        const auto found =
            args->addressed_to_me
                ? alerts::alerts_addressed_to(db, acting_worker(db, config, options), clock.today())
                : alerts::list_alerts(db, {"", args->child, args->open_only, {}, {}});
        if (options.json) {
            nlohmann::json out = nlohmann::json::array();
            for (const auto& a : found) {
                out.push_back(plugin::to_json(a));
            }
            std::cout << out.dump(2) << "\n";
            return 0;
        }
        std::cout << fmt::format("{:<6} {:<9} {:<21} {:<10} {:<13} {:<11} {:<11} {}\n", "ALERT",
                                 "CHILD", "KIND", "STAGE", "STATUS", "RAISED", "DUE", "RESPONDER");
        for (const auto& a : found) {
            const auto& s = a.state;
            std::cout << fmt::format(
                "{:<6} {:<9} {:<21} {:<10} {:<13} {:<11} {:<11} {}\n", a.alert_id, s.child_id,
                s.kind, s.stage.empty() ? "-" : s.stage, s.status, plugin::to_iso(s.raised_on),
                day_text(s.due_on), responder_text(config, s.responder));
        }
        std::cout << fmt::format("\n{} alert(s).\n", found.size());
        return 0;
    });
});

auto* show = alerts->add_subcommand("show", "One alert with its whole history");
show->add_option("alert", args->alert, "The alert's id")->required();
show->callback([&options, &exit_code, args] {
    exit_code = with_store(options, [&](store::Database& db) {
        const auto found = alerts::find_alert(db, args->alert);
        if (!found) {
            throw std::invalid_argument("there is no alert " + args->alert);
        }
        const auto json = plugin::to_json(*found);
        if (options.json) {
            std::cout << json.dump(2) << "\n";
        } else {
            print_alert(json);
            print_history(json);
        }
        return 0;
    });
});
}

}  // namespace iro::cli
