#include "qaf/qaf_report_options.hpp"

#include <fmt/format.h>

#include "calendar/financial_periods.hpp"

namespace iro::reports {

namespace {

plugin::Date date_option(const std::string& text, const char* name) {
    const auto day = plugin::parse_iso_date(text);
    if (!day) {
        throw std::invalid_argument(std::string(name) + " '" + text +
                                    "' is not a date (YYYY-MM-DD)");
    }
    return *day;
}

int financial_year(const std::string& text) {
    const auto first_year = parse_financial_year(text);
    if (!first_year) {
        throw std::invalid_argument("year '" + text + "' is not a financial year like 2017-18");
    }
    return *first_year;
}

std::vector<std::string> split_all(const std::vector<std::string>& given) {
    std::vector<std::string> out;
    for (const auto& item : given) {
        for (auto& part : split_list(item, ',')) {
            out.push_back(std::move(part));
        }
    }
    return out;
}

}  // namespace

QafReportRequest qaf_report_request(const QafReportOptions& options) {
    QafReportRequest request;
    request.questionnaire = options.questionnaire;
    if (options.year.empty() && (options.from.empty() || options.to.empty())) {
        throw std::invalid_argument("give --year, or --from and --to");
    }
    if (!options.year.empty()) {
        const auto periods = financial_periods(financial_year(options.year), true);
        request.period_label = periods.back().label;
        request.from = periods.back().start;
        request.to = periods.back().end;
    }
    if (!options.from.empty()) {
        request.from = date_option(options.from, "--from");
    }
    if (!options.to.empty()) {
        request.to = date_option(options.to, "--to");
    }
    if (request.to < request.from) {
        throw std::invalid_argument("--to is before --from");
    }
    if (options.year.empty() || !options.from.empty() || !options.to.empty()) {
        request.period_label =
            fmt::format("{} to {}", plugin::to_iso(request.from), plugin::to_iso(request.to));
    }
    if (!options.by.empty()) {
        request.by = qaf_grouping(options.by);
    }
    if (request.by == QafGrouping::quarter && !options.year.empty() && options.from.empty() &&
        options.to.empty()) {
        for (const auto& p : financial_periods(financial_year(options.year), true)) {
            if (p.label.size() > 7) {
                request.expected_groups.push_back(p.label);
            }
        }
    }
    for (const auto& year : split_all(options.compare)) {
        const auto whole = financial_periods(financial_year(year), false).back();
        request.compare.emplace_back(whole.label, whole.start, whole.end);
    }
    request.questions = split_all(options.questions);
    for (const auto& c : options.combine) {
        request.combinations.push_back(parse_combination(c));
    }
    request.top = options.top;
    request.top_exclude = split_all(options.top_exclude);
    request.suppress_below = options.suppress_below;
    if (options.other_texts && options.format != "table" && options.format != "json") {
        throw std::invalid_argument(
            "--other-texts are for internal use and never go into a published format "
            "(csv, xlsx, html)");
    }
    if (options.other_texts && options.suppress_below > 0) {
        throw std::invalid_argument(
            "--other-texts with --suppress-below: a report for publication never lists the "
            "'Other' texts");
    }
    request.other_texts = options.other_texts;
    return request;
}

}  // namespace iro::reports
