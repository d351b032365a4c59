#include "loader/manifest.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "loader/descriptor_check.hpp"
#include "support/temp_dir.hpp"

namespace iro::loader {
namespace {

using testing::HasSubstr;

const char* kValid = R"({
  "id": "placement-stability",
  "version": "2.1.0",
  "api_version": "1.0",
  "library": "placement_stability.so",
  "description": "Flags three or more placement moves in a year.",
  "events": ["placement_changed", "daily_tick"],
  "config_schema": {
    "type": "object",
    "properties": {
      "moves": { "type": "integer", "minimum": 1, "default": 3 },
      "label": { "type": "string" }
    }
  },
  "enabled_by_default": false,
  "records": { "reads": ["episodes"], "writes": ["alerts"] }
})";

class ManifestTest : public testing::Test {
  protected:
    std::filesystem::path write(const std::string& text) {
        auto path = dir.path() / "placement_stability.json";
        std::ofstream(path) << text;
        return path;
    }

    std::string error_of(const std::string& text) {
        try {
            read_manifest(write(text));
        } catch (const ManifestError& e) {
            return e.what();
        }
        return "(accepted)";
    }

    static std::string replace(std::string text, const std::string& from, const std::string& to) {
        text.replace(text.find(from), from.size(), to);
        return text;
    }

    test::TempDir dir;
};

TEST_F(ManifestTest, ValidManifestIsRead) {
    const Manifest m = read_manifest(write(kValid));
    EXPECT_EQ(m.id, "placement-stability");
    EXPECT_EQ(m.version, "2.1.0");
    EXPECT_EQ(m.api_major, 1);
    EXPECT_EQ(m.api_minor, 0);
    EXPECT_EQ(m.library_path, dir.path() / "placement_stability.so");
    EXPECT_TRUE(m.subscribes_to(plugin::EventKind::placement_changed));
    EXPECT_FALSE(m.subscribes_to(plugin::EventKind::review_held));
    EXPECT_FALSE(m.enabled_by_default);
    EXPECT_EQ(m.config_defaults, (nlohmann::json{{"moves", 3}}));
    EXPECT_EQ(m.reads, (std::set<std::string>{"episodes"}));
    EXPECT_EQ(effective_config(m, nullptr), (nlohmann::json{{"moves", 3}}));
    const nlohmann::json stored{{"label", "x"}};
    EXPECT_EQ(effective_config(m, &stored), (nlohmann::json{{"moves", 3}, {"label", "x"}}));
}

TEST_F(ManifestTest, InvalidJsonGivesFileLineAndColumn) {
    const std::string error = error_of("{\n  \"id\": \"x\",\n  \"version\" \"1.0.0\"\n}");
    EXPECT_THAT(error, HasSubstr("placement_stability.json:3:"));
    EXPECT_THAT(error, HasSubstr("invalid JSON"));
}

TEST_F(ManifestTest, EachSchemaViolationNamesTheField) {
    EXPECT_THAT(error_of(replace(kValid, R"("events": ["placement_changed", "daily_tick"],)", "")),
                HasSubstr("events"));
    EXPECT_THAT(error_of(replace(kValid, "\"placement_changed\"", "\"placement_moved\"")),
                HasSubstr("/events/0"));
    EXPECT_THAT(error_of(replace(kValid, "placement_stability.so", "../evil/x.so")),
                HasSubstr("/library"));
    EXPECT_THAT(error_of(replace(kValid, "\"2.1.0\"", "\"two\"")), HasSubstr("/version"));
    EXPECT_THAT(error_of(replace(kValid, "\"placement-stability\"", "\"Placement Stability\"")),
                HasSubstr("/id"));
    EXPECT_THAT(error_of(replace(kValid, "\"enabled_by_default\": false",
                                 "\"enabled_by_default\": false, \"extra\": 1")),
                HasSubstr("extra"));
}

TEST_F(ManifestTest, ConfigSchemaMustBeUsableAndItsDefaultsValid) {
    EXPECT_THAT(
        error_of(replace(kValid, R"("minimum": 1, "default": 3)", R"("minimum": 5, "default": 3)")),
        HasSubstr("/config_schema: its defaults do not satisfy it"));
    EXPECT_THAT(error_of(replace(kValid, R"("type": "integer")", R"("type": "integral")")),
                HasSubstr("/config_schema: not a usable JSON Schema"));
    // Found by fuzzing: std::regex threw regex_error out of the read on this pattern.
    EXPECT_THAT(error_of(replace(kValid, R"("label": { "type": "string" })",
                                 R"("label": { "type": "string", "pattern": "a{2,1}" })")),
                HasSubstr("/config_schema: not a usable JSON Schema: /properties/label/pattern: "
                          "not a regular expression"));
}

TEST_F(ManifestTest, ManifestDeclaringAnotherApiIsRejectedBeforeOpening) {
    const Manifest newer = read_manifest(write(replace(kValid, "\"1.0\"", "\"1.7\"")));
    const auto minor = check_manifest_api(newer);
    ASSERT_TRUE(minor);
    EXPECT_TRUE(minor->incompatible);
    EXPECT_EQ(minor->reason,
              "its manifest declares plugin API 1.7, newer than this host's API 1.6; upgrade "
              "iro-host to run it");
    const Manifest other = read_manifest(write(replace(kValid, "\"1.0\"", "\"2.0\"")));
    EXPECT_THAT(check_manifest_api(other)->reason, HasSubstr("the major version must match"));
    EXPECT_FALSE(check_manifest_api(read_manifest(write(kValid))));
}

}  // namespace
}  // namespace iro::loader
