#pragma once
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>

namespace iro::control {

/// Sends one request to the host serving on `socket_path`. nullopt when no host is running there
/// (no socket, or a stale one). Throws std::runtime_error when a host is there but fails to answer
/// within `timeout` (a module's request may take minutes; a status, seconds).
std::optional<nlohmann::json> ask_running_host(
    const std::filesystem::path& socket_path, const nlohmann::json& request,
    std::chrono::seconds timeout = std::chrono::seconds(30));

}  // namespace iro::control
