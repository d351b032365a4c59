#pragma once
// The unit of work a module's host writes join. The host opens one store transaction for each
// hook or request; prompt, alert and notification writes join it rather than committing on their
// own. A write that fails partway has then left the unit half-done, so it is remembered, and the
// host rolls the whole unit back even when the module catches the error and carries on. Outside a
// unit (a module's start()), each write is a transaction of its own.

#include <optional>
#include <string>
#include <utility>

#include "iro/plugin_api/services.hpp"
#include "store/sqlite.hpp"

namespace iro::services {

class WriteUnit {
  public:
    explicit WriteUnit(store::Database& db) : db_(db) {}

    /// Runs `write` inside the current unit, or in a transaction of its own when there is none.
    template <typename Write>
    auto run(Write&& write) {
        if (!db_.in_transaction()) {
            store::Transaction tx(db_);
            auto result = write();
            tx.commit();
            return result;
        }
        try {
            return write();
        } catch (const plugin::HostError&) {
            throw;  // refused before anything was written (the stores' promise)
        } catch (const std::exception& e) {
            if (!failed_write_) {
                failed_write_ = e.what();
            }
            throw;
        }
    }

    /// The first write that failed inside the current unit of work, and forgets it: the host asks
    /// once the hook or request returns.
    std::optional<std::string> take_failed_write() { return std::exchange(failed_write_, {}); }

  private:
    store::Database& db_;
    std::optional<std::string> failed_write_;
};

}  // namespace iro::services
