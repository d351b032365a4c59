#include "qaf/submission_store.hpp"

#include <fmt/format.h>

#include "events/case_event_queue.hpp"
#include "iro/plugin_api/services.hpp"
#include "qaf/answer_check.hpp"
#include "qaf/review_context.hpp"

namespace iro::questionnaires {

namespace {

constexpr std::string_view kColumns =
    "response_id, module_id, questionnaire, questionnaire_version, coalesce(child_id, ''), "
    "review_id, completed_on, author_id, author_role, submitted_at, recorded_at, iro_id, "
    "team_id, legal_status, age_band, source, external_id, coalesce(amends, ''), reason, answers, "
    "other_texts";

plugin::SubmittedResponse read_submitted(const store::Statement& row) {
    plugin::SubmittedResponse r;
    r.response_id = std::to_string(row.integer(0));
    r.module_id = row.text(1);
    r.questionnaire = row.text(2);
    r.version = static_cast<int>(row.integer(3));
    r.child_id = row.text(4);
    r.review_id = row.text(5);
    r.review_date = plugin::parse_iso_date(row.text(6)).value_or(plugin::Date{});
    r.author_id = row.text(7);
    r.author_role = row.text(8);
    r.submitted_at = row.text(9);
    r.recorded_at = row.text(10);
    r.iro_id = row.text(11);
    r.team_id = row.text(12);
    r.legal_status = row.text(13);
    r.age_band = row.text(14);
    r.source = row.text(15);
    r.external_id = row.text(16);
    r.amends = row.text(17);
    r.reason = row.text(18);
    r.answers = nlohmann::json::parse(row.text_view(19));
    r.other = nlohmann::json::parse(row.text_view(20));
    return r;
}

std::vector<plugin::SubmittedResponse> select(store::Database& db, const std::string& where,
                                              std::string_view a, std::string_view b = {},
                                              std::string_view c = {}) {
    auto s = db.prepare("SELECT " + std::string(kColumns) + " FROM questionnaire_responses WHERE " +
                        where + " ORDER BY response_id");
    s.bind(1, a);
    if (!b.empty()) {
        s.bind(2, b);
    }
    if (!c.empty()) {
        s.bind(3, c);
    }
    std::vector<plugin::SubmittedResponse> out;
    while (s.step()) {
        out.push_back(read_submitted(s));
    }
    return out;
}

std::optional<plugin::SubmittedResponse> first(std::vector<plugin::SubmittedResponse> rows) {
    if (rows.empty()) {
        return std::nullopt;
    }
    return std::move(rows.front());
}

[[noreturn]] void refuse(const Definition& d, const std::vector<std::string>& problems) {
    std::string message = "the response to " + d.reference() + " was not recorded:";
    for (const auto& p : problems) {
        message += "\n  " + p;
    }
    throw plugin::HostError(message);
}

}  // namespace

std::optional<plugin::SubmittedResponse> find_submitted(store::Database& db,
                                                        std::string_view response_id) {
    if (response_id.empty() || response_id.find_first_not_of("0123456789") != std::string::npos) {
        return std::nullopt;
    }
    return first(
        select(db, "response_id = CAST(? AS INTEGER) AND questionnaire_version > 0", response_id));
}

std::vector<plugin::SubmittedResponse> submitted_for_review(store::Database& db,
                                                            std::string_view review_id) {
    return select(db, "review_id = ? AND questionnaire_version > 0", review_id);
}

std::optional<plugin::SubmittedResponse> find_by_external_id(store::Database& db,
                                                             std::string_view questionnaire,
                                                             std::string_view source,
                                                             std::string_view external_id) {
    return first(
        select(db, "questionnaire = ? AND source = ? AND external_id = ? AND external_id <> ''",
               questionnaire, source, external_id));
}

std::optional<plugin::SubmittedResponse> current_for_review(store::Database& db,
                                                            std::string_view questionnaire,
                                                            std::string_view review_id) {
    return first(select(db,
                        "review_id = ? AND questionnaire = ? AND questionnaire_version > 0 AND "
                        "response_id NOT IN (SELECT amends FROM questionnaire_responses WHERE "
                        "amends IS NOT NULL)",
                        review_id, questionnaire));
}

plugin::SubmittedResponse submit_response(store::Database& db, const plugin::CaseRecords& records,
                                          const Definition& d, const plugin::Submission& s,
                                          const SubmissionAuthor& author) {
    std::vector<std::string> problems;
    std::optional<ReviewContext> context;
    if (!s.review_id.empty()) {
        context = review_context(records, s.review_id);
        if (s.review_date && *s.review_date != context->review_date) {
            problems.push_back(fmt::format("review_date: review {} was held on {}, not {}",
                                           s.review_id, plugin::to_iso(context->review_date),
                                           plugin::to_iso(*s.review_date)));
        }
    } else if (!s.review_date) {
        problems.emplace_back(
            "review_date: a response that follows no review in the case records needs the "
            "review's date");
    }
    std::optional<plugin::SubmittedResponse> amended;
    if (!s.amends.empty()) {
        amended = find_submitted(db, s.amends);
        if (!amended || amended->questionnaire != d.id) {
            problems.push_back(fmt::format("amends: there is no {} response {}", d.id, s.amends));
        } else {
            if (amended->review_id != (context ? context->review_id : std::string())) {
                problems.push_back(fmt::format("amends: response {} follows review '{}', not '{}'",
                                               s.amends, amended->review_id, s.review_id));
            }
            auto later = db.prepare(
                "SELECT response_id FROM questionnaire_responses WHERE amends = CAST(? AS "
                "INTEGER)");
            later.bind(1, s.amends);
            if (later.step()) {
                problems.push_back(fmt::format(
                    "amends: response {} was already amended by response {}; amend that one",
                    s.amends, later.integer(0)));
            }
        }
        if (s.reason.empty()) {
            problems.emplace_back("reason: an amendment says why the answers changed");
        }
    } else if (context) {
        if (const auto held = current_for_review(db, d.id, context->review_id)) {
            problems.push_back(
                fmt::format("review_id: review {} already has {} response {}; amend it instead",
                            s.review_id, d.id, held->response_id));
        }
    }
    if (!s.external_id.empty() && find_by_external_id(db, d.id, s.source, s.external_id)) {
        problems.push_back(fmt::format("external_id: {} response '{}' was recorded already",
                                       s.source, s.external_id));
    }
    // A QAF completed here answers every question that applies; history brought in from another
    // system, or a backlog from paper, keeps what it has.
    const auto checked = check_answers(
        d, s.answers, s.other, context ? context->facts : ReviewFacts{}, s.source == "product");
    problems.insert(problems.end(), checked.problems.begin(), checked.problems.end());
    if (!problems.empty()) {
        refuse(d, problems);
    }
    const plugin::Date review_date = context ? context->review_date : *s.review_date;
    const std::string submitted_at = s.submitted_at.empty() ? author.recorded_at : s.submitted_at;
    store::Savepoint sp(db);
    auto insert = db.prepare(
        "INSERT INTO questionnaire_responses (module_id, questionnaire, questionnaire_version, "
        "child_id, review_id, completed_on, author_id, author_role, answers, recorded_at, "
        "other_texts, submitted_at, iro_id, team_id, legal_status, age_band, source, external_id, "
        "amends, reason, codes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?)");
    insert.bind(1, author.module_id)
        .bind(2, d.id)
        .bind(3, std::int64_t{d.version})
        .bind(5, context ? context->review_id : std::string())
        .bind(6, plugin::to_iso(review_date))
        .bind(7, author.author_id)
        .bind(8, author.author_role)
        .bind(9, checked.answers.dump())
        .bind(10, author.recorded_at)
        .bind(11, checked.other.dump())
        .bind(12, submitted_at)
        .bind(17, s.source)
        .bind(18, s.external_id)
        .bind(20, s.reason)
        .bind_blob(21, pack_answers(d, checked.answers));
    if (context) {
        insert.bind(4, context->child_id)
            .bind(13, context->iro_id)
            .bind(14, context->team_id)
            .bind(15, context->legal_status)
            .bind(16, context->age_band);
    } else {
        insert.bind(4, std::nullopt).bind(13, "").bind(14, "").bind(15, "").bind(16, "");
    }
    if (amended) {
        insert.bind(19, std::int64_t{std::stoll(amended->response_id)});
    } else {
        insert.bind(19, std::nullopt);
    }
    insert.run();
    const std::string id = std::to_string(db.last_insert_rowid());
    if (context) {
        store::enqueue_case_event(db, {"response:" + id,
                                       "questionnaire_completed",
                                       context->child_id,
                                       plugin::to_iso(review_date),
                                       {{"response_id", id},
                                        {"module_id", author.module_id},
                                        {"questionnaire", d.id},
                                        {"review_id", context->review_id}},
                                       "module:" + author.module_id,
                                       author.recorded_at});
    }
    auto stored = find_submitted(db, id);
    sp.commit();
    return std::move(*stored);
}

}  // namespace iro::questionnaires
