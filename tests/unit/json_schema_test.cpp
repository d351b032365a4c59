// JSON Schema checks with long and hostile values: "pattern" and the date formats are matched
// without recursion (std::regex overflowed the stack on a 100 KB string) and in bounded time, and
// a schema whose regular expression the host cannot use is refused when it is compiled.

#include "schema/json_schema.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace iro::schema {
namespace {

using nlohmann::json;
using testing::HasSubstr;
using testing::IsEmpty;

std::string compile_error(const json& schema) {
    try {
        JsonSchema::compile(schema);
    } catch (const InvalidSchema& e) {
        return e.what();
    }
    return "(compiled)";
}

std::string first_message(const std::vector<Violation>& violations) {
    return violations.empty() ? "(conforms)"
                              : violations.front().pointer + ": " + violations.front().message;
}

TEST(JsonSchemaTest, APatternIsCheckedOnAStringLongEnoughToHaveOverflowedTheStack) {
    const auto schema = JsonSchema::compile(json::parse(
        R"({"type":"object","properties":{"id":{"type":"string","pattern":"^[^\\s]+$"}}})"));
    const std::string long_id(400'000, 'a');
    EXPECT_THAT(schema.validate({{"id", long_id}}), IsEmpty());
    EXPECT_EQ(first_message(schema.validate({{"id", long_id + " "}})),
              "/id: Failed to match regex specified by 'pattern' constraint.");
}

TEST(JsonSchemaTest, APatternThatWouldBacktrackForeverRefusesTheValue) {
    const auto schema = JsonSchema::compile(json::parse(R"({"pattern":"^(a+)+b$"})"));
    EXPECT_EQ(first_message(schema.validate(std::string(40, 'a'))),
              ": could not be checked against the 'pattern' constraint in bounded time");
    EXPECT_THAT(schema.validate("aaab"), IsEmpty());
}

TEST(JsonSchemaTest, DateFormatsFollowRfc3339AndTheCalendar) {
    const auto date = JsonSchema::compile(json::parse(R"({"format":"date"})"));
    EXPECT_THAT(date.validate("2024-02-29"), IsEmpty());
    EXPECT_EQ(first_message(date.validate("2023-02-29")), ": String should be a valid date");
    EXPECT_EQ(first_message(date.validate("2024-13-01")), ": String should be a valid date");
    EXPECT_EQ(first_message(date.validate("24-01-01")), ": String should be a valid date");
    EXPECT_EQ(first_message(date.validate(std::string(400'000, '1') + "-01-01")),
              ": String should be a valid date");
    // "format" says nothing about a value that is not a string (draft 7, section 7.1); valijson
    // threw on one.
    EXPECT_THAT(date.validate(20240229), IsEmpty());

    const auto when = JsonSchema::compile(json::parse(R"({"format":"date-time"})"));
    EXPECT_THAT(when.validate("2024-02-29T23:59:60Z"), IsEmpty());
    EXPECT_THAT(when.validate("2024-06-30t10:00:00.25+01:00"), IsEmpty());
    EXPECT_EQ(first_message(when.validate("2024-02-30T10:00:00Z")),
              ": String should be a valid date-time");
    EXPECT_EQ(first_message(when.validate("2024-02-01T10:00:00")),
              ": String should be a valid date-time");

    const auto time = JsonSchema::compile(json::parse(R"({"format":"time"})"));
    EXPECT_THAT(time.validate("16:52:45+02:00"), IsEmpty());
    EXPECT_EQ(first_message(time.validate("24:00:00Z")), ": String should be a valid time");
}

TEST(JsonSchemaTest, APatternThatIsNotARegularExpressionIsRefusedNamingItsPointer) {
    EXPECT_THAT(compile_error(
                    json::parse(R"({"properties":{"code":{"type":"string","pattern":"^[a-z"}}})")),
                HasSubstr("/properties/code/pattern: not a regular expression"));
    EXPECT_THAT(compile_error(json::parse(R"({"items":[{},{"anyOf":[{"pattern":"(x"}]}]})")),
                HasSubstr("/items/1/anyOf/0/pattern: not a regular expression"));
    EXPECT_THAT(compile_error(json::parse(R"({"definitions":{"a/b":{"pattern":"*"}}})")),
                HasSubstr("/definitions/a~1b/pattern: not a regular expression"));
}

TEST(JsonSchemaTest, PatternPropertiesIsRefusedRatherThanMatchedWithStdRegex) {
    EXPECT_THAT(compile_error(json::parse(
                    R"({"properties":{"x":{"patternProperties":{"^a":{"type":"string"}}}}})")),
                HasSubstr("/properties/x/patternProperties: patternProperties is not supported"));
}

TEST(JsonSchemaTest, KeywordNamesUsedAsPropertyNamesOrDataAreNotTakenForKeywords) {
    const auto schema = JsonSchema::compile(json::parse(R"({
      "type": "object",
      "properties": {
        "pattern": {"type": "string", "pattern": "^[a-z]+$"},
        "patternProperties": {"type": "object"},
        "mode": {"enum": [{"pattern": "(not a regex"}], "default": {"pattern": "["}}
      }
    })"));
    EXPECT_THAT(schema.validate({{"pattern", "abc"}, {"patternProperties", json::object()}}),
                IsEmpty());
    EXPECT_EQ(first_message(schema.validate({{"pattern", "ABC"}})),
              "/pattern: Failed to match regex specified by 'pattern' constraint.");
}

}  // namespace
}  // namespace iro::schema
