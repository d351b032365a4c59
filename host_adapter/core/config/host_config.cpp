#include "config/host_config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "clock/council_clock.hpp"
#include "common/executable_path.hpp"
#include "schema/json_schema.hpp"
#include "schema/json_text.hpp"

#ifndef IRO_RELATIVE_PLUGIN_DIR
#error "IRO_RELATIVE_PLUGIN_DIR must be defined by the build"
#endif
#ifndef IRO_DEFAULT_DATA_DIR
#error "IRO_DEFAULT_DATA_DIR must be defined by the build"
#endif
#ifndef IRO_RELATIVE_CONFIG_FILE
#error "IRO_RELATIVE_CONFIG_FILE must be defined by the build"
#endif

namespace iro::config {

namespace {

std::optional<std::string> environment(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') {
        return std::nullopt;
    }
    return std::string(value);
}

void apply_file(HostConfig& config, const std::filesystem::path& file) {
    nlohmann::json doc;
    try {
        doc = schema::read_json_file(file);
    } catch (const schema::JsonInputRefused& e) {
        throw ConfigError(std::string("configuration file ") + e.what());
    }
    const auto schema =
        schema::JsonSchema::compile(schema::embedded_schema("host-config.schema.json"));
    if (auto violations = schema.validate(doc); !violations.empty()) {
        throw ConfigError("configuration file " + file.string() + ": " +
                          schema::describe(violations));
    }
    // Relative paths in a configuration file are relative to the file, not to wherever the
    // service happens to start.
    const auto base = std::filesystem::absolute(file).parent_path();
    if (doc.contains("data_dir")) {
        config.data_dir = base / doc["data_dir"].get<std::string>();
    }
    if (doc.contains("plugin_dir")) {
        config.plugin_dir = base / doc["plugin_dir"].get<std::string>();
    }
    if (doc.contains("module_error_threshold")) {
        config.module_error_threshold = doc["module_error_threshold"].get<int>();
    }
    if (doc.contains("log_level")) {
        config.log_level = doc["log_level"].get<std::string>();
    }
    if (doc.contains("closure_days")) {
        for (std::size_t i = 0; i < doc["closure_days"].size(); ++i) {
            const auto text = doc["closure_days"][i].get<std::string>();
            const auto day = plugin::parse_iso_date(text);
            if (!day) {
                throw ConfigError("configuration file " + file.string() + ": /closure_days/" +
                                  std::to_string(i) + ": '" + text + "' is not a real date");
            }
            config.closure_days.push_back(*day);
        }
    }
    if (doc.contains("go_live")) {
        const auto text = doc["go_live"].get<std::string>();
        config.go_live = plugin::parse_iso_date(text);
        if (!config.go_live) {
            throw ConfigError("configuration file " + file.string() + ": /go_live: '" + text +
                              "' is not a real date");
        }
    }
    if (doc.contains("time_zone")) {
        config.time_zone = doc["time_zone"].get<std::string>();
        try {
            clock::check_time_zone(config.time_zone);
        } catch (const std::invalid_argument& e) {
            throw ConfigError("configuration file " + file.string() + ": /time_zone: " + e.what());
        }
    }
    if (doc.contains("as_of")) {
        const auto text = doc["as_of"].get<std::string>();
        config.as_of = plugin::parse_iso_date(text);
        if (!config.as_of) {
            throw ConfigError("configuration file " + file.string() + ": /as_of: '" + text +
                              "' is not a real date");
        }
    }
    if (doc.contains("short_breaks_reviewed")) {
        config.short_breaks_reviewed = doc["short_breaks_reviewed"].get<bool>();
    }
    if (doc.contains("iro_service")) {
        const auto& service = doc["iro_service"];
        if (service.contains("caseload_cap")) {
            config.iro_service.caseload_cap = service["caseload_cap"].get<int>();
        }
        for (std::size_t i = 0; service.contains("fte") && i < service["fte"].size(); ++i) {
            const auto text = service["fte"][i]["from"].get<std::string>();
            const auto day = plugin::parse_iso_date(text);
            const std::string where =
                "configuration file " + file.string() + ": /iro_service/fte/" + std::to_string(i);
            if (!day) {
                throw ConfigError(fmt::format("{}/from: '{}' is not a real date", where, text));
            }
            if (!config.iro_service.fte.empty() && *day <= config.iro_service.fte.back().first) {
                throw ConfigError(fmt::format(
                    "{}/from: {} is not after the entry before it (list them in date order)", where,
                    text));
            }
            config.iro_service.fte.emplace_back(*day, service["fte"][i]["fte"].get<double>());
        }
    }
    if (doc.contains("imports") && doc["imports"].contains("max_removal_share")) {
        config.max_removal_share = doc["imports"]["max_removal_share"].get<double>();
    }
    if (doc.contains("worker_roles")) {
        for (const auto& [worker, role] : doc["worker_roles"].items()) {
            config.worker_roles[worker] = role.get<std::string>();
        }
    }
    if (doc.contains("role_names")) {
        for (const auto& [role, name] : doc["role_names"].items()) {
            config.role_names[role] = name.get<std::string>();
        }
    }
    if (doc.contains("cms")) {
        config.cms =
            writeback::parse_cms_config(doc["cms"], base, "configuration file " + file.string());
    }
    if (doc.contains("http")) {
        config.http = parse_http_config(doc["http"]);
    }
    if (doc.contains("oidc")) {
        config.oidc = parse_oidc_config(doc["oidc"], base, "configuration file " + file.string());
    }
    if (doc.contains("notifications")) {
        config.notifications = notifications::parse_notification_config(doc["notifications"], base);
    }
}

}  // namespace

