#include "iro/plugin_api/dates.hpp"

#include <charconv>
#include <cstdio>

namespace iro::plugin {

std::string to_iso(Date date) {
    // Formatted by hand: importers call this for every date of an extract.
    const int year = static_cast<int>(date.year());
    if (year < 0 || year > 9999) {
        char text[24];
        std::snprintf(text, sizeof text, "%d-%02u-%02u", year, static_cast<unsigned>(date.month()),
                      static_cast<unsigned>(date.day()));
        return text;
    }
    const auto month = static_cast<unsigned>(date.month());
    const auto day = static_cast<unsigned>(date.day());
    std::string text = "0000-00-00";
    auto digit = [](unsigned value) { return static_cast<char>('0' + value % 10); };
    const auto y = static_cast<unsigned>(year);
    text[0] = digit(y / 1000);
    text[1] = digit(y / 100);
    text[2] = digit(y / 10);
    text[3] = digit(y);
    text[5] = digit(month / 10);
    text[6] = digit(month);
    text[8] = digit(day / 10);
    text[9] = digit(day);
    return text;
}

namespace {
bool parse_digits(std::string_view text, int& out) {
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc{} && ptr == end;
}
}  // namespace

std::optional<Date> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    int year = 0;
    int month = 0;
    int day = 0;
    if (!parse_digits(text.substr(0, 4), year) || !parse_digits(text.substr(5, 2), month) ||
        !parse_digits(text.substr(8, 2), day)) {
        return std::nullopt;
    }
    const Date date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                    std::chrono::day{static_cast<unsigned>(day)}};
    if (!date.ok()) {
        return std::nullopt;
    }
    return date;
}

}  // namespace iro::plugin
