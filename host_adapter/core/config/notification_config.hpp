#pragma once
// The "notifications" section of the host configuration: who has which e-mail address, and the
// mail server that delivers notifications (schemas/host-config.schema.json).

#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace iro::notifications {

struct SmtpSettings {
    std::string url;   ///< smtps://host:port or smtp://host:port
    std::string from;  ///< the envelope and header sender
    std::string username;
    std::filesystem::path password_file;  ///< empty: no authentication
    std::filesystem::path ca_file;        ///< empty: the system's trust store
    std::chrono::seconds timeout{30};
    int max_attempts = 5;
};

struct NotificationConfig {
    /// Addresses by recipient: worker id, role or distribution list.
    std::map<std::string, std::vector<std::string>, std::less<>> addresses;
    std::optional<SmtpSettings> smtp;  ///< nullopt: notifications are recorded, not sent
};

/// Reads the section, already checked against the schema. Relative files are taken from
/// `base_dir`.
NotificationConfig parse_notification_config(const nlohmann::json& section,
                                             const std::filesystem::path& base_dir);

}  // namespace iro::notifications
