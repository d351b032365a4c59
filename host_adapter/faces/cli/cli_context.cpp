#include "cli/cli_context.hpp"

#include <fmt/format.h>
#include <pwd.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <thread>

#include "access/worker_principal.hpp"
#include "audit/audit_log.hpp"
#include "backup/store_backup.hpp"
#include "calendar/financial_periods.hpp"
#include "clock/timestamps.hpp"
#include "control/control_client.hpp"
#include "host/host.hpp"
#include "importers/import_issue.hpp"
#include "modules/module_admin.hpp"
#include "modules/module_status.hpp"
#include "store/store_file.hpp"

namespace iro::cli {

std::string resolve_actor(const std::string& given) {
    if (!given.empty()) {
        return given;
    }
    if (const char* sudo_user = std::getenv("SUDO_USER");
        sudo_user != nullptr && *sudo_user != '\0') {
        return sudo_user;
    }
    if (const passwd* pw = getpwuid(geteuid()); pw != nullptr) {
        return pw->pw_name;
    }
    return "uid:" + std::to_string(geteuid());
}

std::string os_user() {
    const auto uid = geteuid();
    const passwd* pw = getpwuid(uid);
    std::string out = "uid " + std::to_string(uid) + " (" + (pw != nullptr ? pw->pw_name : "?");
    if (const char* sudo_user = std::getenv("SUDO_USER");
        sudo_user != nullptr && *sudo_user != '\0') {
        out += std::string(", sudo from ") + sudo_user;
    }
    return out + ")";
}

std::string invocation_id() {
    return fmt::format("cli-{} {}", ::getpid(), os_user());
}

void append_cli_audit(store::Database& db, const GlobalOptions& options, const std::string& action,
                      const std::string& child_id, const std::string& outcome,
                      const std::string& detail) {
    const clock::CouncilClock clock;  // the entry's timestamp only
    audit::append(db, {clock::utc_timestamp(clock.now()), resolve_actor(options.actor), "cli",
                       action, child_id, invocation_id(), outcome, detail});
}

access::Principal acting_worker(store::Database& db, const config::HostConfig& config,
                                const GlobalOptions& options) {
    if (options.actor.empty()) {
        throw Error(ErrorKind::invalid,
                    "say who is acting: --actor <worker id>, e.g. --actor IRO1001");
    }
    return access::worker_principal(db, config, options.actor, "cli:" + os_user());
}

store::Database open_store(const config::HostConfig& config, const plugin::Clock& clock) {
    host::ensure_data_dir(config.data_dir);
    return store::open_store(config.database_path(), clock::utc_timestamp(clock.now()));
}

int with_store(const GlobalOptions& options, const std::function<int(store::Database&)>& body) {
    // Guarded here too: a bad configuration is a message and an exit code, never an abort.
    return run_guarded([&] {
        const auto config = config::resolve_host_config(options.overrides);
        const auto clock = config::council_clock(config);
        auto db = open_store(config, clock);
        return body(db);
    });
}

void write_output(const std::string& text, const std::string& out_file) {
    if (out_file.empty()) {
        std::cout << text;
        return;
    }
    const std::filesystem::path target(out_file);
    std::filesystem::path partial = target;
    partial += ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        out << text;
        out.close();
        if (!out) {
            std::error_code ignored;
            std::filesystem::remove(partial, ignored);
            throw std::runtime_error("cannot write " + out_file);
        }
    }
    std::filesystem::rename(partial, target);
    std::cout << "Wrote " << out_file << "\n";
}

int year_option(const std::string& text) {
    const auto first_year = reports::parse_financial_year(text);
    if (!first_year) {
        throw std::invalid_argument("--year '" + text + "' is not a financial year like 2017-18");
    }
    return *first_year;
}

plugin::Date resolve_as_of(const std::string& option, const plugin::Clock& clock) {
    if (option.empty()) {
        return clock.today();
    }
    const auto day = plugin::parse_iso_date(option);
    if (!day) {
        throw std::invalid_argument("--as-of '" + option + "' is not a date (YYYY-MM-DD)");
    }
    return *day;
}

int run_guarded(const std::function<int()>& body) {
    try {
        return body();
    } catch (const Error& e) {
        std::cerr << "iro-host: " << e.what() << "\n";
        return exit_code(e.kind());
    } catch (const std::invalid_argument& e) {
        // An option the standard library could not read (std::stoi and the like).
        std::cerr << "iro-host: " << e.what() << "\n";
        return kExitRefused;
    } catch (const std::exception& e) {
        std::cerr << "iro-host: " << e.what() << "\n";
        return kExitFailed;
    }
}

void configure_logging(const std::string& level) {
    spdlog::drop("iro-host");
    auto logger = spdlog::stderr_logger_mt("iro-host");
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z level=%l %v");
    logger->set_level(spdlog::level::from_str(level == "warning" ? "warn" : level));
    spdlog::set_default_logger(logger);
}

nlohmann::json deliver_queued_events(const config::HostConfig& config) {
    const auto answer =
        control::ask_running_host(config.control_socket_path(), {{"op", "events.drain"}});
    if (!answer) {
        return {{"running_host", false},
                {"message", "No iro-host is serving " + config.data_dir.string() +
                                "; queued events are delivered when it starts."}};
    }
    if (!answer->value("ok", false)) {
        throw std::runtime_error("stored, but the running host could not deliver the events: " +
                                 answer->value("error", std::string()));
    }
    return {{"running_host", true},
            {"events", answer->value("events", 0)},
            {"message",
             fmt::format("The running host (pid {}) delivered {} queued event(s) to its modules.",
                         answer->value("pid", 0), answer->value("events", 0))}};
}

std::optional<host::ModuleRunLock> modules_here_unless_served(const config::HostConfig& config) {
    host::ensure_data_dir(config.data_dir);
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(2);
    for (;;) {
        if (auto lock = host::ModuleRunLock::try_take(config.data_dir)) {
            return lock;
        }
        // Held by a serving host (which answers once it has started) or by another command.
        if (control::ask_running_host(config.control_socket_path(), {{"op", "status"}})) {
            return std::nullopt;
        }
        if (std::chrono::steady_clock::now() > give_up) {
            throw Error(ErrorKind::unavailable,
                        "another iro-host process has been running the modules of " +
                            config.data_dir.string() + " for two minutes; try again when it ends");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

std::vector<modules::ModuleStatus> live_or_loaded_statuses(const config::HostConfig& config,
                                                           const plugin::Clock& clock,
                                                           bool& from_running_host) {
    if (auto answer =
            control::ask_running_host(config.control_socket_path(), {{"op", "modules.list"}})) {
        if (!answer->value("ok", false)) {
            throw std::runtime_error("the running host refused: " +
                                     answer->value("error", std::string()));
        }
        from_running_host = true;
        std::vector<modules::ModuleStatus> statuses;
        for (const auto& item : answer->at("modules")) {
            statuses.push_back(modules::status_from_json(item));
        }
        return statuses;
    }
    from_running_host = false;
    host::Host host(config, clock, /*run_modules=*/false);
    host.load_modules();
    return host.registry().statuses();
}

}  // namespace iro::cli
