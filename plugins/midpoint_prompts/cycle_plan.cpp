#include "cycle_plan.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string_view>
#include <utility>

#include "iro/plugin_api/review_schedule.hpp"

namespace iro::midpoint_prompts {

namespace {

using plugin::Date;
using plugin::to_iso;

Date plus_days(Date day, int days) {
    return Date{std::chrono::sys_days{day} + std::chrono::days{days}};
}

int days_from(Date from, Date to) {
    return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

std::optional<Date> date_field(const nlohmann::json& body, const char* name) {
    const auto it = body.find(name);
    if (it == body.end() || !it->is_string()) {
        return std::nullopt;
    }
    return plugin::parse_iso_date(it->get<std::string>());
}

// A review cycle: from an anchor (the day the child became looked after, or a review held) to the
// next review.
struct Cycle {
    std::string anchor;     // "entry-2019-04-01" or the review's id
    std::string review_id;  // empty for the entry anchor
    // 0 for entry, else the review's number in the period; kUnknownNumber for a review of a
    // period whose start is not in the records.
    int number = 0;
    Date from{};
    Date next_due{};                                  // when the next review is due
    const schedule::TimedReview* ended_by = nullptr;  // the next review, once held
};

constexpr int kUnknownNumber = -1;

class Planner {
  public:
    Planner(const plugin::CaseFile& file, const PromptSettings& settings,
            const PlanCalendars& calendars, Date as_of, bool qaf_enabled,
            std::span<const plugin::ReviewDistribution> sent)
        : file_(file),
          s_(settings),
          calendars_(calendars),
          calendar_(calendars.practice),
          as_of_(as_of),
          qaf_enabled_(qaf_enabled),
          sent_(sent) {}

    ChildPlan plan() {
        // Statutory dates from the regulations' calendar; every lead time below from the
        // council's practice calendar (calendar_).
        const auto sched =
            schedule::compute_review_timetable(file_.episodes, file_.reviews, calendars_.statutory,
                                               as_of_, {calendars_.short_breaks_reviewed});
        ChildPlan out;
        if (sched.periods.empty()) {
            out.not_looked_after = Closing{
                "episode", file_.child.id, as_of_, "the child is not looked after on ", as_of_, {}};
            return out;
        }
        const schedule::TimedPeriod& period = sched.periods.back();
        if (period.end) {
            out.not_looked_after = Closing{
                "episode", file_.child.id, *period.end, "the child left care on ", *period.end, {}};
            return out;
        }
        if (period.regime == schedule::ReviewRegime::none) {
            out.not_looked_after = Closing{
                "episode",
                file_.child.id,
                as_of_,
                "the child is in short-break care only (V3/V4), which this council does not review",
                std::nullopt,
                {}};
            return out;
        }
        out.obligations.reserve(12);  // at most five a cycle, and two quarters
        for (const Cycle& cycle : last_cycles(period)) {
            add_cycle(cycle, out.obligations);
        }
        add_quarter(period.timed_from, as_of_, out.obligations);
        add_quarter(period.timed_from, plus_days(quarter_start(as_of_), -1), out.obligations);
        return out;
    }

  private:
    // The current cycle and the one before it (what that one left open closes with its review);
    // earlier cycles are history, and a child in care for years has many.
    std::vector<Cycle> last_cycles(const schedule::TimedPeriod& period) const {
        const auto& reviews = period.reviews;
        // Cycle 0 runs from entry to the first review; cycle i from review i to review i + 1.
        // When the period's start is not in the records, neither is cycle 0's due day: the
        // cycles start at the first review held, and with none there is nothing to time.
        const std::size_t first = period.start_known == schedule::PeriodStart::entered_care ? 0 : 1;
        const std::size_t count = reviews.size() + 1;
        std::vector<Cycle> cycles;
        for (std::size_t i = std::max(first, count >= 2 ? count - 2 : 0); i < count; ++i) {
            Cycle c = i == 0 ? Cycle{"entry-" + to_iso(period.timed_from),
                                     {},
                                     0,
                                     period.timed_from,
                                     {},
                                     nullptr}
                             : Cycle{reviews[i - 1].review_id,
                                     reviews[i - 1].review_id,
                                     reviews[i - 1].number.value_or(kUnknownNumber),
                                     reviews[i - 1].held_on,
                                     {},
                                     nullptr};
            const auto due = i < reviews.size() ? reviews[i].due_by : period.next_due;
            if (!due) {
                continue;  // only the first review of an unknown start, skipped above
            }
            if (i < reviews.size()) {
                c.next_due = *due;
                c.ended_by = &reviews[i];
            } else {
                c.next_due = current_next_due(c, *due);
            }
            cycles.push_back(std::move(c));
        }
        return cycles;
    }

    // The statutory due day, brought forward by an early review the IRO asked for (a
    // significant-change note) or one already booked in the case records.
    Date current_next_due(const Cycle& cycle, Date statutory) const {
        Date due = statutory;
        for (const auto& note : file_.notes) {
            if (note.module_id != s_.notes_module || note.kind != "significant_change" ||
                note.occurred_on < cycle.from || note.occurred_on > as_of_ ||
                !note.body.value("early_review_needed", false)) {
                continue;
            }
            if (const auto by = date_field(note.body, "early_review_by"); by && *by > cycle.from) {
                due = std::min(due, *by);
            }
        }
        for (const auto& review : file_.reviews) {
            if (!review.held_on && !review.cancelled && review.due_on &&
                *review.due_on > cycle.from) {
                due = std::min(due, *review.due_on);
            }
        }
        return due;
    }

    // The first note from the notes module of `kind` (any kind when empty) dated in [lo, hi].
    const plugin::NoteRecord* first_note(std::string_view kind, Date lo, Date hi) const {
        const plugin::NoteRecord* found = nullptr;
        for (const auto& note : file_.notes) {
            if (note.module_id != s_.notes_module || (!kind.empty() && note.kind != kind) ||
                note.occurred_on < lo || note.occurred_on > hi) {
                continue;
            }
            if (found == nullptr || note.occurred_on < found->occurred_on) {
                found = &note;
            }
        }
        return found;
    }

    // The RAG rating recorded for the review held on `day`: the latest rag note about it.
    const plugin::NoteRecord* rag_for(Date day) const {
        const plugin::NoteRecord* found = nullptr;
        for (const auto& note : file_.notes) {
            if (note.module_id == s_.notes_module && note.kind == "rag" &&
                note.occurred_on <= as_of_ && date_field(note.body, "date") == day &&
                (found == nullptr || note.occurred_on >= found->occurred_on)) {
                found = &note;
            }
        }
        return found;
    }

    // A due day the module works out that falls on a weekend or bank holiday moves to the next
    // working day; a day the IRO set is kept as they set it.
    Date working_or_next(Date day) const {
        return calendar_.is_working_day(day) ? day : calendar_.add_working_days(day, 1);
    }

    // `recorded` reads "consultation recorded on ", and the note's day follows.
    static std::optional<Closing> by_note(const plugin::NoteRecord* note,
                                          std::string_view recorded) {
        if (note == nullptr) {
            return std::nullopt;
        }
        return Closing{"note", note->note_id, note->occurred_on, recorded, note->occurred_on, {}};
    }

    Obligation make(const Cycle& cycle, std::string_view kind, Date opens, Date due) const {
        Obligation o;
        o.key.reserve(file_.child.id.size() + kind.size() + cycle.anchor.size() + 2);
        o.key.append(file_.child.id).append(":").append(kind).append(":").append(cycle.anchor);
        o.kind = kind;
        o.opens_on = std::max(opens, cycle.from);
        o.due_on = due;
        o.cycle_from = cycle.from;
        o.next_review_due = cycle.next_due;
        o.review_id = cycle.review_id;
        return o;
    }

    // Closes `o` with the next review once it is held, unless something already satisfied it.
    // `before` reads " was held before a consultation was recorded".
    static void lapse_with_review(const Cycle& cycle, Obligation& o, std::string_view before) {
        if (cycle.ended_by != nullptr && !o.satisfied_by) {
            o.lapsed_by =
                Closing{"review",         cycle.ended_by->review_id, cycle.ended_by->held_on,
                        "the review of ", cycle.ended_by->held_on,   before};
        }
    }

    void add_cycle(const Cycle& cycle, std::vector<Obligation>& out) const {
        const Date n = cycle.next_due;
        // Records count from the day after a review (that day's notes are about the review) and
        // up to the next review, never after the "as of" day.
        const Date lo = cycle.number == 0 ? cycle.from : plus_days(cycle.from, 1);
        const Date hi = cycle.ended_by ? std::min(cycle.ended_by->held_on, as_of_) : as_of_;

        Obligation review = make(cycle, kReviewDue,
                                 calendar_.add_working_days(n, -s_.review_notice_working_days), n);
        if (cycle.ended_by != nullptr) {
            const auto* held = cycle.ended_by;
            const std::string_view how = !held->due_by   ? "held on "
                                         : held->on_time ? "held on time on "
                                                         : "held late on ";
            review.satisfied_by =
                Closing{"review", held->review_id, held->held_on, how, held->held_on, {}};
        }
        out.push_back(std::move(review));

        const Date consult_by = calendar_.add_working_days(n, -s_.consultation_working_days_before);
        Obligation consult =
            make(cycle, kConsultation,
                 calendar_.add_working_days(consult_by, -s_.preparation_notice_working_days),
                 consult_by);
        consult.satisfied_by =
            by_note(first_note("consultation", lo, hi), "consultation recorded on ");
        lapse_with_review(cycle, consult, " was held before a consultation was recorded");
        out.push_back(std::move(consult));

        const Date report_by = calendar_.add_working_days(n, -s_.sw_report_working_days_before);
        Obligation report = make(
            cycle, kSwReport,
            calendar_.add_working_days(report_by, -s_.preparation_notice_working_days), report_by);
        lapse_with_review(cycle, report, " was held before the report was marked done");
        out.push_back(std::move(report));

        if (cycle.number != 0) {
            add_midpoint(cycle, lo, hi, out);
            if (qaf_enabled_) {
                add_qaf(cycle, out);
            }
            if (s_.distribution_prompts_from && cycle.from >= *s_.distribution_prompts_from) {
                add_distribution(cycle, out);
            }
        }
    }

    // The review's decisions and its full record, each due so many working days after it (IRO
    // Handbook 2010, ch. 4; counted, like the review's own dates, in the regulations' working
    // days). Met by the day it was first sent; the next review being held does not excuse it.
    void add_distribution(const Cycle& cycle, std::vector<Obligation>& out) const {
        const plugin::ReviewDistribution* sent = nullptr;
        for (const auto& d : sent_) {
            if (d.review_id == cycle.review_id) {
                sent = &d;
            }
        }
        const auto add = [&](std::string_view kind, int within,
                             std::optional<Date> plugin::ReviewDistribution::*field,
                             std::string_view lead) {
            const Date due = calendars_.statutory.add_working_days(cycle.from, within);
            Obligation o = make(cycle, kind, cycle.from, due);
            if (sent != nullptr && (sent->*field) && *(sent->*field) <= as_of_) {
                const Date on = *(sent->*field);
                o.satisfied_by = Closing{"review", cycle.review_id, on, lead, on, {}};
            }
            out.push_back(std::move(o));
        };
        add(kReviewDecisions, s_.decisions_within_working_days,
            &plugin::ReviewDistribution::decisions_sent_on, "decisions sent on ");
        add(kReviewRecord, s_.record_within_working_days,
            &plugin::ReviewDistribution::record_sent_on, "record sent on ");
    }

    void add_midpoint(const Cycle& cycle, Date lo, Date hi, std::vector<Obligation>& out) const {
        const Date n = cycle.next_due;
        const plugin::NoteRecord* rag = rag_for(cycle.from);
        const std::string rating = rag != nullptr ? rag->body.value("rating", "") : "";
        // The IRO's own follow-up day when they set one, else the default the rating implies.
        const auto follow_up_or = [&](Date fallback) {
            if (rag != nullptr) {
                if (const auto set = date_field(rag->body, "follow_up_by")) {
                    return *set;
                }
            }
            return working_or_next(fallback);
        };
        Date opens{};
        Date due{};
        if (rating == "red") {
            opens = cycle.from;
            due = follow_up_or(plus_days(cycle.from, 7 * s_.red_follow_up_weeks));
        } else if (rating == "amber") {
            opens = plus_days(cycle.from, 7 * s_.amber_check_from_weeks);
            due = follow_up_or(plus_days(cycle.from, 7 * s_.amber_check_by_weeks));
        } else {
            due = plus_days(cycle.from, days_from(cycle.from, n) / 2);
            if (cycle.number == 1) {
                due = std::min(due, plus_days(cycle.from, 7 * s_.first_review_midpoint_weeks));
            }
            due = working_or_next(due);
            if (due >= n) {
                return;  // the next review comes first: it is the check
            }
            opens = calendar_.add_working_days(due, -s_.midpoint_notice_working_days);
        }
        Obligation o = make(cycle, kMidpointCheck, opens, due);
        o.rag = rating;
        o.satisfied_by = by_note(first_note("midpoint", lo, hi), "mid-point check recorded on ");
        lapse_with_review(cycle, o, " was held before a mid-point check was recorded");
        out.push_back(std::move(o));
    }

    void add_qaf(const Cycle& cycle, std::vector<Obligation>& out) const {
        const Date due = working_or_next(plus_days(cycle.from, s_.qaf_within_days));
        Obligation o = make(cycle, kQafOutstanding, due, due);
        for (const auto& r : file_.responses) {
            if (r.module_id == s_.qaf_module && r.questionnaire == s_.qaf_questionnaire &&
                r.review_id == cycle.review_id && r.completed_on <= as_of_) {
                o.satisfied_by = Closing{"response",          r.response_id,  r.completed_on,
                                         "QAF completed on ", r.completed_on, {}};
                break;
            }
        }
        lapse_with_review(cycle, o, " was held before the QAF was completed");
        out.push_back(std::move(o));
    }

    // The quarter holding `day`: due at its end, open from oversight_notice_days before, met by
    // any oversight note from its first day on (a late note still closes it).
    void add_quarter(Date looked_after_from, Date day, std::vector<Obligation>& out) const {
        const Date start = quarter_start(day);
        const Date end = plus_days(quarter_start(plus_days(start, 95)), -1);
        const Date opens = plus_days(end, -s_.oversight_notice_days);
        if (looked_after_from > opens) {
            return;
        }
        Obligation o;
        o.key = file_.child.id + ":" + kOversightQuarter + ":" + quarter_label(day);
        o.kind = kOversightQuarter;
        o.opens_on = opens;
        o.due_on = end;
        o.cycle_from = start;
        o.satisfied_by = by_note(first_note({}, start, as_of_), "oversight recorded on ");
        out.push_back(std::move(o));
    }

    static Date quarter_start(Date day) {
        const unsigned m = static_cast<unsigned>(day.month());
        const unsigned start_month = m >= 4 ? ((m - 4) / 3) * 3 + 4 : 1;
        return Date{day.year(), std::chrono::month{start_month}, std::chrono::day{1}};
    }

    const plugin::CaseFile& file_;
    const PromptSettings& s_;
    const PlanCalendars& calendars_;
    const plugin::WorkingDayCalendar& calendar_;  // practice: the council's lead times
    Date as_of_;
    bool qaf_enabled_;
    std::span<const plugin::ReviewDistribution> sent_;
};

}  // namespace

std::string quarter_label(plugin::Date day) {
    const int y = static_cast<int>(day.year());
    const unsigned m = static_cast<unsigned>(day.month());
    const int fy = m >= 4 ? y : y - 1;
    const unsigned q = m >= 4 ? (m - 4) / 3 + 1 : 4;
    const int next = (fy + 1) % 100;
    return std::to_string(fy) + "-" + (next < 10 ? "0" : "") + std::to_string(next) + "Q" +
           std::to_string(q);
}

std::string Closing::reason() const {
    std::string text(lead);
    if (day) {
        text += to_iso(*day);
    }
    text += tail;
    return text;
}

Addressees addressees_of(std::string_view kind) {
    if (kind == kSwReport) {
        return {"social_worker", {"iro", "team_manager"}};
    }
    if (kind == kQafOutstanding || kind == kOversightQuarter || kind == kReviewDecisions ||
        kind == kReviewRecord) {
        return {"iro", {"iro_manager"}};
    }
    return {"iro", {"social_worker", "team_manager"}};
}

namespace {

// The body as named parts; nullopt is JSON null. body_of and revision_of both read this, so the
// digest covers exactly what the prompt says.
using BodyField = std::pair<std::string_view, std::optional<std::string>>;

std::vector<BodyField> body_fields(const Obligation& o, const PromptSettings& s) {
    const std::string from = to_iso(o.cycle_from);
    if (o.kind == kOversightQuarter) {
        const std::string label = quarter_label(o.cycle_from);
        return {{"title", "No IRO oversight recorded this quarter"},
                {"detail", "Quarter " + label + " (" + from + " to " + to_iso(o.due_on) +
                               "): record oversight on the child's file at least once."},
                {"cycle_from", from},
                {"quarter", label}};
    }
    const std::string n = to_iso(o.next_review_due);
    std::vector<BodyField> fields;
    if (o.kind == kReviewDue) {
        fields = {{"title", "Review due"},
                  {"detail", "The child's next statutory review is due by " + n + "."}};
    } else if (o.kind == kConsultation) {
        fields = {{"title", "Consult the child or carer and the social worker"},
                  {"detail", "Before the review due by " + n + ", at least " +
                                 std::to_string(s.consultation_working_days_before) +
                                 " working days ahead."}};
    } else if (o.kind == kSwReport) {
        fields = {{"title", "Social worker's report for the review"},
                  {"detail", "Due " + std::to_string(s.sw_report_working_days_before) +
                                 " working days before the review due by " + n + "."}};
    } else if (o.kind == kMidpointCheck) {
        const char* title = o.rag == "red"     ? "RAG red: IRO follow-up due"
                            : o.rag == "amber" ? "RAG amber: interim check due"
                            : o.rag == "green" ? "Desktop mid-way review due"
                                               : "Mid-point check due";
        fields = {{"title", title},
                  {"detail", "Between the review of " + from + " and the next, due by " + n + "."},
                  {"midpoint_on", to_iso(o.due_on)},
                  {"rag", o.rag.empty() ? std::nullopt : std::optional<std::string>(o.rag)}};
    } else if (o.kind == kReviewDecisions || o.kind == kReviewRecord) {
        const bool decisions = o.kind == kReviewDecisions;
        const int within =
            decisions ? s.decisions_within_working_days : s.record_within_working_days;
        fields = {{"title", decisions ? "Send the review's decisions" : "Send the review record"},
                  {"detail", std::string(decisions ? "The decisions of the review of "
                                                   : "The full record of the review of ") +
                                 from + (decisions ? " are" : " is") +
                                 " due to be sent to those involved in the child's care by " +
                                 to_iso(o.due_on) + ", " + std::to_string(within) +
                                 " working days after it."},
                  {"send_by", to_iso(o.due_on)}};
    } else if (o.kind == kQafOutstanding) {
        fields = {{"title", "QAF not completed"},
                  {"detail", "The quality assurance questionnaire for the review of " + from +
                                 " was due within " + std::to_string(s.qaf_within_days * 24) +
                                 " hours."}};
    }
    fields.emplace_back("cycle_from", from);
    fields.emplace_back("next_review_due", n);
    if (!o.review_id.empty()) {
        fields.emplace_back("review_id", o.review_id);
    }
    return fields;
}

// FNV-1a, 64 bits: stable across builds and platforms, which std::hash does not promise.
class Digest {
  public:
    void add(std::string_view text) {
        for (const char c : text) {
            hash_ = (hash_ ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
        }
        // A separator no text holds, so ("ab", "c") and ("a", "bc") differ.
        hash_ = (hash_ ^ 0x1fU) * 0x100000001b3ULL;
    }
    std::string hex() const {
        static constexpr char kDigits[] = "0123456789abcdef";
        std::string out(16, '0');
        std::uint64_t h = hash_;
        for (std::size_t i = 16; i-- > 0; h >>= 4U) {
            out[i] = kDigits[h & 0xfU];
        }
        return out;
    }

  private:
    std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

}  // namespace

nlohmann::json body_of(const Obligation& o, const PromptSettings& settings) {
    nlohmann::json body = nlohmann::json::object();
    for (auto& [name, value] : body_fields(o, settings)) {
        body[std::string(name)] = value ? nlohmann::json(std::move(*value)) : nlohmann::json();
    }
    return body;
}

std::string revision_of(const Obligation& o, const PromptSettings& settings) {
    Digest d;
    d.add(o.kind);
    const Addressees who = addressees_of(o.kind);
    d.add(who.audience);
    for (const auto& role : who.visible_to) {
        d.add(role);
    }
    for (const auto& [name, value] : body_fields(o, settings)) {
        d.add(name);
        d.add(value ? std::string_view(*value) : std::string_view("\x1e"));
    }
    return d.hex();
}

plugin::PromptDraft draft_of(const std::string& child_id, const Obligation& o,
                             const PromptSettings& settings, plugin::Date as_of) {
    Addressees who = addressees_of(o.kind);
    return {o.key,
            child_id,
            std::string(o.kind),
            std::string(who.audience),
            std::move(who.visible_to),
            o.due_on,
            as_of > o.due_on,
            body_of(o, settings),
            revision_of(o, settings)};
}

ChildPlan plan_child(const plugin::CaseFile& file, const PromptSettings& settings,
                     const PlanCalendars& calendars, plugin::Date as_of, bool qaf_enabled,
                     std::span<const plugin::ReviewDistribution> sent) {
    return Planner(file, settings, calendars, as_of, qaf_enabled, sent).plan();
}

bool may_owe_distribution(const plugin::CaseFile& file, const PromptSettings& settings) {
    if (!settings.distribution_prompts_from) {
        return false;
    }
    return std::any_of(file.reviews.begin(), file.reviews.end(), [&](const plugin::Review& r) {
        return r.held_on && !r.cancelled && *r.held_on >= *settings.distribution_prompts_from;
    });
}

}  // namespace iro::midpoint_prompts
