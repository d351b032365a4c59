#include "text/date_words.hpp"

#include <fmt/format.h>

#include <array>

namespace iro::text {

std::string_view month_name(unsigned month) {
    static constexpr std::array<std::string_view, 12> kMonths{
        "January", "February", "March",     "April",   "May",      "June",
        "July",    "August",   "September", "October", "November", "December"};
    return month >= 1 && month <= 12 ? kMonths.at(month - 1) : std::string_view();
}

std::string date_in_words(plugin::Date day) {
    return fmt::format("{} {} {}", static_cast<unsigned>(day.day()),
                       month_name(static_cast<unsigned>(day.month())),
                       static_cast<int>(day.year()));
}

}  // namespace iro::text
