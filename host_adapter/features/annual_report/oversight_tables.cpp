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
    t.columns = year_columns(periods_of(years), {""});
    using M = MidpointMeasures;
    const auto cycles = [](const M& m) { return m.cycles; };
    const auto with = [](const M& m) { return m.cycles_with_midpoint; };
    const auto allocated = [](const M& m) { return m.allocated_over_3_months; };
    const auto allocated_with = [](const M& m) { return m.allocated_with_midpoint; };
    const auto first = [](const M& m) { return m.first_reviews; };
    const auto first_in_time = [](const M& m) { return m.first_midpoint_in_time; };
    t.rows = {
        count_row("Review cycles ending in the year", years, cycles),
        count_row("with a mid-point", years, with),
        share_row("% of review cycles with a mid-point", years, with, cycles),
        count_row("Children with the same IRO for more than 3 months", years, allocated),
        count_row("with a mid-point in that time", years, allocated_with),
        share_row("% of those children with a mid-point", years, allocated_with, allocated),
        count_row("First reviews", years, first),
        count_row("with a mid-point in time after them", years, first_in_time),
        share_row("% of first reviews with a mid-point in time", years, first_in_time, first)};
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
    t.columns = year_columns(periods_of(periods), {""});
    t.chart = {Chart::columns, {}, 2};  // the share with oversight, period by period
    using M = OversightMeasures;
    const auto all = [](const M& m) { return m.looked_after; };
    const auto overseen = [](const M& m) { return m.looked_after_with_oversight; };
    const auto throughout = [](const M& m) { return m.looked_after_throughout; };
    const auto throughout_overseen = [](const M& m) { return m.throughout_with_oversight; };
    t.rows = {
        count_row("Looked after in the period", periods, all),
        count_row("with an oversight note in it", periods, overseen),
        share_row("% with an oversight note", periods, overseen, all),
        count_row("Looked after throughout the period", periods, throughout),
        count_row("with an oversight note in it", periods, throughout_overseen),
        share_row("% of those with an oversight note", periods, throughout_overseen, throughout),
        count_row("Oversight notes recorded", periods, [](const M& m) { return m.notes; })};
    return t;
}

ReportTable notes_by_kind(const std::vector<OversightMeasures>& periods) {
    ReportTable t;
    t.title = "Oversight notes by kind";
    t.definition = "Oversight notes dated in each period (originals), by their kind.";
    t.source = std::string(kSource);
    t.row_heading = "Kind of note";
    t.columns = year_columns(periods_of(periods), {""});
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
    using M = ConsultationMeasures;
    t.columns = year_columns(periods_of(periods), {""});
    const auto held = [](const M& m) { return m.reviews_held; };
    const auto child = [](const M& m) { return m.child_consulted; };
    const auto parent = [](const M& m) { return m.parent_consulted; };
    t.rows = {
        count_row("Reviews held", periods, held),
        count_row("with the child consulted before", periods, child),
        share_row("% with the child consulted", periods, child, held),
        count_row("with the child visited before", periods,
                  [](const M& m) { return m.child_visited; }),
        count_row("with the child consulted 15 or more working days before", periods,
                  [](const M& m) { return m.consulted_15_days; }),
        count_row("with a parent consulted before", periods, parent),
        share_row("% with a parent consulted", periods, parent, held),
        count_row("Visits to children recorded", periods, [](const M& m) { return m.visits; })};
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
