#pragma once
// One module's private key-value storage, on the host's database.

#include <string>

#include "iro/plugin_api/services.hpp"
#include "store/sqlite.hpp"

namespace iro::store {

class ModuleKeyValueStore final : public plugin::KeyValueStore {
  public:
    ModuleKeyValueStore(Database& db, std::string module_id)
        : db_(db), module_id_(std::move(module_id)) {}

    std::optional<std::string> get(std::string_view key) const override;
    void put(std::string_view key, std::string_view value) override;
    bool erase(std::string_view key) override;
    std::vector<std::string> keys(std::string_view prefix) const override;

  private:
    Database& db_;
    std::string module_id_;
};

}  // namespace iro::store
