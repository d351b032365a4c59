// JSON from outside the host, parsed within bounds: every refusal says where and why, and none
// crashes (a deep enough document used to exhaust the stack).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "schema/json_text.hpp"
#include "support/temp_dir.hpp"

namespace iro::schema {
namespace {

using testing::HasSubstr;

std::string refusal(const std::string& text, int depth = 64) {
    try {
        parse_json_input(text, depth);
    } catch (const JsonInputRefused& e) {
        return e.what();
    }
    return "accepted";
}

TEST(JsonInputTest, TakesOrdinaryDocuments) {
    EXPECT_EQ(parse_json_input(R"({"a": [1, 2.5, "é"], "b": {"a": null}})")["a"][2], "é");
    EXPECT_EQ(refusal(std::string(64, '[') + std::string(64, ']')), "accepted");
}

TEST(JsonInputTest, RefusesWhatCannotBeTakenSayingWhereAndWhy) {
    EXPECT_EQ(refusal(std::string(65, '[') + std::string(65, ']')),
              "nested more than 64 levels deep");
    EXPECT_EQ(refusal(std::string(200000, '[') + std::string(200000, ']')),
              "nested more than 64 levels deep")
        << "refused, not recursed into";
    EXPECT_EQ(refusal("{\"n\": 1e400}"),
              "a number is beyond the range of a double (such as 1e400)");
    EXPECT_EQ(refusal(R"({"role": "iro", "role": "admin"})"),
              "the key \"role\" is given twice in one object");
    EXPECT_EQ(refusal(R"({"a": {"x": 1}, "b": {"x": 2}})"), "accepted")
        << "the same key in two objects is fine";
    EXPECT_THAT(refusal("{\n  \"a\": \xFF\n}"), HasSubstr("2:8: not UTF-8 text"));
    EXPECT_THAT(refusal("{\n  \"a\": tru\n}"),
                testing::MatchesRegex("[0-9]+:[0-9]+: invalid JSON: .*"));
}

// Where a well-formed document breaks a limit, as a JSON pointer; text that is not JSON has none.
TEST(JsonInputTest, ALimitBrokenIsPlacedByItsJsonPointer) {
    const auto pointer = [](const std::string& text, int depth = 64) -> std::string {
        try {
            parse_json_input(text, depth);
        } catch (const JsonInputRefused& e) {
            return e.pointer() ? "at '" + *e.pointer() + "'" : "not JSON";
        }
        return "accepted";
    };
    EXPECT_EQ(pointer(R"({"a": [1, {"b": 1e400}]})"), "at '/a/1/b'");
    EXPECT_EQ(pointer(R"([0, 1, [2, 3], 1e400])"), "at '/3'");
    EXPECT_EQ(pointer("1e400"), "at ''");
    EXPECT_EQ(pointer(R"({"x": {"a/b~": 1, "a/b~": 2}})"), "at '/x/a~1b~0'");
    EXPECT_EQ(pointer(R"({"n": [[[1]]]})", 3), "at '/n/0/0'");
    EXPECT_EQ(pointer(R"({"n": [1, [[]]]})", 3), "at '/n/1/0'");
    EXPECT_EQ(pointer(R"({"n": [[], {"k": []}]})", 3), "at '/n/1/k'");
    EXPECT_EQ(pointer("{\"a\": tru}"), "not JSON");
    EXPECT_EQ(pointer("\xFF"), "not JSON");
}

// A file from outside the host: every refusal starts with the file, then the place in it.
TEST(JsonInputTest, AFileIsNamedBeforeThePlaceInIt) {
    test::TempDir dir;
    const auto refusal_of = [](const std::filesystem::path& file) -> std::string {
        try {
            read_json_file(file, 8);
        } catch (const JsonInputRefused& e) {
            return e.what();
        }
        return "accepted";
    };
    const auto missing = dir.path() / "missing.json";
    EXPECT_EQ(refusal_of(missing), missing.string() + ": cannot be read");
    const auto broken = dir.path() / "broken.json";
    std::ofstream(broken) << "{\n  \"a\": tru\n}";
    // The parser stops at the line break after "tru": line 3, before its first character.
    EXPECT_THAT(refusal_of(broken), testing::StartsWith(broken.string() + ":3:0: invalid JSON: "));
    const auto deep = dir.path() / "deep.json";
    std::ofstream(deep) << std::string(9, '[') << std::string(9, ']');
    EXPECT_EQ(refusal_of(deep), deep.string() + ": nested more than 8 levels deep");
    const auto fine = dir.path() / "fine.json";
    std::ofstream(fine) << R"({"a": [1]})";
    EXPECT_EQ(read_json_file(fine)["a"][0], 1);
}

}  // namespace
}  // namespace iro::schema
