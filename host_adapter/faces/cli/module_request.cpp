#include "cli/module_request.hpp"

#include <iostream>

#include "access/child_access.hpp"
#include "access/request_child.hpp"
#include "access/worker_principal.hpp"
#include "dispatch/event_queue.hpp"
#include "host/host.hpp"

namespace iro::cli {

namespace {

int run_request(const GlobalOptions& options, const std::string& name,
                const std::function<std::optional<nlohmann::json>(store::Database&)>& make_input,
                const std::function<void(const nlohmann::json&)>& print,
                std::optional<plugin::Date> as_of) {
    const auto config = config::resolve_host_config(options.overrides);
    clock::SystemClock system_clock;
    std::optional<clock::FixedClock> fixed;
    if (as_of) {
        fixed.emplace(*as_of);
    }
    const plugin::Clock& clock = fixed ? static_cast<const plugin::Clock&>(*fixed) : system_clock;
    host::Host host(config, clock, /*run_modules=*/true);
    const auto principal = acting_worker(host.database(), config, options);
    host.load_modules();
    const auto input = make_input(host.database());
    if (!input) {
        host.registry().stop_all();
        return 0;
    }
    // The role the worker acts in is the one by which they reach the request's child on the day,
    // decided by the rule the HTTP service applies to the child in its path.
    const auto child = access::child_of_request(host.database(), *input);
    const access::Role role =
        child ? access::require_child_access(host.database(), principal, *child, clock.today())
              : access::widest_child_role(principal.roles);
    const plugin::Actor actor = access::module_actor(principal, role);
    const auto result = host.registry().handle_request({name, actor, *input});
    const auto& outcome = result.outcome;
    if (outcome.status != plugin::RequestStatus::ok) {
        host.registry().stop_all();
        const std::string who = result.module_id.empty() ? "" : result.module_id + ": ";
        std::cerr << "iro-host: " << who << outcome.message << "\n";
        return outcome.status == plugin::RequestStatus::failed ? kExitFailed : kExitRefused;
    }
    // What the request recorded may concern other modules (a QAF response opens a dispute): the
    // running host delivers it, or, when none runs, the modules loaded here do, as a tick does.
    auto delivery = deliver_queued_events(config);
    if (!delivery["running_host"].get<bool>()) {
        const auto report = dispatch::drain_case_events(host.database(), host.registry(), clock);
        for (const auto& failure : report.failures) {
            std::cerr << "iro-host: " << failure << "\n";
        }
        delivery["events"] = report.events;
        delivery["message"] =
            std::to_string(report.events) + " queued event(s) delivered to the modules here.";
    }
    host.registry().stop_all();
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
