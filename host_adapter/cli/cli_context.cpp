#include "cli/cli_context.hpp"

#include <pwd.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdlib>

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

void configure_logging(const std::string& level) {
    spdlog::drop("iro-host");
    auto logger = spdlog::stderr_logger_mt("iro-host");
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z level=%l %v");
    logger->set_level(spdlog::level::from_str(level == "warning" ? "warn" : level));
    spdlog::set_default_logger(logger);
}

}  // namespace iro::cli
