#include "access/request_child.hpp"

#include <array>

#include "common/error.hpp"

namespace iro::access {

namespace {

struct NamedRecord {
    const char* field;  ///< the input's field naming the record
    const char* what;   ///< how a person calls it
    const char* sql;    ///< its child, from its id
};

// A review's id may be the CMS's or, for a review the host learnt of from an event, that id with
// "event:" before it (store/case_records).
constexpr std::array<NamedRecord, 5> kRecords{{
    {"note_id", "note", "SELECT child_id FROM notes WHERE note_id = ?1"},
    {"alert_id", "alert", "SELECT child_id FROM alerts WHERE alert_id = ?1"},
    {"review_id", "review",
     "SELECT child_id FROM reviews WHERE review_id IN (?1, 'event:' || ?1) LIMIT 1"},
    {"response_id", "questionnaire response",
     "SELECT child_id FROM questionnaire_responses WHERE response_id = ?1"},
    {"prompt_id", "prompt", "SELECT child_id FROM prompts WHERE prompt_id = ?1"},
}};

}  // namespace

std::optional<std::string> child_of_record(store::Database& db, std::string_view field,
                                           const std::string& id) {
    for (const auto& record : kRecords) {
        if (field == record.field) {
            store::CachedUse owner(db, record.sql);
            owner->bind(1, id);
            if (owner->step()) {
                return owner->text(0);
            }
            return std::nullopt;
        }
    }
    throw Error(ErrorKind::failed, "no record is named by " + std::string(field));
}

std::optional<std::string> child_of_request(store::Database& db, const nlohmann::json& input) {
    std::optional<std::string> child;
    if (const auto it = input.find("child_id"); it != input.end() && it->is_string()) {
        child = it->get<std::string>();
    }
    for (const auto& record : kRecords) {
        const auto it = input.find(record.field);
        if (it == input.end() || !it->is_string()) {
            continue;  // absent, or of a type the module will refuse in its own words
        }
        const auto id = it->get<std::string>();
        const auto owner_child = child_of_record(db, record.field, id);
        if (!owner_child || (child && *child != *owner_child)) {
            throw Error(ErrorKind::not_found,
                        (child ? "child " + *child + " has no " : std::string("there is no ")) +
                            record.what + " " + id);
        }
        child = owner_child;
    }
    return child;
}

}  // namespace iro::access
