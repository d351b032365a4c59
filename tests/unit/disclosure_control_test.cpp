// Disclosure control in the annual report's tables: small counts withheld, and whatever would
// reveal them from a total the table shows; percentages with their counts; zeros stay shown.

#include "annual_report/disclosure_control.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace iro::reports::annual {
namespace {

// Rows of counts, the last row their total.
ReportTable counts(const std::vector<std::pair<std::string, std::vector<long long>>>& rows,
                   bool total_column = false) {
    ReportTable t;
    const std::size_t width = rows.front().second.size();
    for (std::size_t c = 0; c < width; ++c) {
        t.columns.push_back("c" + std::to_string(c));
        t.total_columns.push_back(total_column && c + 1 == width);
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
        TableRow row{rows[r].first, {}, r + 1 == rows.size()};
        for (const auto n : rows[r].second) {
            row.cells.push_back(Cell::of_count(n));
        }
        t.rows.push_back(std::move(row));
    }
    return t;
}

std::vector<std::string> texts(const ReportTable& t) {
    std::vector<std::string> out;
    for (const auto& row : t.rows) {
        std::string line = row.label + ":";
        for (const auto& cell : row.cells) {
            line += " " + cell_text(cell);
        }
        out.push_back(line);
    }
    return out;
}

TEST(DisclosureControl, ALoneSmallCountTakesTheNextSmallestWithIt) {
    auto t = counts({{"a", {40}}, {"b", {3}}, {"c", {0}}, {"d", {12}}, {"All", {55}}});
    apply_disclosure_control(t, 5);
    EXPECT_THAT(texts(t), testing::ElementsAre("a: 40", "b: c", "c: 0", "d: c", "All: 55"));
    EXPECT_THAT(t.notes, testing::ElementsAre(testing::HasSubstr("from 1 to 4")));
}

TEST(DisclosureControl, TwoSmallCountsThatTheTotalPinsDownAreNotEnough) {
    // 1 and 1 withheld, 30 shown, total 32: the two must be ones, so another goes too.
    auto t = counts({{"a", {30}}, {"b", {1}}, {"c", {1}}, {"All", {32}}});
    apply_disclosure_control(t, 3);
    EXPECT_THAT(texts(t), testing::ElementsAre("a: c", "b: c", "c: c", "All: 32"));
    // 2 and 1 withheld with 30 shown: 3 between them, which could be 2+1 or 1+2. Safe.
    auto safe = counts({{"a", {30}}, {"b", {2}}, {"c", {1}}, {"All", {33}}});
    apply_disclosure_control(safe, 3);
    EXPECT_THAT(texts(safe), testing::ElementsAre("a: 30", "b: c", "c: c", "All: 33"));
}

TEST(DisclosureControl, RowTotalsAndColumnTotalsBothCount) {
    // A row total column: withholding 2 in row x pulls in 8 along the row; then the column of 8
    // has it alone withheld above its total, so 9 goes too, and so on until nothing is derivable.
    auto t = counts({{"x", {2, 8, 10}}, {"y", {20, 9, 29}}, {"All", {22, 17, 39}}}, true);
    apply_disclosure_control(t, 5);
    EXPECT_THAT(texts(t), testing::ElementsAre("x: c c 10", "y: c c 29", "All: 22 17 39"));
}

TEST(DisclosureControl, APercentageGoesWithItsCountAndZerosStay) {
    ReportTable t;
    t.columns = {"n", "%"};
    t.total_columns = {false, false};
    t.rows = {{"a", {Cell::of_count(50), Cell::of_percent(50, 54)}, false},
              {"b", {Cell::of_count(4), Cell::of_percent(4, 54)}, false},
              {"z", {Cell::of_count(0), Cell::of_percent(0, 54)}, false},
              {"All", {Cell::of_count(54), Cell::of_percent(54, 54)}, true}};
    apply_disclosure_control(t, 5);
    EXPECT_THAT(texts(t), testing::ElementsAre("a: c c", "b: c c", "z: 0 0.0%", "All: 54 100.0%"));
}

TEST(DisclosureControl, NothingBelowTwoAndNoNoteWhenNothingIsWithheld) {
    auto t = counts({{"a", {1}}, {"All", {1}}});
    apply_disclosure_control(t, 1);
    EXPECT_THAT(texts(t), testing::ElementsAre("a: 1", "All: 1"));
    auto big = counts({{"a", {10}}, {"All", {10}}});
    apply_disclosure_control(big, 5);
    EXPECT_TRUE(big.notes.empty());
}

TEST(ReportCells, ReadAsPeopleWriteThem) {
    EXPECT_EQ(cell_text(Cell::of_count(1234567)), "1,234,567");
    EXPECT_EQ(cell_text(Cell::of_count(999)), "999");
    EXPECT_EQ(cell_text(Cell::of_percent(212, 249)), "85.1%");
    EXPECT_EQ(cell_text(Cell::of_percent(1, 0)), "no data");
    EXPECT_EQ(cell_text(Cell::of_ratio(262.0 / 8)), "32.8");
}

}  // namespace
}  // namespace iro::reports::annual
