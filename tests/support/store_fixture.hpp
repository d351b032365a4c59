#pragma once
// A test with its own migrated SQLite store in a temporary directory, and the helpers the import
// and intake tests share.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "importers/import_issue.hpp"
#include "store/migrations.hpp"
#include "support/store_queries.hpp"
#include "support/temp_dir.hpp"

namespace iro::test {

class MigratedStoreTest : public testing::Test {
  protected:
    MigratedStoreTest() : db(store::Database::open(root.path() / "store.sqlite3")) {
        store::migrate(db, "2024-06-30T00:00:00Z");
    }

    std::vector<std::string> rows(const std::string& sql, int columns = 1) {
        return query_rows(db, sql, columns);
    }

    /// The problems `attempt` was refused with; a test failure when it was not refused.
    template <class Attempt>
    static std::vector<importers::ImportIssue> refusal(Attempt&& attempt) {
        try {
            attempt();
        } catch (const importers::ImportRejected& e) {
            return e.problems();
        }
        ADD_FAILURE() << "not refused";
        return {};
    }

    TempDir root;
    store::Database db;
};

}  // namespace iro::test
