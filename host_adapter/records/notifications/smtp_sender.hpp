#pragma once
// Sends one plain-text e-mail through the deployment's mail server with libcurl: smtps://, or
// smtp:// with STARTTLS required (a loopback relay may be plain).

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/notification_config.hpp"

namespace iro::notifications {

/// The mail server refused the message or could not be reached; the message says why.
class SendFailed : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct Mail {
    std::vector<std::string> to;
    std::string subject;     ///< UTF-8; encoded for the header when it is not plain ASCII
    std::string text;        ///< UTF-8
    std::string message_id;  ///< unique left part, e.g. "notification-12"
};

/// The message as sent: headers (Date from `now`) and body with CRLF line ends.
std::string format_mail(const SmtpSettings& smtp, const Mail& mail,
                        std::chrono::system_clock::time_point now);

/// Sends `mail`. Throws SendFailed.
void send_mail(const SmtpSettings& smtp, const Mail& mail,
               std::chrono::system_clock::time_point now);

}  // namespace iro::notifications
