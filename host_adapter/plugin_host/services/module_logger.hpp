#pragma once
#include <string>

#include "iro/plugin_api/services.hpp"

namespace iro::services {

/// A module's logger: spdlog lines tagged module=<id>.
class ModuleLogger final : public plugin::Logger {
  public:
    explicit ModuleLogger(std::string module_id) : module_id_(std::move(module_id)) {}
    void log(plugin::LogLevel level, std::string_view message) noexcept override;

  private:
    std::string module_id_;
};

}  // namespace iro::services
