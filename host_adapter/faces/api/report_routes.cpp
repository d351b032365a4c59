// GET /api/v1/reports/{reviews,midpoint,oversight,alerts,qaf,annual}: the IRO manager's reports, as
// JSON, CSV, XLSX or HTML, chosen by ?format= or else by the Accept header.

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/status.hpp>
#include <fstream>
#include <sstream>

#include "annual_report/annual_render.hpp"
#include "annual_report/annual_report.hpp"
#include "annual_report/published_reports.hpp"
#include "api/service.hpp"
#include "calendar/financial_periods.hpp"
#include "calendar/working_day_calendar.hpp"
#include "crypto/crypto.hpp"
#include "host/host.hpp"
#include "http/problem.hpp"
#include "modules/module_gate.hpp"
#include "qaf/qaf_render.hpp"
#include "qaf/qaf_report_options.hpp"
#include "quality_alerts/alert_store.hpp"
#include "quality_alerts/alert_summary_report.hpp"
#include "report_tables/csv_tables.hpp"
#include "review_reports/report_text.hpp"

namespace iro::api {

namespace bh = boost::beast::http;

namespace {

constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

std::string query(const Call& call, const std::string& name, const std::string& fallback = "") {
    const auto it = call.query.find(name);
    return it == call.query.end() ? fallback : it->second;
}

int int_query(const Call& call, const std::string& name, int fallback) {
    const auto text = query(call, name);
    if (text.empty()) {
        return fallback;
    }
    try {
        std::size_t used = 0;
        const int value = std::stoi(text, &used);
        if (used == text.size()) {
            return value;
        }
    } catch (const std::exception&) {
    }
    throw ApiError(400, "bad-query", "?" + name + "=" + text + " is not a whole number");
}

int year_query(const Call& call) {
    const auto text = query(call, "year");
    const auto first = reports::parse_financial_year(text);
    if (!first) {
        throw ApiError(400, "bad-query",
                       text.empty() ? "?year= is required, a financial year like 2017-18"
                                    : "?year=" + text + " is not a financial year like 2017-18");
    }
    return *first;
}

/// json, csv, html or xlsx: ?format= first, then the first Accept type offered.
std::string format_of(const Call& call) {
    if (auto given = query(call, "format"); !given.empty()) {
        for (const char* f : {"json", "csv", "html", "xlsx"}) {
            if (given == f) {
                return given;
            }
        }
        throw ApiError(400, "bad-query", "?format=" + given + " is not json, csv, html or xlsx");
    }
    const std::string accept(call.request[bh::field::accept]);
    if (accept.empty()) {
        return "json";
    }
    std::stringstream in(accept);
    std::string item;
    while (std::getline(in, item, ',')) {
        // The media range before any parameters, without the spaces around it ("" for a blank
        // item, which matches nothing).
        const std::string range = item.substr(0, item.find(';'));
        const auto first = range.find_first_not_of(" \t");
        const std::string trimmed =
            first == std::string::npos
                ? std::string()
                : range.substr(first, range.find_last_not_of(" \t") - first + 1);
        if (trimmed == "application/json" || trimmed == "*/*" || trimmed == "application/*") {
            return "json";
        }
        if (trimmed == "text/csv") {
            return "csv";
        }
        if (trimmed == "text/html" || trimmed == "text/*") {
            return "html";
        }
        if (trimmed == kXlsxType) {
            return "xlsx";
        }
    }
    throw ApiError(406, "not-acceptable",
                   "this report comes as application/json, text/csv, text/html or " +
                       std::string(kXlsxType) + " (Accept was '" + accept + "')");
}

/// An XLSX written by `write` to a file of its own in the data directory, returned and removed.
http::Response xlsx_response(const Call& call, Context& context, const std::string& name,
                             const std::function<void(const std::filesystem::path&)>& write) {
    const auto file =
        context.host.config().data_dir / ("report-" + auth::random_hex(8) + ".xlsx.part");
    std::string bytes;
    try {
        write(file);
        std::ifstream in(file, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    } catch (...) {
        std::filesystem::remove(file);
        throw;
    }
    std::filesystem::remove(file);
    auto response = http::make_response(call.request, bh::status::ok, std::move(bytes), kXlsxType);
    response.set(bh::field::content_disposition, "attachment; filename=\"" + name + ".xlsx\"");
    return response;
}

/// ?suppress_below=, from 0 to 1000.
int suppress_query(const Call& call) {
    const int below = int_query(call, "suppress_below", 0);
    if (below < 0 || below > 1000) {
        throw ApiError(400, "bad-query", "?suppress_below= is from 0 to 1000");
    }
    return below;
}

/// A report published in the format asked for: CSV, HTML or XLSX from its published tables, with
/// disclosure control; JSON (the measures, for other programs) as given.
http::Response published(const Call& call, Context& context, const std::string& name,
                         const nlohmann::json& json,
                         const std::function<reports::annual::AnnualReport(int)>& publication) {
    const auto format = format_of(call);
    const int below = suppress_query(call);
    if (format == "json") {
        if (below > 0) {
            throw ApiError(400, "bad-query",
                           "?suppress_below= is for the published forms: ask for csv, html or "
                           "xlsx");
        }
        return http::json_response(call.request, bh::status::ok, json);
    }
    const auto report = publication(below);
    if (format == "xlsx") {
        return xlsx_response(call, context, name, [&](const std::filesystem::path& file) {
            reports::annual::write_annual_report_xlsx(report, file);
        });
    }
    return http::make_response(
        call.request, bh::status::ok,
        format == "csv" ? reports::annual::annual_report_csv(report)
                        : reports::annual::annual_report_html(report),
        format == "csv" ? "text/csv; charset=utf-8" : "text/html; charset=utf-8");
}

}  // namespace

void add_report_routes(ApiRouter& router) {
    router.add(
        bh::verb::get, "/api/v1/reports/reviews",
        {Gate::reports,
         [](Call& call, Context& context) {
             const int year = year_query(call);
             const bool quarters = query(call, "by") == "quarter";
             const calendar::EnglandWalesCalendar calendar;  // statutory: no closure days
             auto& db = call.db();
             const auto as_of_text = query(call, "as_of");
             const auto as_of = as_of_text.empty() ? std::optional(context.host.clock().today())
                                                   : plugin::parse_iso_date(as_of_text);
             if (!as_of) {
                 throw ApiError(400, "bad-query", "?as_of=" + as_of_text + " is not a date");
             }
             const auto cohort = reports::cohort_from_string(query(call, "definition", "year"));
             if (!cohort) {
                 throw ApiError(400, "bad-query", "?definition= is year (default) or ni66");
             }
             const auto histories = reports::load_histories(db);
             const reports::MeasureOptions measure{*cohort,
                                                   context.host.config().short_breaks_reviewed};
             std::vector<reports::ReviewMeasures> measured;
             std::vector<nlohmann::json> rows;
             for (const auto& period : reports::financial_periods(year, quarters)) {
                 if (*cohort == reports::Cohort::ni66 &&
                     period.label.find('Q') != std::string::npos) {
                     continue;  // NI 66 is a whole year's measure, at 31 March
                 }
                 measured.push_back(
                     reports::measure_reviews(histories, period, calendar, *as_of, measure));
                 rows.push_back(reports::review_measures_json(measured.back()));
             }
             return published(call, context, "reviews", rows, [&](int below) {
                 return reports::annual::reviews_publication(measured, below);
             });
         },
         StoreUse::long_reads});
    router.add(
        bh::verb::get, "/api/v1/reports/midpoint",
        {Gate::reports,
         [](Call& call, Context& context) {
             const int year = year_query(call);
             const calendar::EnglandWalesCalendar calendar;  // statutory: no closure days
             const auto measures = reports::measure_midpoints(
                 call.db(), reports::financial_periods(year, false).back(), calendar,
                 int_query(call, "first_weeks", 6));
             return published(
                 call, context, "midpoint", reports::midpoint_json(measures),
                 [&](int below) { return reports::annual::midpoint_publication(measures, below); });
         },
         StoreUse::long_reads, modules::kMidpointPrompts});
    router.add(bh::verb::get, "/api/v1/reports/oversight",
               {Gate::reports,
                [](Call& call, Context& context) {
                    const int year = year_query(call);
                    std::vector<reports::OversightMeasures> measured;
                    std::vector<nlohmann::json> rows;
                    for (const auto& period : reports::financial_periods(year, true)) {
                        measured.push_back(reports::measure_oversight(call.db(), period));
                        rows.push_back(reports::oversight_json(measured.back()));
                    }
                    return published(call, context, "oversight", rows, [&](int below) {
                        return reports::annual::oversight_publication(measured, below);
                    });
                },
                StoreUse::long_reads, modules::kOversightNotes});
    router.add(
        bh::verb::get, "/api/v1/reports/alerts",
        {Gate::reports,
         [](Call& call, Context& context) {
             const int year = year_query(call);
             const calendar::EnglandWalesCalendar calendar(context.host.config().closure_days);
             const auto summaries =
                 reports::alert_summaries(call.db(), year, query(call, "by", "year"), calendar);
             nlohmann::json json = nlohmann::json::array();
             for (const auto& s : summaries) {
                 json.push_back(reports::to_json(s));
             }
             return published(call, context, "alerts", json, [&](int below) {
                 const auto whole = reports::financial_periods(year, false).back();
                 return reports::annual::alerts_publication(
                     alerts::list_alerts(call.db(), {"", "", false, whole.start, whole.end}), whole,
                     calendar, below);
             });
         },
         StoreUse::long_reads, modules::kQualityAlerts});
    router.add(
        bh::verb::get, "/api/v1/reports/qaf",
        {Gate::reports,
         [](Call& call, Context& context) {
             reports::QafReportOptions options;
             options.year = query(call, "year");
             options.from = query(call, "from");
             options.to = query(call, "to");
             options.by = query(call, "by");
             if (const auto q = query(call, "questions"); !q.empty()) {
                 options.questions.push_back(q);
             }
             if (const auto c = query(call, "compare"); !c.empty()) {
                 options.compare.push_back(c);
             }
             if (const auto e = query(call, "top_exclude"); !e.empty()) {
                 options.top_exclude.push_back(e);
             }
             // Several combined rows are separated by ';' (a label may hold commas).
             for (auto& c : reports::split_list(query(call, "combine"), ';')) {
                 options.combine.push_back(std::move(c));
             }
             options.top = int_query(call, "top", 0);
             options.suppress_below = int_query(call, "suppress_below", 0);
             options.other_texts = query(call, "other_texts") == "true";
             options.questionnaire = query(call, "questionnaire", "york-qaf");
             options.format = format_of(call);
             const auto report =
                 reports::build_qaf_report(call.db(), reports::qaf_report_request(options));
             if (options.format == "xlsx") {
                 return xlsx_response(call, context, "qaf", [&](const std::filesystem::path& file) {
                     reports::write_qaf_xlsx(report, file);
                 });
             }
             if (options.format == "csv") {
                 return http::make_response(call.request, bh::status::ok, reports::qaf_csv(report),
                                            "text/csv; charset=utf-8");
             }
             if (options.format == "html") {
                 return http::make_response(call.request, bh::status::ok, reports::qaf_html(report),
                                            "text/html; charset=utf-8");
             }
             return http::make_response(call.request, bh::status::ok, reports::qaf_json(report),
                                        "application/json");
         },
         StoreUse::long_reads, modules::kQaf});
    router.add(
        bh::verb::get, "/api/v1/reports/annual",
        {Gate::reports,
         [](Call& call, Context& context) {
             reports::annual::AnnualReportOptions options;
             options.year = year_query(call);
             for (const auto& text : reports::split_list(query(call, "compare"), ',')) {
                 const auto first = reports::parse_financial_year(text);
                 if (!first || *first >= options.year) {
                     throw ApiError(400, "bad-query",
                                    "?compare=" + text +
                                        " is not a financial year before ?year= (like 2018-19)");
                 }
                 options.compare.push_back(*first);
             }
             if (options.compare.size() > 4) {
                 throw ApiError(400, "bad-query", "?compare= takes at most 4 earlier years");
             }
             options.suppress_below = suppress_query(call);
             options.as_of = context.host.clock().today();
             if (const auto text = query(call, "as_of"); !text.empty()) {
                 const auto day = plugin::parse_iso_date(text);
                 if (!day) {
                     throw ApiError(400, "bad-query", "?as_of=" + text + " is not a date");
                 }
                 options.as_of = *day;
             }
             const auto format = format_of(call);
             const auto report =
                 reports::annual::build_annual_report(call.db(), context.host.config(), options);
             if (format == "xlsx") {
                 return xlsx_response(call, context, "iro-annual-report-" + report.year,
                                      [&](const std::filesystem::path& file) {
                                          reports::annual::write_annual_report_xlsx(report, file);
                                      });
             }
             if (format == "csv") {
                 return http::make_response(call.request, bh::status::ok,
                                            reports::annual::annual_report_csv(report),
                                            "text/csv; charset=utf-8");
             }
             if (format == "html") {
                 return http::make_response(call.request, bh::status::ok,
                                            reports::annual::annual_report_html(report),
                                            "text/html; charset=utf-8");
             }
             return http::json_response(call.request, bh::status::ok,
                                        reports::annual::annual_report_json(report));
         },
         StoreUse::long_reads});
}

}  // namespace iro::api
