#include "config/notification_config.hpp"

namespace iro::notifications {

NotificationConfig parse_notification_config(const nlohmann::json& section,
                                             const std::filesystem::path& base_dir) {
    NotificationConfig config;
    if (section.contains("addresses")) {
        for (const auto& [recipient, list] : section["addresses"].items()) {
            config.addresses[recipient] = list.get<std::vector<std::string>>();
        }
    }
    if (section.contains("smtp")) {
        const auto& smtp = section["smtp"];
        SmtpSettings s;
        s.url = smtp["url"].get<std::string>();
        s.from = smtp["from"].get<std::string>();
        s.username = smtp.value("username", std::string());
        if (smtp.contains("password_file")) {
            s.password_file = base_dir / smtp["password_file"].get<std::string>();
        }
        if (smtp.contains("ca_file")) {
            s.ca_file = base_dir / smtp["ca_file"].get<std::string>();
        }
        s.timeout = std::chrono::seconds(smtp.value("timeout_seconds", 30));
        s.max_attempts = smtp.value("max_attempts", 5);
        config.smtp = std::move(s);
    }
    return config;
}

}  // namespace iro::notifications
