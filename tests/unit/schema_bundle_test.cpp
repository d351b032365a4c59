// Bundling a document whose "$ref"s lead to other files into one a client can follow, with
// files given in memory.

#include "schema/schema_bundle.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "schema/json_schema.hpp"

namespace iro::schema {
namespace {

using testing::HasSubstr;

class Files {
  public:
    explicit Files(std::map<std::string, nlohmann::json> files) : files_(std::move(files)) {}
    SchemaLoader loader() {
        return [this](const std::string& path) {
            ++loads_[path];
            const auto it = files_.find(path);
            if (it == files_.end()) {
                throw std::runtime_error("no file " + path);
            }
            return it->second;
        };
    }
    int loads(const std::string& path) { return loads_[path]; }

  private:
    std::map<std::string, nlohmann::json> files_;
    std::map<std::string, int> loads_;
};

nlohmann::json root_document() {
    return nlohmann::json::parse(R"({
  "openapi": "3.1.0",
  "paths": {"/a": {"get": {"responses": {
    "200": {"content": {"application/json": {"schema": {"$ref": "api/alert.schema.json"}}}},
    "400": {"$ref": "#/components/responses/Problem"}}}}},
  "components": {"responses": {"Problem": {"description": "x"}}}
})");
}

TEST(SchemaBundleTest, EachFileBecomesOneNamedComponentAndEveryReferencePointsInside) {
    Files files({{"openapi.json", root_document()},
                 {"api/alert.schema.json", nlohmann::json::parse(R"({
                    "$schema": "http://json-schema.org/draft-07/schema#", "$id": "https://x/a",
                    "type": "object",
                    "definitions": {"date": {"type": "string"}},
                    "properties": {
                      "on": {"$ref": "#/definitions/date"},
                      "note": {"$ref": "note.schema.json"},
                      "rag": {"$ref": "../notes/rag.schema.json#/properties/rating"},
                      "again": {"$ref": "note.schema.json"}}})")},
                 {"api/note.schema.json",
                  {{"type", "object"}, {"properties", {{"up", {{"$ref", "alert.schema.json"}}}}}}},
                 {"notes/rag.schema.json", {{"properties", {{"rating", {{"enum", {"red"}}}}}}}}});
    const auto doc = bundle_openapi("openapi.json", files.loader());
    const auto& schemas = doc["components"]["schemas"];
    ASSERT_TRUE(schemas.contains("Alert"));
    ASSERT_TRUE(schemas.contains("Note"));
    ASSERT_TRUE(schemas.contains("NotesRag"));
    EXPECT_EQ(doc["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
                 ["$ref"],
              "#/components/schemas/Alert");
    EXPECT_EQ(doc["paths"]["/a"]["get"]["responses"]["400"]["$ref"],
              "#/components/responses/Problem");
    const auto& alert = schemas["Alert"];
    EXPECT_FALSE(alert.contains("$schema"));
    EXPECT_FALSE(alert.contains("$id"));
    EXPECT_EQ(alert["properties"]["on"]["$ref"], "#/components/schemas/Alert/definitions/date");
    EXPECT_EQ(alert["properties"]["note"]["$ref"], "#/components/schemas/Note");
    EXPECT_EQ(alert["properties"]["rag"]["$ref"],
              "#/components/schemas/NotesRag/properties/rating");
    // A cycle (Alert -> Note -> Alert) and a second reference load each file once.
    EXPECT_EQ(schemas["Note"]["properties"]["up"]["$ref"], "#/components/schemas/Alert");
    EXPECT_EQ(files.loads("api/note.schema.json"), 1);
    EXPECT_EQ(files.loads("api/alert.schema.json"), 1);

    // The bundled references resolve for a validator rooted at the document.
    const nlohmann::json rooted = {{"allOf", {{{"$ref", "#/components/schemas/Alert"}}}},
                                   {"components", doc["components"]}};
    const auto compiled = JsonSchema::compile(rooted);
    EXPECT_TRUE(compiled.validate({{"on", "2024-01-01"}, {"rag", "red"}}).empty());
    EXPECT_FALSE(compiled.validate({{"on", 5}}).empty());
    EXPECT_FALSE(compiled.validate({{"rag", "blue"}}).empty());
}

TEST(SchemaBundleTest, AReferenceThatLeadsNowhereNamesWhereItWasAndWhatItSought) {
    Files files({{"openapi.json", root_document()},
                 {"api/alert.schema.json", {{"$ref", "gone.schema.json"}}}});
    try {
        bundle_openapi("openapi.json", files.loader());
        FAIL() << "a missing file was bundled";
    } catch (const BundleError& e) {
        EXPECT_THAT(e.what(), HasSubstr("api/alert.schema.json: \"$ref\" to api/gone.schema.json"));
    }
}

TEST(SchemaBundleTest, ReferencesOutsideTheSchemasOrToOtherHostsAreRefused) {
    Files climbs({{"openapi.json", root_document()},
                  {"api/alert.schema.json", {{"$ref", "../../etc/x.json"}}}});
    EXPECT_THROW(bundle_openapi("openapi.json", climbs.loader()), BundleError);
    Files remote({{"openapi.json", root_document()},
                  {"api/alert.schema.json", {{"$ref", "https://example.org/x.json"}}}});
    EXPECT_THROW(bundle_openapi("openapi.json", remote.loader()), BundleError);
    Files anchor(
        {{"openapi.json", root_document()}, {"api/alert.schema.json", {{"$ref", "#anchor"}}}});
    EXPECT_THROW(bundle_openapi("openapi.json", anchor.loader()), BundleError);
}

TEST(SchemaBundleTest, TwoFilesThatWouldShareANameAreRefused) {
    auto root = root_document();
    root["paths"]["/b"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        ["$ref"] = "alert.schema.json";
    Files files({{"openapi.json", root},
                 {"api/alert.schema.json", {{"type", "object"}}},
                 {"alert.schema.json", {{"type", "object"}}}});
    EXPECT_THROW(bundle_openapi("openapi.json", files.loader()), BundleError);
}

TEST(SchemaBundleTest, ComponentNamesAndRelativePaths) {
    EXPECT_EQ(component_name("api/qaf-response.schema.json"), "QafResponse");
    EXPECT_EQ(component_name("notes/significant_change.schema.json"), "NotesSignificantChange");
    EXPECT_EQ(component_name("events/envelope.schema.json"), "EventsEnvelope");
    EXPECT_EQ(resolve_relative("api/x.schema.json", "../notes/y.json"), "notes/y.json");
    EXPECT_EQ(resolve_relative("openapi.json", "api/./x.json"), "api/x.json");
    EXPECT_EQ(resolve_relative("api/x.json", "y.json"), "api/y.json");
}

}  // namespace
}  // namespace iro::schema
