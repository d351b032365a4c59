#include "services/module_logger.hpp"

#include <spdlog/spdlog.h>

namespace iro::services {

void ModuleLogger::log(plugin::LogLevel level, std::string_view message) noexcept {
    try {
        spdlog::level::level_enum spd = spdlog::level::info;
        switch (level) {
            case plugin::LogLevel::debug:
                spd = spdlog::level::debug;
                break;
            case plugin::LogLevel::info:
                spd = spdlog::level::info;
                break;
            case plugin::LogLevel::warning:
                spd = spdlog::level::warn;
                break;
            case plugin::LogLevel::error:
                spd = spdlog::level::err;
                break;
        }
        spdlog::log(spd, "module={} msg=\"{}\"", module_id_, message);
    } catch (...) {
        // Logging must never take a module down.
    }
}

}  // namespace iro::services
