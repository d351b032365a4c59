#include "services/module_services.hpp"

namespace iro::services {

ModuleServices::ModuleServices(const SharedServices& shared, const loader::Manifest& manifest,
                               nlohmann::json config)
    : shared_(shared),
      config_(std::move(config)),
      records_(shared.records, manifest.id, manifest.reads),
      outputs_(shared.db, manifest.id, shared.clock, actor_),
      gated_outputs_(outputs_, manifest.id, manifest.reads, manifest.writes),
      logger_(manifest.id),
      storage_(shared.db, manifest.id),
      writeback_(shared.db, shared.cms, manifest.id, shared.clock),
      unit_(shared.db),
      prompts_(shared.db, unit_, manifest.id, shared.clock, manifest.writes.count("prompts") != 0,
               shared.go_live),
      alerts_(shared.db, unit_, manifest.id, shared.clock, actor_,
              manifest.writes.count("alerts") != 0),
      notifications_(shared.db, unit_, manifest.id, shared.clock,
                     manifest.writes.count("notifications") != 0),
      questionnaires_(shared.db, unit_, manifest.id, shared.clock, shared.records, actor_,
                      {manifest.writes.count("questionnaires") != 0,
                       manifest.writes.count("questionnaire_responses") != 0,
                       manifest.reads.count("questionnaire_responses") != 0 ||
                           manifest.writes.count("questionnaire_responses") != 0}) {}

std::vector<plugin::SchemaViolation> ModuleServices::validate(
    const nlohmann::json& schema, const nlohmann::json& document) const {
    const std::string key = schema.dump();
    auto it = schemas_.find(key);
    if (it == schemas_.end()) {
        try {
            it = schemas_.emplace(key, schema::JsonSchema::compile(schema)).first;
        } catch (const schema::InvalidSchema& e) {
            throw plugin::HostError(std::string("not a usable JSON Schema: ") + e.what());
        }
    }
    std::vector<plugin::SchemaViolation> violations;
    for (auto& v : it->second.validate(document)) {
        violations.push_back({std::move(v.pointer), std::move(v.message)});
    }
    return violations;
}

}  // namespace iro::services
