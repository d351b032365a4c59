#include "notifications/notification_config.hpp"

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

bool is_loopback_url(const std::string& url) {
    const auto scheme_end = url.find("://");
    std::string host = scheme_end == std::string::npos ? url : url.substr(scheme_end + 3);
    host = host.substr(0, host.find('/'));
    if (!host.empty() && host.front() == '[') {
        host = host.substr(1, host.find(']') - 1);
    } else {
        host = host.substr(0, host.find(':'));
    }
    return host == "127.0.0.1" || host == "localhost" || host == "::1";
}

}  // namespace iro::notifications
