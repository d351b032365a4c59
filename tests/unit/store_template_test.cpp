// A new store written from the build's template image is the store the migrations make.

#include "store/store_template.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "store/migrations.hpp"
#include "store/store_file.hpp"
#include "support/temp_dir.hpp"

namespace iro::store {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> rows(Database& db, const std::string& sql) {
    std::vector<std::string> out;
    auto stmt = db.prepare(sql);
    while (stmt.step()) {
        std::string row;
        for (int i = 0; i < stmt.column_count(); ++i) {
            row += (stmt.is_null(i) ? "NULL" : stmt.text(i)) + "|";
        }
        out.push_back(row);
    }
    return out;
}

std::string slurp(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

constexpr const char* kSchema =
    "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name";
constexpr const char* kSettings =
    "SELECT (SELECT page_size FROM pragma_page_size), (SELECT journal_mode FROM "
    "pragma_journal_mode), (SELECT user_version FROM pragma_user_version)";

TEST(StoreTemplateTest, ANewStoreIsTheStoreTheMigrationsMake) {
    test::TempDir dir;
    auto migrated = Database::open(dir.path() / "migrated.sqlite3");
    ASSERT_EQ(migrate(migrated, "2026-12-05T10:00:00Z"), static_cast<int>(migrations().size()));

    ASSERT_TRUE(create_store_from_template(dir.path() / "new.sqlite3", "2026-12-05T10:00:00Z"));
    auto created = Database::open(dir.path() / "new.sqlite3");
    EXPECT_EQ(migrate(created, "later"), 0) << "the image is not at the latest version";

    EXPECT_EQ(rows(created, kSchema), rows(migrated, kSchema));
    EXPECT_EQ(rows(created, kSettings), rows(migrated, kSettings));
    EXPECT_EQ(rows(created, "SELECT * FROM schema_migrations ORDER BY version"),
              rows(migrated, "SELECT * FROM schema_migrations ORDER BY version"));
    EXPECT_EQ(rows(created, "PRAGMA integrity_check"), std::vector<std::string>{"ok|"});
    EXPECT_EQ(store_template_image().version, migrations().back().version);

    // Written aside and moved into place: nothing else is left in the directory.
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir.path())) {
        names.push_back(entry.path().filename().string());
    }
    EXPECT_THAT(names, testing::Each(testing::Not(testing::HasSubstr(".creating-"))));

    // It takes writes like any store.
    created.exec("INSERT INTO children (child_id) VALUES ('C1')");
    EXPECT_EQ(rows(created, "SELECT child_id FROM children"), std::vector<std::string>{"C1|"});
}

TEST(StoreTemplateTest, AFileAlreadyThereIsLeftAsItIs) {
    test::TempDir dir;
    const fs::path path = dir.path() / "store.sqlite3";
    {
        auto db = open_store(path, "2026-12-05T10:00:00Z");
        db.exec("INSERT INTO children (child_id) VALUES ('C1')");
    }
    const std::string before = slurp(path);
    EXPECT_FALSE(create_store_from_template(path, "2026-12-06T10:00:00Z"));
    EXPECT_TRUE(slurp(path) == before);

    // Something that is not a store is not replaced either: opening it reports it.
    const fs::path other = dir.path() / "other";
    std::ofstream(other) << "not a database";
    EXPECT_FALSE(create_store_from_template(other, "2026-12-06T10:00:00Z"));
    EXPECT_EQ(slurp(other), "not a database");
    EXPECT_THROW(open_store(other, "2026-12-06T10:00:00Z"), SqliteError);

    auto db = open_store(path, "2026-12-07T10:00:00Z");
    EXPECT_EQ(rows(db, "SELECT child_id FROM children"), std::vector<std::string>{"C1|"});
    EXPECT_EQ(rows(db, "SELECT DISTINCT applied_at FROM schema_migrations"),
              std::vector<std::string>{"2026-12-05T10:00:00Z|"});
}

TEST(StoreTemplateTest, TheTimeRecordedMustBeAUtcTimestamp) {
    test::TempDir dir;
    EXPECT_THROW(create_store_from_template(dir.path() / "a.sqlite3", "2026-12-05"),
                 std::invalid_argument);
    EXPECT_THROW(create_store_from_template(dir.path() / "a.sqlite3", "2026-12-05T10:00:00+"),
                 std::invalid_argument);
    EXPECT_FALSE(fs::exists(dir.path() / "a.sqlite3"));
}

TEST(StoreTemplateTest, ADirectoryThatCannotBeWrittenIsASystemError) {
    test::TempDir dir;
    EXPECT_THROW(
        create_store_from_template(dir.path() / "missing" / "s.sqlite3", "2026-12-05T10:00:00Z"),
        std::system_error);
}

}  // namespace
}  // namespace iro::store
