// store::Conditions: only the filters a query sets reach its WHERE clause, their values bound in
// order, so SQLite can choose the index for each; the static "(? = '' OR column = ?)" form it
// replaces made SQLite scan the table, as the query plans below show.

#include "store/conditions.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/store_fixture.hpp"

namespace iro {
namespace {

using testing::HasSubstr;

std::string plan(store::Database& db, const std::string& sql) {
    auto s = db.prepare("EXPLAIN QUERY PLAN " + sql);
    std::string out;
    while (s.step()) {
        out += s.text(3) + "\n";
    }
    return out;
}

TEST(Conditions, OnlyTheFiltersSetAreInTheClauseAndBoundInOrder) {
    store::Conditions none;
    none.equal_if_set("child_id", "").equal_if_set("kind", "");
    EXPECT_EQ(none.where(), "");

    store::Conditions some;
    some.equal_if_set("child_id", "C1")
        .equal_if_set("kind", "")
        .add("state IN ('open', 'acknowledged')")
        .add("due_on BETWEEN ? AND ?", {"2024-01-01", "2024-12-31"});
    EXPECT_EQ(some.where(),
              " WHERE (child_id = ?) AND (state IN ('open', 'acknowledged')) AND "
              "(due_on BETWEEN ? AND ?)");

    auto db = store::Database::open(":memory:");
    auto s = db.prepare("SELECT ?, ?, ?, ?");
    EXPECT_EQ(some.bind(s), 4);
    s.bind(4, "limit");
    ASSERT_TRUE(s.step());
    EXPECT_EQ(s.text(0), "C1");
    EXPECT_EQ(s.text(1), "2024-01-01");
    EXPECT_EQ(s.text(2), "2024-12-31");
    EXPECT_EQ(s.text(3), "limit");
}

class ConditionsPlanTest : public test::MigratedStoreTest {};

TEST_F(ConditionsPlanTest, AChildsRowsAreFoundByIndexWhereTheStaticFormScans) {
    store::Conditions child;
    child.equal_if_set("child_id", "C1");
    store::Conditions audited;  // audit::search's: the index on child_id is a partial one
    audited.add("child_id = ? AND child_id <> ''", {"C1"});
    for (const char* table : {"prompts", "notes", "alerts", "audit_log"}) {
        const auto& where = std::string(table) == "audit_log" ? audited : child;
        const std::string sql = std::string("SELECT * FROM ") + table + where.where();
        EXPECT_THAT(plan(db, sql), HasSubstr("USING INDEX")) << table;
        EXPECT_THAT(
            plan(db, std::string("SELECT * FROM ") + table + " WHERE (?1 = '' OR child_id = ?1)"),
            HasSubstr("SCAN"))
            << table;
    }
}

}  // namespace
}  // namespace iro
