#include "annual_report/service_tables.hpp"

#include <fmt/format.h>

#include <cmath>
#include <set>

#include "text/date_words.hpp"

namespace iro::reports::annual {

namespace {

using plugin::Date;

// The Handbook's range (IRO Handbook 2010, 7.15).
constexpr double kHandbookLow = 50;
constexpr double kHandbookHigh = 70;

bool allocated_on(const IroAllocation& a, Date day) {
    return a.start <= day && (!a.end || *a.end >= day);
}

}  // namespace

ServiceData load_service_data(store::Database& db) {
    ServiceData out;
    auto allocations = db.prepare(
        "SELECT child_id, worker_id, start_date, end_date FROM allocations WHERE role = 'iro'");
    while (allocations.step()) {
        if (const auto start = plugin::parse_iso_date(allocations.text(2))) {
            out.allocations.push_back({allocations.text(0), allocations.text(1), *start,
                                       plugin::parse_iso_date(allocations.text(3))});
        }
    }
    auto workers = db.prepare("SELECT worker_id, fte FROM workers WHERE fte IS NOT NULL");
    while (workers.step()) {
        out.fte[workers.text(0)] = workers.real(1);
    }
    return out;
}

double service_fte(const config::IroServiceConfig& service, const ServiceData& data, Date day,
                   bool& from_config) {
    if (const auto configured = service.fte_on(day)) {
        from_config = true;
        return *configured;
    }
    from_config = false;
    std::set<std::string> iros;
    for (const auto& a : data.allocations) {
        if (allocated_on(a, day)) {
            iros.insert(a.worker_id);
        }
    }
    double total = 0;
    for (const auto& id : iros) {
        const auto it = data.fte.find(id);
        total += it == data.fte.end() ? 1.0 : it->second;
    }
    return total;
}

ReportTable caseload_table(const std::vector<ChildProfile>& children, const ServiceData& data,
                           const config::IroServiceConfig& service,
                           const std::vector<ReportPeriod>& years, Date as_of) {
    ReportTable t;
    t.title = "IRO caseload";
    t.definition = fmt::format(
        "At the end of each quarter: children looked after that day (short breaks left out), "
        "those of them with an IRO allocated, the service's full-time equivalent IROs, and "
        "children with an IRO per full-time IRO. The IRO Handbook (7.15) calls {:.0f} to {:.0f} "
        "children per full-time IRO good practice.",
        kHandbookLow, kHandbookHigh);
    t.row_heading = "Snapshot at the end of the period";
    t.chart = {Chart::columns, {}, 3};  // children per full-time IRO, over the periods
    std::vector<Date> days;
    const auto quarters =
        financial_periods(parse_financial_year(years.front().label).value_or(0), true);
    for (std::size_t q = 0; q + 1 < quarters.size(); ++q) {
        days.push_back(quarters[q].end);
        t.columns.push_back(
            fmt::format("{} ({})", quarters[q].label, text::date_in_words(quarters[q].end)));
    }
    for (std::size_t y = 1; y < years.size(); ++y) {
        days.push_back(years[y].end);
        t.columns.push_back(
            fmt::format("{} ({})", years[y].label, text::date_in_words(years[y].end)));
    }
    TableRow looked_after{"Children looked after", {}, false};
    TableRow with_iro{"of whom with an IRO allocated", {}, false};
    TableRow fte{"IROs (full-time equivalent)", {}, false};
    TableRow per_fte{"Children with an IRO per full-time IRO", {}, false};
    TableRow handbook{"Against the Handbook's 50 to 70", {}, false};
    TableRow cap{service.caseload_cap
                     ? fmt::format("Against the council's ceiling of {}", *service.caseload_cap)
                     : std::string(),
                 {},
                 false};
    bool any_configured = false;
    bool any_counted = false;
    for (const Date day : days) {
        if (day > as_of) {
            for (auto* row : {&looked_after, &with_iro, &fte, &per_fte, &handbook, &cap}) {
                row->cells.push_back(Cell::none());
            }
            continue;
        }
        std::set<std::string> allocated;
        for (const auto& a : data.allocations) {
            if (allocated_on(a, day)) {
                allocated.insert(a.child_id);
            }
        }
        long long children_on = 0;
        long long with = 0;
        for (const auto& child : children) {
            if (looked_after_on(child, day)) {
                ++children_on;
                with += allocated.count(child.child_id) > 0 ? 1 : 0;
            }
        }
        bool configured = false;
        const double iros = service_fte(service, data, day, configured);
        (configured ? any_configured : any_counted) = true;
        looked_after.cells.push_back(Cell::of_count(children_on));
        with_iro.cells.push_back(Cell::of_count(with));
        fte.cells.push_back(iros > 0 ? Cell::of_ratio(iros) : Cell::none());
        if (iros <= 0) {
            per_fte.cells.push_back(Cell::none());
            handbook.cells.push_back(Cell::none());
            cap.cells.push_back(Cell::none());
            continue;
        }
        const double load = std::round(static_cast<double>(with) / iros * 10.0) / 10.0;
        per_fte.cells.push_back(Cell::of_ratio(load));
        handbook.cells.push_back(Cell::of_text(load > kHandbookHigh  ? "above"
                                               : load < kHandbookLow ? "below"
                                                                     : "within"));
        if (service.caseload_cap) {
            cap.cells.push_back(Cell::of_text(load > *service.caseload_cap ? "above" : "within"));
        }
    }
    t.rows = {std::move(looked_after), std::move(with_iro), std::move(fte), std::move(per_fte),
              std::move(handbook)};
    if (service.caseload_cap) {
        t.rows.push_back(std::move(cap));
    }
    t.source = "The case records (episodes; IRO allocations from the SSD involvements). FTE: ";
    t.source += any_configured && any_counted ? "the configuration (iro_service.fte) where it "
                                                "covers the day, else the IROs allocated that day"
                : any_configured              ? "the configuration (iro_service.fte)"
                                 : "the IROs allocated that day, each at the FTE the SSD "
                                   "professionals extract gives (1 where none)";
    t.source += ".";
    return t;
}

}  // namespace iro::reports::annual
