#include "reports/review_measures.hpp"

#include <algorithm>
#include <cmath>

#include "iro/plugin_api/review_schedule.hpp"

namespace iro::reports {

using plugin::Date;

namespace {

Date required_date(const std::string& text) {
    const auto day = plugin::parse_iso_date(text);
    if (!day) {
        throw std::runtime_error("the store holds a malformed date '" + text + "'");
    }
    return *day;
}

std::optional<Date> optional_date(const std::optional<std::string>& text) {
    return text ? std::optional<Date>(required_date(*text)) : std::nullopt;
}

bool in(Date day, const ReportPeriod& p, Date to) {
    return p.start <= day && day <= to;
}

}  // namespace

std::map<std::string, ChildHistory> load_histories(store::Database& db) {
    std::map<std::string, ChildHistory> children;
    auto episodes = db.prepare(
        "SELECT child_id, start_date, end_date, reason_new_episode, legal_status, placement, "
        "reason_ceased FROM episodes");
    while (episodes.step()) {
        const std::string child = episodes.text(0);
        children[child].episodes.push_back(
            {child, required_date(episodes.text(1)), optional_date(episodes.optional_text(2)),
             episodes.text(3), episodes.text(4), episodes.text(5), episodes.text(6)});
    }
    auto reviews = db.prepare(
        "SELECT review_id, child_id, held_on, due_on, participation, cancelled FROM reviews");
    while (reviews.step()) {
        const std::string child = reviews.text(1);
        children[child].reviews.push_back(
            {reviews.text(0), child, optional_date(reviews.optional_text(2)),
             optional_date(reviews.optional_text(3)), reviews.text(4), reviews.integer(5) != 0});
    }
    return children;
}

ReviewMeasures measure_reviews(const std::map<std::string, ChildHistory>& children,
                               const ReportPeriod& period,
                               const plugin::WorkingDayCalendar& calendar, Date as_of) {
    ReviewMeasures m;
    m.period = period;
    m.measured_to = std::min(period.end, as_of);
    if (m.measured_to < period.start) {
        return m;  // the period has not begun
    }
    for (const auto& [id, child] : children) {
        const auto schedule = schedule::compute_review_schedule(child.episodes, child.reviews,
                                                                calendar, m.measured_to);
        bool looked_after = false;
        bool overdue = false;
        int held = 0;
        int on_time = 0;
        for (const auto& p : schedule.periods) {
            if (!p.reviewable_from || *p.reviewable_from > m.measured_to ||
                (p.end && *p.end < period.start)) {
                continue;
            }
            looked_after = true;
            overdue |= p.next_due && *p.next_due < m.measured_to;
            for (const auto& r : p.reviews) {
                if (!in(r.held_on, period, m.measured_to)) {
                    continue;
                }
                ++held;
                on_time += r.on_time ? 1 : 0;
                const auto review =
                    std::find_if(child.reviews.begin(), child.reviews.end(),
                                 [&](const auto& x) { return x.id == r.review_id; });
                const std::string code = review->participation;
                ++m.participation[code];
                const int n = code.size() == 3 ? code[2] - '0' : -1;
                m.aged_4_plus += n >= 1 && n <= 7 ? 1 : 0;
                m.attended += n >= 1 && n <= 4 ? 1 : 0;
                m.views_conveyed += n >= 1 && n <= 6 ? 1 : 0;
            }
        }
        m.children_looked_after += looked_after ? 1 : 0;
        m.reviews_held += held;
        m.reviews_on_time += on_time;
        m.children_overdue += overdue ? 1 : 0;
        if (held > 0 || overdue) {
            ++m.children_reviewed;
            m.children_all_on_time += held == on_time && !overdue ? 1 : 0;
        }
    }
    return m;
}

double percent(int part, int whole) {
    return whole == 0 ? 0.0 : std::round(1000.0 * part / whole) / 10.0;
}

}  // namespace iro::reports
