#include "services/module_questionnaires.hpp"

#include "clock/timestamps.hpp"
#include "qaf/definition_store.hpp"
#include "qaf/submission_store.hpp"

namespace iro::services {

void ModuleQuestionnaires::require(bool allowed, const char* what) const {
    if (!allowed) {
        throw plugin::HostError("module " + module_id_ + " may not " + what +
                                ": its manifest does not list it in records");
    }
}

const questionnaires::Definition* ModuleQuestionnaires::cached(std::string_view id,
                                                               int version) const {
    if (version > 0) {
        if (auto it = cache_.find(std::pair<std::string, int>{std::string(id), version});
            it != cache_.end()) {
            return &it->second;
        }
    }
    auto loaded = questionnaires::load_definition(db_, id, version);
    if (!loaded) {
        return nullptr;
    }
    const int v = loaded->version;
    auto [it, added] = cache_.insert_or_assign({std::string(id), v}, std::move(*loaded));
    return &it->second;
}

void ModuleQuestionnaires::define(const nlohmann::json& definition) {
    require(permissions_.define, "define questionnaires (records.writes: questionnaires)");
    questionnaires::Definition parsed;
    try {
        parsed = questionnaires::parse_definition(definition);
    } catch (const questionnaires::DefinitionError& e) {
        throw plugin::HostError(e.what());
    }
    unit_.run([&] {
        try {
            return questionnaires::store_definition(db_, module_id_, parsed,
                                                    clock::utc_timestamp(clock_.now()));
        } catch (const questionnaires::DefinitionError& e) {
            throw plugin::HostError(e.what());
        }
    });
    cache_.erase({parsed.id, parsed.version});
}

std::optional<nlohmann::json> ModuleQuestionnaires::definition(std::string_view id,
                                                               int version) const {
    const auto* d = cached(id, version);
    if (d == nullptr) {
        return std::nullopt;
    }
    return d->source;
}

std::vector<std::string> ModuleQuestionnaires::defined_ids() const {
    std::vector<std::string> ids;
    for (const auto& d : questionnaires::list_definitions(db_)) {
        if (ids.empty() || ids.back() != d.questionnaire) {
            ids.push_back(d.questionnaire);
        }
    }
    return ids;
}

plugin::SubmittedResponse ModuleQuestionnaires::submit(const plugin::Submission& submission) {
    require(permissions_.submit,
            "submit questionnaire responses (records.writes: questionnaire_responses)");
    const auto* d = cached(submission.questionnaire, submission.version);
    if (d == nullptr) {
        throw plugin::HostError(
            "questionnaire " + submission.questionnaire +
            (submission.version > 0 ? " version " + std::to_string(submission.version) : "") +
            " is not defined");
    }
    const questionnaires::SubmissionAuthor author{
        module_id_, actor_ ? actor_->worker_id : "module:" + module_id_,
        actor_ ? actor_->role : std::string("module"), clock::utc_timestamp(clock_.now())};
    return unit_.run(
        [&] { return questionnaires::submit_response(db_, records_, *d, submission, author); });
}

std::optional<plugin::SubmittedResponse> ModuleQuestionnaires::find(
    std::string_view response_id) const {
    require(permissions_.read, "read questionnaire responses");
    return questionnaires::find_submitted(db_, response_id);
}

std::vector<plugin::SubmittedResponse> ModuleQuestionnaires::of_review(
    std::string_view review_id) const {
    require(permissions_.read, "read questionnaire responses");
    return questionnaires::submitted_for_review(db_, review_id);
}

std::optional<plugin::SubmittedResponse> ModuleQuestionnaires::find_external(
    std::string_view questionnaire, std::string_view source, std::string_view external_id) const {
    require(permissions_.read, "read questionnaire responses");
    return questionnaires::find_by_external_id(db_, questionnaire, source, external_id);
}

}  // namespace iro::services
