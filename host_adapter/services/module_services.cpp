#include "services/module_services.hpp"

namespace iro::services {

ModuleServices::ModuleServices(const SharedServices& shared, const loader::Manifest& manifest,
                               nlohmann::json config)
    : shared_(shared),
      config_(std::move(config)),
      records_(shared.records, manifest.id, manifest.reads),
      outputs_(shared.db, manifest.id, shared.clock),
      gated_outputs_(outputs_, manifest.id, manifest.writes),
      logger_(manifest.id),
      storage_(shared.db, manifest.id) {}

}  // namespace iro::services
