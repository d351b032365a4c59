#include "annual_report/report_table.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstddef>
#include <utility>

namespace iro::reports::annual {

namespace {

// 1234567 as "1,234,567": independent of the machine's locale.
std::string grouped(long long n) {
    std::string out = std::to_string(n);
    const std::size_t first = n < 0 ? 1 : 0;
    for (std::size_t at = out.size(); at > first + 3; at -= 3) {
        out.insert(at - 3, 1, ',');
    }
    return out;
}

}  // namespace

Cell Cell::of_count(long long n) {
    Cell c;
    c.kind = Kind::count;
    c.value = static_cast<double>(n);
    c.count = n;
    return c;
}

Cell Cell::of_percent(long long part, long long whole, int decimals) {
    if (whole <= 0) {
        return none();
    }
    Cell c;
    c.kind = Kind::percent;
    c.decimals = decimals;
    // Half away from zero, as the published tables round.
    const double scale = std::pow(10.0, decimals);
    c.value =
        std::round(static_cast<double>(part) * 100.0 * scale / static_cast<double>(whole)) / scale;
    c.count = part;
    return c;
}

Cell Cell::of_ratio(double value) {
    Cell c;
    c.kind = Kind::ratio;
    c.value = value;
    return c;
}

Cell Cell::of_text(std::string text) {
    Cell c;
    c.kind = Kind::text;
    c.text = std::move(text);
    return c;
}

Cell Cell::none() {
    return Cell{};
}

std::vector<std::string> year_columns(const std::vector<ReportPeriod>& years,
                                      const std::vector<std::string>& parts) {
    std::vector<std::string> out;
    for (const auto& year : years) {
        for (const auto& part : parts) {
            out.push_back(part.empty() ? year.label : year.label + ": " + part);
        }
    }
    return out;
}

std::string cell_text(const Cell& cell) {
    if (cell.suppressed) {
        return "c";
    }
    switch (cell.kind) {
        case Cell::Kind::count:
            return grouped(static_cast<long long>(cell.value));
        case Cell::Kind::percent:
            return fmt::format("{:.{}f}%", cell.value, cell.decimals);
        case Cell::Kind::ratio:
            return fmt::format("{:.{}f}", cell.value, cell.decimals);
        case Cell::Kind::text:
            return cell.text;
        case Cell::Kind::no_data:
            break;
    }
    return "no data";
}

}  // namespace iro::reports::annual
