#include "calendar/financial_periods.hpp"

#include <charconv>

namespace iro::reports {

using plugin::Date;

namespace {

std::optional<int> number(std::string_view text) {
    int value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::string year_label(int first_year) {
    const int next = (first_year + 1) % 100;
    return std::to_string(first_year) + "-" + (next < 10 ? "0" : "") + std::to_string(next);
}

Date day(int year, unsigned month, unsigned d) {
    return Date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{d}};
}

}  // namespace

std::optional<int> parse_financial_year(std::string_view text) {
    const auto sep = text.find_first_of("-/");
    if (sep != 4) {
        return std::nullopt;
    }
    const auto first = number(text.substr(0, 4));
    const auto second_text = text.substr(5);
    const auto second = number(second_text);
    if (!first || !second || *first < 1990 || *first > 2100) {
        return std::nullopt;
    }
    const bool consecutive = second_text.size() == 2   ? *second == (*first + 1) % 100
                             : second_text.size() == 4 ? *second == *first + 1
                                                       : false;
    return consecutive ? first : std::nullopt;
}

std::vector<ReportPeriod> financial_periods(int first_year, bool quarters) {
    const std::string year = year_label(first_year);
    std::vector<ReportPeriod> periods;
    if (quarters) {
        periods.push_back({year + " Q1", day(first_year, 4, 1), day(first_year, 6, 30)});
        periods.push_back({year + " Q2", day(first_year, 7, 1), day(first_year, 9, 30)});
        periods.push_back({year + " Q3", day(first_year, 10, 1), day(first_year, 12, 31)});
        periods.push_back({year + " Q4", day(first_year + 1, 1, 1), day(first_year + 1, 3, 31)});
    }
    periods.push_back({year, day(first_year, 4, 1), day(first_year + 1, 3, 31)});
    return periods;
}

}  // namespace iro::reports
