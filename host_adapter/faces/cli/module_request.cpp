#include "cli/module_request.hpp"

#include <fmt/format.h>

#include <chrono>
#include <iostream>

#include "access/child_access.hpp"
#include "access/request_child.hpp"
#include "access/worker_principal.hpp"
#include "control/control_client.hpp"
#include "host/host.hpp"
#include "host/module_requests.hpp"

namespace iro::cli {

namespace {

// What the module answered, printed as the command prints it wherever the module ran.
int print_outcome(const GlobalOptions& options, const host::DeliveredRequest& delivered,
                  nlohmann::json delivery,
                  const std::function<void(const nlohmann::json&)>& print) {
    const auto& result = delivered.result;
    const auto& outcome = result.outcome;
    if (outcome.status != plugin::RequestStatus::ok) {
        const std::string who = result.module_id.empty() ? "" : result.module_id + ": ";
        std::cerr << "iro-host: " << who << outcome.message << "\n";
        return outcome.status == plugin::RequestStatus::failed ? kExitFailed : kExitRefused;
    }
    for (const auto& failure : delivered.delivery.failures) {
        std::cerr << "iro-host: " << failure << "\n";
    }
    delivery["events"] = delivered.delivery.events;
    if (options.json) {
        nlohmann::json out = outcome.reply;
        out["delivery"] = delivery;
        std::cout << out.dump(2) << "\n";
    } else {
        print(outcome.reply);
        std::cout << delivery["message"].get<std::string>() << "\n";
    }
    return 0;
}

int run_request(const GlobalOptions& options, const std::string& name,
                const std::function<std::optional<nlohmann::json>(store::Database&)>& make_input,
                const std::function<void(const nlohmann::json&)>& print,
                std::optional<plugin::Date> as_of) {
    const auto config = config::resolve_host_config(options.overrides);
    const auto council = config::council_clock(config);
    std::optional<clock::FixedClock> fixed;
    if (as_of) {
        fixed.emplace(*as_of);
    }
    const plugin::Clock& clock = fixed ? static_cast<const plugin::Clock&>(*fixed) : council;

    // The serving host is the one process that runs the modules: the request goes to it. When
    // none serves, this process runs them, holding the lock that serve also takes; they start
    // first, as in a serving host (a module defines what the input is read against).
    const auto lock = modules_here_unless_served(config);
    std::optional<host::Host> here;
    std::optional<store::Database> store_only;
    if (lock) {
        here.emplace(config, clock, /*run_modules=*/true);
        here->load_modules();
    } else {
        store_only.emplace(open_store(config, clock));
    }
    store::Database& db = here ? here->database() : *store_only;

    // Who asks, about which child, for what: read here, by the rule the HTTP service applies to
    // the child in its path, whichever process then runs the module.
    const auto principal = acting_worker(db, config, options);
    const auto input = make_input(db);
    if (!input) {
        if (here) {
            here->registry().stop_all();
        }
        return 0;
    }
    const auto child = access::child_of_request(db, *input);
    const access::Role role =
        child ? access::require_child_access(db, principal, *child, clock.today())
              : access::widest_child_role(principal.roles);
    const plugin::Request request{name, access::module_actor(principal, role), *input};

    if (!here) {
        if (as_of) {
            throw Error(ErrorKind::conflict,
                        "--as-of cannot be used while iro-host serves " + config.data_dir.string() +
                            ": the serving host runs the modules on today's date");
        }
        const auto answer = control::ask_running_host(
            config.control_socket_path(),
            {{"op", "modules.request"}, {"request", host::request_to_json(request)}},
            std::chrono::minutes(10));
        if (!answer || !answer->value("ok", false)) {
            throw Error(ErrorKind::unavailable,
                        "the host serving " + config.data_dir.string() +
                            " did not take the request: " +
                            (answer ? answer->value("error", std::string()) : "it stopped"));
        }
        const auto delivered = host::delivered_from_json(answer->at("result"));
        return print_outcome(
            options, delivered,
            {{"running_host", true},
             {"message", fmt::format("The running host (pid {}) ran it and delivered {} queued "
                                     "event(s) to its modules.",
                                     answer->value("pid", 0), delivered.delivery.events)}},
            print);
    }
    const auto delivered = host::run_and_deliver(*here, request);
    here->registry().stop_all();
    return print_outcome(options, delivered,
                         {{"running_host", false},
                          {"message", std::to_string(delivered.delivery.events) +
                                          " queued event(s) delivered to the modules here."}},
                         print);
}

}  // namespace

int run_module_request(const GlobalOptions& options, const std::string& name,
                       const nlohmann::json& input,
                       const std::function<void(const nlohmann::json&)>& print,
                       std::optional<plugin::Date> as_of) {
    return run_request(
        options, name, [&](store::Database&) { return std::optional<nlohmann::json>(input); },
        print, as_of);
}

int run_module_request(
    const GlobalOptions& options, const std::string& name,
    const std::function<std::optional<nlohmann::json>(store::Database&)>& make_input,
    const std::function<void(const nlohmann::json&)>& print) {
    return run_request(options, name, make_input, print, std::nullopt);
}

}  // namespace iro::cli
