#include "qaf/response_store.hpp"

#include "events/case_event_queue.hpp"
#include "store/children.hpp"

namespace iro::questionnaires {

namespace {
constexpr std::string_view kColumns =
    "response_id, module_id, questionnaire, child_id, review_id, completed_on, author_id, "
    "author_role, recorded_at, answers";
}  // namespace

std::string_view response_columns() {
    return kColumns;
}

plugin::ResponseRecord read_response(const store::Statement& row) {
    plugin::ResponseRecord r;
    r.response_id = std::to_string(row.integer(0));
    r.module_id = row.text(1);
    r.questionnaire = row.text(2);
    r.child_id = row.text(3);
    r.review_id = row.text(4);
    r.completed_on = plugin::parse_iso_date(row.text(5)).value_or(plugin::Date{});
    r.author_id = row.text(6);
    r.author_role = row.text(7);
    r.recorded_at = row.text(8);
    r.answers = nlohmann::json::parse(row.text(9));
    return r;
}

plugin::ResponseRecord store_response(store::Database& db, const NewResponse& response) {
    const plugin::ResponseDraft& d = response.draft;
    if (d.questionnaire.empty()) {
        throw plugin::HostError("a questionnaire response needs the questionnaire's name");
    }
    if (!d.completed_on.ok()) {
        throw plugin::HostError("a questionnaire response needs the day it was completed");
    }
    store::Savepoint sp(db);
    if (!store::child_exists(db, d.child_id)) {
        throw plugin::HostError("child " + d.child_id + " is not in the case records");
    }
    if (!d.review_id.empty()) {
        auto review = db.prepare("SELECT child_id FROM reviews WHERE review_id = ?");
        review.bind(1, d.review_id);
        if (!review.step() || review.text(0) != d.child_id) {
            throw plugin::HostError("review " + d.review_id + " is not one of child " + d.child_id +
                                    "'s reviews");
        }
    }
    db.prepare(
          "INSERT INTO questionnaire_responses (module_id, questionnaire, child_id, review_id, "
          "completed_on, author_id, author_role, answers, recorded_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, response.module_id)
        .bind(2, d.questionnaire)
        .bind(3, d.child_id)
        .bind(4, d.review_id)
        .bind(5, plugin::to_iso(d.completed_on))
        .bind(6, response.author_id)
        .bind(7, response.author_role)
        .bind(8, d.answers.dump())
        .bind(9, response.recorded_at)
        .run();
    const std::string id = std::to_string(db.last_insert_rowid());
    store::enqueue_case_event(db, {"response:" + id,
                                   "questionnaire_completed",
                                   d.child_id,
                                   plugin::to_iso(d.completed_on),
                                   {{"response_id", id},
                                    {"module_id", response.module_id},
                                    {"questionnaire", d.questionnaire},
                                    {"review_id", d.review_id}},
                                   "module:" + response.module_id,
                                   response.recorded_at});
    auto stored = db.prepare("SELECT " + std::string(kColumns) +
                             " FROM questionnaire_responses WHERE response_id = ?");
    stored.bind(1, std::int64_t{std::stoll(id)});
    stored.step();
    plugin::ResponseRecord record = read_response(stored);
    stored.reset();
    sp.commit();
    return record;
}

std::vector<plugin::ResponseRecord> responses_of(store::Database& db, std::string_view child_id) {
    auto s = db.prepare("SELECT " + std::string(kColumns) +
                        " FROM questionnaire_responses WHERE child_id = ? ORDER BY response_id");
    s.bind(1, child_id);
    std::vector<plugin::ResponseRecord> out;
    while (s.step()) {
        out.push_back(read_response(s));
    }
    return out;
}

std::vector<ReviewAwaitingResponse> reviews_awaiting_response(store::Database& db,
                                                              std::string_view child_id,
                                                              std::int64_t limit) {
    auto reviews = db.prepare(
        "SELECT r.review_id, r.held_on FROM reviews r WHERE r.child_id = ? AND r.held_on IS "
        "NOT NULL AND r.cancelled = 0 AND NOT EXISTS (SELECT 1 FROM questionnaire_responses q "
        "WHERE q.review_id = r.review_id) ORDER BY r.held_on DESC LIMIT ?");
    reviews.bind(1, child_id).bind(2, limit);
    std::vector<ReviewAwaitingResponse> out;
    while (reviews.step()) {
        std::string id = reviews.text(0);
        if (id.rfind("event:", 0) == 0) {
            id = id.substr(6);  // as the CMS names it
        }
        out.push_back({std::move(id), reviews.text(1)});
    }
    return out;
}

}  // namespace iro::questionnaires
