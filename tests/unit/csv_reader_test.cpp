#include "importers/csv_reader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "support/temp_dir.hpp"

namespace iro::importers {
namespace {

using testing::ElementsAre;

std::filesystem::path write(const test::TempDir& dir, const std::string& text) {
    const auto path = dir.path() / "file.csv";
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

TEST(CsvReader, QuotedFieldsWithSeparatorsQuotesAndLineBreaks) {
    test::TempDir dir;
    CsvReader reader(
        write(dir, "A, B ,C\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n\r\n2,\"two\nlines\",\r\n3,,\n"));
    EXPECT_THAT(reader.header(), ElementsAre("A", "B", "C"));
    CsvRecord r;
    ASSERT_TRUE(reader.next(r));
    EXPECT_EQ(r.line, 2U);
    EXPECT_THAT(r.fields, ElementsAre("1", "x, y", "say \"hi\""));
    EXPECT_THAT(r.columns, ElementsAre(1U, 3U, 10U));
    ASSERT_TRUE(reader.next(r));  // the blank line 3 is skipped
    EXPECT_EQ(r.line, 4U);
    EXPECT_THAT(r.fields, ElementsAre("2", "two\nlines", ""));
    ASSERT_TRUE(reader.next(r));
    EXPECT_EQ(r.line, 6U);
    EXPECT_THAT(r.fields, ElementsAre("3", "", ""));
    EXPECT_FALSE(reader.next(r));
}

TEST(CsvReader, ByteOrderMarkIsNotPartOfTheFirstTitle) {
    test::TempDir dir;
    CsvReader reader(write(dir,
                           "\xEF\xBB\xBF"
                           "CHILD,DOB\n"));
    EXPECT_THAT(reader.header(), ElementsAre("CHILD", "DOB"));
}

TEST(CsvReader, UnclosedQuoteAndEmptyFileAreErrorsWithPositions) {
    test::TempDir dir;
    CsvReader reader(write(dir, "A,B\n1,\"open\n2,3\n"));
    CsvRecord r;
    try {
        reader.next(r);
        FAIL() << "expected CsvError";
    } catch (const CsvError& e) {
        EXPECT_EQ(e.line(), 2U);
        EXPECT_EQ(e.column(), 3U);
        EXPECT_EQ(e.message(), "quoted field is never closed");
    }
    EXPECT_THROW(CsvReader(write(dir, "")), CsvError);
    EXPECT_THROW(CsvReader(dir.path() / "absent.csv"), CsvError);
}

}  // namespace
}  // namespace iro::importers
