#include "cli/command_audit.hpp"

#include <fmt/format.h>

#include <array>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "access/request_child.hpp"

namespace iro::cli {

namespace {

struct Row {
    const char* path;
    CommandAudit audit;
    const char* option = "";  ///< the option naming the child or one of their records
    const char* field = "";   ///< what it names, as access::child_of_request reads it
};

using A = CommandAudit;

constexpr std::array kTable{
    Row{"serve", A::none},  // the service audits each request itself
    Row{"modules check-manifest", A::none},
    Row{"modules list", A::none},
    Row{"modules show", A::none},
    Row{"modules request", A::change},
    Row{"modules enable", A::change},
    Row{"modules disable", A::change},
    Row{"modules config", A::change},
    Row{"import ssda903", A::change},
    Row{"import ssd", A::change},
    Row{"import warnings", A::none},
    Row{"child show", A::child_read, "id", "child_id"},
    Row{"events ingest", A::change},
    Row{"report reviews", A::none},
    Row{"report midpoint", A::none},
    Row{"report oversight", A::none},
    Row{"report alerts", A::none},
    Row{"report qaf", A::none},
    Row{"report annual", A::none},
    Row{"notes add", A::change, "--child", "child_id"},
    Row{"notes amend", A::change, "--note", "note_id"},
    Row{"notes list", A::child_read, "--child", "child_id"},
    Row{"notes show", A::child_read, "note", "note_id"},
    Row{"outbox list", A::none},
    Row{"outbox show", A::child_read},
    Row{"outbox retry", A::change},
    Row{"outbox purge-delivered", A::change},
    Row{"outbox deliver", A::change},
    Row{"tick", A::change},
    Row{"prompts list", A::child_read, "--child", "child_id"},
    Row{"prompts show", A::child_read, "prompt", "prompt_id"},
    Row{"prompts ack", A::change, "prompt", "prompt_id"},
    Row{"prompts done", A::change, "prompt", "prompt_id"},
    Row{"prompts dismiss", A::change, "prompt", "prompt_id"},
    Row{"alerts raise", A::change, "--child", "child_id"},
    Row{"alerts ack", A::change, "alert", "alert_id"},
    Row{"alerts respond", A::change, "alert", "alert_id"},
    Row{"alerts resolve", A::change, "alert", "alert_id"},
    Row{"alerts escalate", A::change, "alert", "alert_id"},
    Row{"alerts extend", A::change, "alert", "alert_id"},
    Row{"alerts withdraw", A::change, "alert", "alert_id"},
    Row{"alerts import", A::change},
    Row{"alerts list", A::child_read, "--child", "child_id"},
    Row{"alerts show", A::child_read, "alert", "alert_id"},
    Row{"tracker", A::none},
    Row{"bulletin", A::none},
    Row{"notifications list", A::none},
    Row{"notifications send", A::change},
    Row{"qaf submit", A::change, "--review", "review_id"},
    Row{"qaf amend", A::change, "--response", "response_id"},
    Row{"qaf show", A::child_read, "response", "response_id"},
    Row{"qaf questionnaires", A::none},
    Row{"qaf import-surveymonkey", A::change},
    Row{"users add", A::own},
    Row{"users list", A::none},
    Row{"users disable", A::own},
    Row{"tokens create", A::own},
    Row{"tokens list", A::none},
    Row{"tokens revoke", A::own},
    Row{"integrations add", A::own},
    Row{"integrations rotate", A::own},
    Row{"integrations revoke", A::own},
    Row{"integrations list", A::none},
    Row{"audit verify", A::none},
    Row{"audit failures", A::none},
    Row{"audit search", A::own},
    Row{"store backup", A::own},
    Row{"store check", A::none},
    Row{"store restore", A::own},
};

const Row* row_of(const std::string& path) {
    for (const auto& row : kTable) {
        if (path == row.path) {
            return &row;
        }
    }
    return nullptr;
}

void add_paths(const CLI::App& app, const std::string& prefix, std::vector<std::string>& out) {
    const auto subcommands = app.get_subcommands([](const CLI::App* sub) {
        return !sub->get_name().empty();  // option groups are unnamed subcommands
    });
    if (subcommands.empty()) {
        out.push_back(prefix);
        return;
    }
    for (const auto* sub : subcommands) {
        add_paths(*sub, prefix.empty() ? sub->get_name() : prefix + " " + sub->get_name(), out);
    }
}

// The child the command concerned, when its option names them or one of their records.
std::string child_of(store::Database& db, const CLI::App& leaf, const Row& row) {
    if (*row.option == '\0') {
        return "";
    }
    const auto* option = leaf.get_option_no_throw(row.option);
    if (option == nullptr || option->count() == 0) {
        return "";
    }
    try {
        return access::child_of_request(db, {{row.field, option->as<std::string>()}}).value_or("");
    } catch (const std::exception&) {
        return "";  // a record that does not exist: the command was refused, with no child
    }
}

std::string outcome_of(int exit_code) {
    if (exit_code == 0) {
        return "allowed";
    }
    return fmt::format("{}:{}", exit_code == kExitRefused ? "refused" : "failed", exit_code);
}

}  // namespace

std::optional<CommandAudit> command_audit(const std::string& path) {
    const Row* row = row_of(path);
    return row == nullptr ? std::nullopt : std::optional(row->audit);
}

std::vector<std::string> audited_command_paths() {
    std::vector<std::string> out;
    out.reserve(kTable.size());
    for (const auto& row : kTable) {
        out.emplace_back(row.path);
    }
    return out;
}

std::vector<std::string> command_paths(const CLI::App& app) {
    std::vector<std::string> out;
    add_paths(app, "", out);
    return out;
}

namespace {

const CLI::App& invoked_leaf(const CLI::App& app) {
    const CLI::App* leaf = &app;
    for (auto ran = leaf->get_subcommands(); !ran.empty(); ran = leaf->get_subcommands()) {
        leaf = ran.front();
    }
    return *leaf;
}

}  // namespace

std::string invoked_path(const CLI::App& app) {
    std::vector<std::string> names;  // leaf first
    for (const CLI::App* at = &invoked_leaf(app); at != &app; at = at->get_parent()) {
        names.push_back(at->get_name());
    }
    std::string path;
    for (auto name = names.rbegin(); name != names.rend(); ++name) {
        path.append(path.empty() ? "" : " ").append(*name);
    }
    return path;
}

int audit_command(const CLI::App& app, const GlobalOptions& options, int exit_code) {
    const CLI::App* leaf = &invoked_leaf(app);
    const std::string path = invoked_path(app);
    const Row* row = row_of(path);
    if (row == nullptr || row->audit == CommandAudit::none ||
        (row->audit == CommandAudit::own && exit_code == 0)) {
        return exit_code;
    }
    std::optional<config::HostConfig> config;
    try {
        config = config::resolve_host_config(options.overrides);
    } catch (const std::exception&) {
        // A configuration the command could not read either: it has said so, and ran nothing.
        return exit_code == 0 ? kExitFailed : exit_code;
    }
    try {
        if (!std::filesystem::exists(config->database_path())) {
            return exit_code;  // no store: the command changed and read nothing
        }
        auto db = store::Database::open(config->database_path());
        append_cli_audit(db, options, "cli " + path, child_of(db, *leaf, *row),
                         outcome_of(exit_code),
                         row->audit == CommandAudit::child_read ? "read" : "change");
        return exit_code;
    } catch (const std::exception& e) {
        std::cerr << "iro-host: the audit log could not record this command: " << e.what() << "\n";
        return kExitFailed;
    }
}

}  // namespace iro::cli