std::optional<double> IroServiceConfig::fte_on(plugin::Date day) const {
    std::optional<double> out;
    for (const auto& [from, value] : fte) {
        if (from > day) {
            break;
        }
        out = value;
    }
    return out;
}

clock::CouncilClock council_clock(const HostConfig& config) {
    return clock::CouncilClock(config.time_zone, config.as_of);
}

std::filesystem::path default_plugin_dir() {
    return (executable_path().parent_path() / IRO_RELATIVE_PLUGIN_DIR).lexically_normal();
}

std::filesystem::path default_config_file() {
    return (executable_path().parent_path() / IRO_RELATIVE_CONFIG_FILE).lexically_normal();
}

HostConfig resolve_host_config(const ConfigOverrides& overrides) {
    HostConfig config;
    config.data_dir = IRO_DEFAULT_DATA_DIR;
    config.plugin_dir = default_plugin_dir();

    std::optional<std::filesystem::path> file = overrides.config_file;
    if (!file) {
        if (auto env = environment("IRO_CONFIG")) {
            file = *env;
        }
    }
    if (!file) {
        // An installed host reads the configuration its package put in <sysconfdir>; a build tree
        // has none there and runs on the built-in defaults.
        if (auto installed = default_config_file(); std::filesystem::exists(installed)) {
            file = installed;
        }
    }
    if (file) {
        apply_file(config, *file);
    }
    if (auto env = environment("IRO_DATA_DIR")) {
        config.data_dir = *env;
    }
    if (auto env = environment("IRO_PLUGIN_DIR")) {
        config.plugin_dir = *env;
    }
    if (overrides.data_dir) {
        config.data_dir = *overrides.data_dir;
    }
    if (overrides.plugin_dir) {
        config.plugin_dir = *overrides.plugin_dir;
    }
    if (overrides.module_error_threshold) {
        if (*overrides.module_error_threshold < 1) {
            throw ConfigError("--module-error-threshold must be at least 1");
        }
        config.module_error_threshold = *overrides.module_error_threshold;
    }
    config.data_dir = std::filesystem::absolute(config.data_dir).lexically_normal();
    config.plugin_dir = std::filesystem::absolute(config.plugin_dir).lexically_normal();
    return config;
}

std::string HostConfig::role_name(std::string_view role) const {
    if (const auto it = role_names.find(role); it != role_names.end()) {
        return it->second;
    }
    if (role == "iro") {
        return "IRO";
    }
    if (role == "iro_manager") {
        return "IRO manager";
    }
    std::string words(role);
    std::replace(words.begin(), words.end(), '_', ' ');
    return words;
}

}  // namespace iro::config
