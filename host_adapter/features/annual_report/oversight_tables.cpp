#include "annual_report/oversight_tables.hpp"

#include <fmt/format.h>

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace iro::reports::annual {

namespace {

constexpr std::string_view kSource =
    "The IRO's oversight notes on the children's files (the oversight-notes module; a mid-point "
    "is a note of kind midpoint, a RAG rating one of kind rag), with the case records' reviews, "
    "episodes and IRO allocations.";

std::vector<std::string> labels(const std::vector<OversightMeasures>& periods) {
    std::vector<std::string> out;
    out.reserve(periods.size());
    for (const auto& m : periods) {
        out.push_back(m.period.label);
    }
    return out;
}

}  // namespace

ReportTable midpoint_table(const std::vector<MidpointMeasures>& years) {
    ReportTable t;
    t.title = "Mid-point checks";
    t.definition = fmt::format(
        "Review cycles: from one review to the next, the later held in the year; with a "
        "mid-point when a mid-point note is dated between the two. Children with the same IRO "
        "for more than three months within the year, and of them those with a mid-point in that "
        "time. First reviews of a period of care held in the year, with a mid-point within {} "
        "weeks after.",
        years.front().first_weeks);
    t.source = std::string(kSource);
    t.row_heading = "Measure";
    for (const auto& m : years) {
        t.columns.push_back(m.period.label);
    }
    TableRow cycles{"Review cycles ending in the year", {}, false};
    TableRow with{"with a mid-point", {}, false};
    TableRow share{"% of review cycles with a mid-point", {}, false};
    TableRow allocated{"Children with the same IRO for more than 3 months", {}, false};
    TableRow allocated_with{"with a mid-point in that time", {}, false};
    TableRow allocated_share{"% of those children with a mid-point", {}, false};
    TableRow first{"First reviews", {}, false};
    TableRow first_in_time{"with a mid-point in time after them", {}, false};
    TableRow first_share{"% of first reviews with a mid-point in time", {}, false};
    for (const auto& m : years) {
        cycles.cells.push_back(Cell::of_count(m.cycles));
        with.cells.push_back(Cell::of_count(m.cycles_with_midpoint));
        share.cells.push_back(Cell::of_percent(m.cycles_with_midpoint, m.cycles));
        allocated.cells.push_back(Cell::of_count(m.allocated_over_3_months));
        allocated_with.cells.push_back(Cell::of_count(m.allocated_with_midpoint));
        allocated_share.cells.push_back(
            Cell::of_percent(m.allocated_with_midpoint, m.allocated_over_3_months));
        first.cells.push_back(Cell::of_count(m.first_reviews));
        first_in_time.cells.push_back(Cell::of_count(m.first_midpoint_in_time));
        first_share.cells.push_back(Cell::of_percent(m.first_midpoint_in_time, m.first_reviews));
    }
    t.rows = {std::move(cycles),    std::move(with),           std::move(share),
              std::move(allocated), std::move(allocated_with), std::move(allocated_share),
              std::move(first),     std::move(first_in_time),  std::move(first_share)};
    return t;
}

ReportTable open_prompts_table(const MidpointMeasures& measures) {
    ReportTable t;
    t.title = "Prompts open now, by IRO and team";
    t.definition =
        "Every module's prompts open on the day measured, by the child's IRO and the team of the "
        "child's social worker then; overdue: past their due day.";
    t.source = std::string(kSource);
    t.row_heading = "IRO, team";
    t.columns = {"Open", "of which overdue"};
    for (const auto& p : measures.open_prompts) {
        t.rows.push_back({(p.iro_id.empty() ? std::string("No IRO") : p.iro_id) + ", " +
                              (p.team_id.empty() ? std::string("no team") : p.team_id),
                          {Cell::of_count(p.open), Cell::of_count(p.overdue)},
                          false});
    }
    return t;
}

namespace {

ReportTable footprint(const std::vector<OversightMeasures>& periods) {
    ReportTable t;
    t.title = "IRO oversight between reviews";
    t.definition =
        "Children looked after on some day of the period, and those of them with an oversight "
        "note dated in it; the same for children looked after on its first and last day. Notes "
        "recorded: originals dated in the period (an amendment is not a new note).";
    t.source = std::string(kSource);
    t.row_heading = "Children looked after";
    t.columns = labels(periods);
    t.chart = {Chart::columns, {}, 2};  // the share with oversight, period by period
    TableRow looked_after{"Looked after in the period", {}, false};
    TableRow overseen{"with an oversight note in it", {}, false};
    TableRow share{"% with an oversight note", {}, false};
    TableRow throughout{"Looked after throughout the period", {}, false};
    TableRow throughout_overseen{"with an oversight note in it", {}, false};
    TableRow throughout_share{"% of those with an oversight note", {}, false};
    TableRow notes{"Oversight notes recorded", {}, false};
    for (const auto& m : periods) {
        looked_after.cells.push_back(Cell::of_count(m.looked_after));
        overseen.cells.push_back(Cell::of_count(m.looked_after_with_oversight));
        share.cells.push_back(Cell::of_percent(m.looked_after_with_oversight, m.looked_after));
        throughout.cells.push_back(Cell::of_count(m.looked_after_throughout));
        throughout_overseen.cells.push_back(Cell::of_count(m.throughout_with_oversight));
        throughout_share.cells.push_back(
            Cell::of_percent(m.throughout_with_oversight, m.looked_after_throughout));
        notes.cells.push_back(Cell::of_count(m.notes));
    }
    t.rows = {std::move(looked_after),
              std::move(overseen),
              std::move(share),
              std::move(throughout),
              std::move(throughout_overseen),
              std::move(throughout_share),
              std::move(notes)};
    return t;
}

ReportTable notes_by_kind(const std::vector<OversightMeasures>& periods) {
    ReportTable t;
    t.title = "Oversight notes by kind";
    t.definition = "Oversight notes dated in each period (originals), by their kind.";
    t.source = std::string(kSource);
    t.row_heading = "Kind of note";
    t.columns = labels(periods);
    std::set<std::string> kinds;
    for (const auto& m : periods) {
        for (const auto& [kind, n] : m.notes_by_kind) {
            kinds.insert(kind);
        }
    }
    for (const auto& kind : kinds) {
        TableRow row{kind, {}, false};
        for (const auto& m : periods) {
            const auto it = m.notes_by_kind.find(kind);
            row.cells.push_back(Cell::of_count(it == m.notes_by_kind.end() ? 0 : it->second));
        }
        t.rows.push_back(std::move(row));
    }
    TableRow all{"All notes", {}, true};
    for (const auto& m : periods) {
        all.cells.push_back(Cell::of_count(m.notes));
    }
    t.rows.push_back(std::move(all));
    return t;
}

// The year's and each compared year's ratings: the whole-year measures among `periods`.
ReportTable rag_ratings(const std::vector<const OversightMeasures*>& years) {
    ReportTable t;
    t.title = "RAG ratings of reviews";
    t.definition =
        "The ratings IROs gave reviews held in the year (RAG notes dated in it, as last amended): "
        "green, amber or red.";
    t.source = std::string(kSource);
    t.row_heading = "Rating";
    t.chart = {Chart::bars, {1}, std::nullopt};
    for (const auto* m : years) {
        t.columns.push_back(m->period.label + ": number");
        t.columns.push_back(m->period.label + ": %");
    }
    const std::vector<std::pair<std::string, std::string>> kRatings{
        {"green", "Green"}, {"amber", "Amber"}, {"red", "Red"}};
    std::vector<long long> totals;
    for (const auto* m : years) {
        long long all = 0;
        for (const auto& [rating, n] : m->rag_ratings) {
            all += n;
        }
        totals.push_back(all);
    }
    for (const auto& [code, label] : kRatings) {
        TableRow row{label, {}, false};
        for (std::size_t y = 0; y < years.size(); ++y) {
            const auto it = years[y]->rag_ratings.find(code);
            const long long n = it == years[y]->rag_ratings.end() ? 0 : it->second;
            row.cells.push_back(Cell::of_count(n));
            row.cells.push_back(Cell::of_percent(n, totals[y]));
        }
        t.rows.push_back(std::move(row));
    }
    TableRow all{"All rated", {}, true};
    for (const auto n : totals) {
        all.cells.push_back(Cell::of_count(n));
        all.cells.push_back(Cell::of_percent(n, n));
    }
    t.rows.push_back(std::move(all));
    return t;
}

}  // namespace

ReportTable consultation_table(const std::vector<ConsultationMeasures>& periods) {
    ReportTable t;
    t.title = "Consultation before the review";
    t.definition =
        "Reviews held in the period (not cancelled), and those for which the IRO's consultation "
        "notes record consulting the child before it: dated after the child's previous review "
        "(or within six months, for a first review) and on or before the review; by a visit; "
        "15 or more working days before (the council's closure days left out); and a parent "
        "consulted. Visits: consultations of a child by a visit dated in the period.";
    t.source = std::string(kSource);
    t.row_heading = "Reviews held";
    t.chart = {Chart::columns, {}, 2};  // the share with the child consulted
    TableRow held{"Reviews held", {}, false};
    TableRow child{"with the child consulted before", {}, false};
    TableRow child_share{"% with the child consulted", {}, false};
    TableRow visited{"with the child visited before", {}, false};
    TableRow early{"with the child consulted 15 or more working days before", {}, false};
    TableRow parent{"with a parent consulted before", {}, false};
    TableRow parent_share{"% with a parent consulted", {}, false};
    TableRow visits{"Visits to children recorded", {}, false};
    for (const auto& m : periods) {
        t.columns.push_back(m.period.label);
        held.cells.push_back(Cell::of_count(m.reviews_held));
        child.cells.push_back(Cell::of_count(m.child_consulted));
        child_share.cells.push_back(Cell::of_percent(m.child_consulted, m.reviews_held));
        visited.cells.push_back(Cell::of_count(m.child_visited));
        early.cells.push_back(Cell::of_count(m.consulted_15_days));
        parent.cells.push_back(Cell::of_count(m.parent_consulted));
        parent_share.cells.push_back(Cell::of_percent(m.parent_consulted, m.reviews_held));
        visits.cells.push_back(Cell::of_count(m.visits));
    }
    t.rows = {std::move(held),  std::move(child),  std::move(child_share),  std::move(visited),
              std::move(early), std::move(parent), std::move(parent_share), std::move(visits)};
    return t;
}

std::vector<ReportTable> footprint_tables(const std::vector<OversightMeasures>& periods,
                                          std::size_t first_whole_year) {
    std::vector<const OversightMeasures*> years;
    for (std::size_t i = first_whole_year; i < periods.size(); ++i) {
        years.push_back(&periods[i]);
    }
    return {footprint(periods), notes_by_kind(periods), rag_ratings(years)};
}

}  // namespace iro::reports::annual
