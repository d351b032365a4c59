#include "qaf/definition_store.hpp"

#include <fmt/format.h>

namespace iro::questionnaires {

namespace {

std::int64_t response_count(store::Database& db, std::string_view questionnaire, int version) {
    auto s = db.prepare(
        "SELECT count(*) FROM questionnaire_responses WHERE questionnaire = ? AND "
        "questionnaire_version = ?");
    s.bind(1, questionnaire).bind(2, std::int64_t{version});
    s.step();
    const auto n = s.integer(0);
    s.reset();
    return n;
}

}  // namespace

bool store_definition(store::Database& db, std::string_view module_id, const Definition& d,
                      std::string_view defined_at) {
    store::Savepoint sp(db);
    auto owner = db.prepare(
        "SELECT module_id FROM questionnaire_definitions WHERE questionnaire = ? LIMIT 1");
    owner.bind(1, d.id);
    if (owner.step() && owner.text_view(0) != module_id) {
        throw DefinitionError(
            fmt::format("{} belongs to module {}, not {}", d.id, owner.text(0), module_id));
    }
    owner.reset();
    auto existing = db.prepare(
        "SELECT definition FROM questionnaire_definitions WHERE questionnaire = ? AND version = ?");
    existing.bind(1, d.id).bind(2, std::int64_t{d.version});
    const std::string text = d.source.dump();
    if (existing.step()) {
        const bool same = nlohmann::json::parse(existing.text_view(0)) == d.source;
        existing.reset();
        if (same) {
            return false;
        }
        if (const auto n = response_count(db, d.id, d.version); n > 0) {
            throw DefinitionError(fmt::format(
                "{} has {} responses and is never changed; define version {} for the new "
                "questions",
                d.reference(), n, d.version + 1));
        }
        db.prepare(
              "UPDATE questionnaire_definitions SET definition = ?, defined_at = ? WHERE "
              "questionnaire = ? AND version = ?")
            .bind(1, text)
            .bind(2, defined_at)
            .bind(3, d.id)
            .bind(4, std::int64_t{d.version})
            .run();
        sp.commit();
        return true;
    }
    existing.reset();
    db.prepare(
          "INSERT INTO questionnaire_definitions (questionnaire, version, module_id, definition, "
          "defined_at) VALUES (?, ?, ?, ?, ?)")
        .bind(1, d.id)
        .bind(2, std::int64_t{d.version})
        .bind(3, module_id)
        .bind(4, text)
        .bind(5, defined_at)
        .run();
    sp.commit();
    return true;
}

std::optional<Definition> load_definition(store::Database& db, std::string_view questionnaire,
                                          int version) {
    auto s = db.prepare(version > 0 ? "SELECT definition FROM questionnaire_definitions WHERE "
                                      "questionnaire = ? AND version = ?"
                                    : "SELECT definition FROM questionnaire_definitions WHERE "
                                      "questionnaire = ? AND ? = 0 ORDER BY version DESC LIMIT 1");
    s.bind(1, questionnaire).bind(2, std::int64_t{version});
    if (!s.step()) {
        return std::nullopt;
    }
    auto d = parse_definition(nlohmann::json::parse(s.text_view(0)));
    s.reset();
    return d;
}

std::vector<DefinitionSummary> list_definitions(store::Database& db) {
    auto s = db.prepare(
        "SELECT d.questionnaire, d.version, d.module_id, json_extract(d.definition, '$.title'), "
        "d.defined_at, (SELECT count(*) FROM questionnaire_responses r WHERE r.questionnaire = "
        "d.questionnaire AND r.questionnaire_version = d.version AND NOT EXISTS (SELECT 1 FROM "
        "questionnaire_responses a WHERE a.amends = r.response_id)) FROM "
        "questionnaire_definitions d ORDER BY d.questionnaire, d.version");
    std::vector<DefinitionSummary> out;
    while (s.step()) {
        out.push_back({s.text(0), static_cast<int>(s.integer(1)), s.text(2), s.text(3), s.text(4),
                       s.integer(5)});
    }
    return out;
}

}  // namespace iro::questionnaires
