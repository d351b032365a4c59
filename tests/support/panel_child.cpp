#include "support/panel_child.hpp"

#include <fmt/format.h>

#include <chrono>

namespace iro::test {

namespace {

std::string event(const std::string& id, const std::string& kind, const std::string& child,
                  const std::string& day, const std::string& data) {
    return fmt::format(
        R"({{"event_id":"{}","kind":"{}","child_id":"{}","occurred_on":"{}","data":{}}})"
        "\n",
        id, kind, child, day, data);
}

}  // namespace

std::string days_ago(int days) {
    const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    const std::chrono::year_month_day day{today - std::chrono::days(days)};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(day.year()),
                       static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
}

std::string panel_child_history() {
    const std::string entered = days_ago(150);
    return event(
               "e1", "entered_care", "C1", entered,
               R"({"legal_status":"C2","placement":"U1","date_of_birth":"2014-03-02","sex":"1"})") +
           event("e2", "allocation_changed", "C1", entered,
                 R"({"role":"iro","worker_id":"IRO1","team_id":"IRO Service"})") +
           event("e3", "allocation_changed", "C1", entered,
                 R"({"role":"social_worker","worker_id":"SW1","team_id":"North"})") +
           event("e4", "allocation_changed", "C1", entered,
                 R"({"role":"team_manager","worker_id":"TM1","team_id":"North"})") +
           event("e5", "review_held", "C1", days_ago(130),
                 R"({"review_id":"R1","participation":"PN1"})") +
           event(
               "e6", "entered_care", "C2", entered,
               R"({"legal_status":"C2","placement":"U1","date_of_birth":"2011-09-20","sex":"2"})") +
           event("e7", "allocation_changed", "C2", entered,
                 R"({"role":"social_worker","worker_id":"SW2","team_id":"South"})");
}

}  // namespace iro::test
