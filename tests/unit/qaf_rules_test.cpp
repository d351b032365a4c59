// The QAF's rules worked by hand: SurveyMonkey's percentages, withholding small counts, what a
// definition may not say, what an answer may not be, and SurveyMonkey's timestamps.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "qaf/answer_check.hpp"
#include "qaf/qaf_tables.hpp"
#include "qaf/questionnaire_definition.hpp"
#include "qaf/small_counts.hpp"
#include "qaf/surveymonkey_export.hpp"
#include "support/temp_dir.hpp"

namespace iro {
namespace {

using questionnaires::QuestionType;
using testing::HasSubstr;

TEST(QafPercentTest, CountOverAnsweredToTwoDecimalsHalfUp) {
    EXPECT_EQ(reports::qaf_percent({478, false}, {483, false}), "98.96%");
    EXPECT_EQ(reports::qaf_percent({5, false}, {483, false}), "1.04%");
    EXPECT_EQ(reports::qaf_percent({0, false}, {487, false}), "0.00%");
    EXPECT_EQ(reports::qaf_percent({1, false}, {32, false}), "3.13%");  // 3.125 rounds up
    EXPECT_EQ(reports::qaf_percent({567, false}, {474, false}), "119.62%");
    EXPECT_EQ(reports::qaf_percent({1, false}, {0, false}), "-");
    EXPECT_EQ(reports::qaf_percent({437, false}, {489, true}), "c");
}

reports::QafQuestionTable single_choice(std::vector<std::vector<std::int64_t>> columns) {
    reports::QafQuestionTable t;
    t.type = QuestionType::single_choice;
    const char* codes[] = {"inadequate", "required_improvement", "good", "outstanding"};
    for (std::size_t r = 0; r < columns.front().size(); ++r) {
        reports::QafRow row{codes[r], codes[r], false, {}};
        for (const auto& column : columns) {
            row.cells.push_back({column[r], false});
        }
        t.rows.push_back(row);
    }
    for (const auto& column : columns) {
        std::int64_t sum = 0;
        for (auto n : column) {
            sum += n;
        }
        t.answered.push_back({sum, false});
        t.skipped.push_back({0, false});
    }
    return t;
}

TEST(SmallCountsTest, ALoneWithheldCountTakesTheNextSmallestWithIt) {
    auto t = single_choice({{1, 44, 437, 7}});  // York's Q29, 2015/16
    reports::QafRow combined{"good+outstanding", "Good or outstanding", true, {{444, false}}};
    t.rows.push_back(combined);
    reports::suppress_small_counts(t, 5, false);
    EXPECT_TRUE(t.rows[0].cells[0].suppressed);  // 1: below 5
    EXPECT_TRUE(t.rows[3].cells[0].suppressed);  // 7: else 489 - 44 - 437 gives the 1 away
    EXPECT_FALSE(t.rows[1].cells[0].suppressed);
    EXPECT_FALSE(t.rows[2].cells[0].suppressed);
    EXPECT_FALSE(t.answered[0].suppressed);
    EXPECT_TRUE(t.rows[4].cells[0].suppressed);  // 444 would give away 1 + 44 ... with the total
}

TEST(SmallCountsTest, GroupsThatAddUpToAllAreProtectedAcross) {
    // Two quarters and All: a lone small count in a row would follow from All minus the other.
    auto t = single_choice({{3, 20, 40, 10}, {12, 30, 50, 10}, {15, 50, 90, 20}});
    reports::suppress_small_counts(t, 5, true);
    EXPECT_TRUE(t.rows[0].cells[0].suppressed);  // 3
    EXPECT_TRUE(t.rows[0].cells[1].suppressed);  // 12: else 15 - 12 gives the 3 away
    // Down the first quarter's column, the 3 alone would follow from its total: the 10 goes too.
    EXPECT_TRUE(t.rows[3].cells[0].suppressed);
    EXPECT_FALSE(t.rows[2].cells[2].suppressed);
    EXPECT_FALSE(t.answered[2].suppressed);
}

TEST(SmallCountsTest, NothingIsWithheldWithoutAThreshold) {
    auto t = single_choice({{1, 2, 3, 4}});
    reports::suppress_small_counts(t, 0, false);
    for (const auto& row : t.rows) {
        EXPECT_FALSE(row.cells[0].suppressed);
    }
}

nlohmann::json small_definition() {
    return nlohmann::json::parse(R"({
      "id": "tiny", "version": 1, "title": "Tiny",
      "sections": [{"id": "s", "title": "S"}],
      "questions": [
        {"id": "a", "section": "s", "text": "A?", "type": "single_choice",
         "options": [{"code": "yes", "label": "Yes"}, {"code": "no", "label": "No"}]},
        {"id": "b", "section": "s", "text": "B?", "type": "multiple_choice", "required": true,
         "options": [{"code": "na", "label": "Not applicable", "exclusive": true},
                     {"code": "x", "label": "X – first"}, {"code": "o", "label": "Other", "other": true}]},
        {"id": "c", "section": "s", "text": "C?", "type": "single_choice",
         "applies_when": {"review_number_at_least": 2, "answer": {"question": "a", "in": ["yes"]}},
         "options": [{"code": "yes", "label": "Yes"}]}
      ]})");
}

TEST(QuestionnaireDefinitionTest, WhatTheSchemaCannotSayIsListedAtOnce) {
    auto d = small_definition();
    d["questions"][0]["options"][1]["code"] = "yes";
    d["questions"][1]["section"] = "elsewhere";
    d["questions"][0]["applies_when"] = {{"answer", {{"question", "c"}, {"in", {"yes"}}}}};
    try {
        questionnaires::parse_definition(d);
        FAIL() << "accepted";
    } catch (const questionnaires::DefinitionError& e) {
        EXPECT_THAT(e.what(), HasSubstr("tiny@1 is inconsistent"));
        EXPECT_THAT(e.what(), HasSubstr("questions/0 (a): option code 'yes' is used twice"));
        EXPECT_THAT(e.what(), HasSubstr("section 'elsewhere' is not one of the sections"));
        EXPECT_THAT(e.what(), HasSubstr("applies_when.answer.question 'c' is not an earlier"));
    }
    auto bad = small_definition();
    bad["questions"][0]["type"] = "slider";
    EXPECT_THROW(questionnaires::parse_definition(bad), questionnaires::DefinitionError);
}

TEST(AnswerCheckTest, CodesLabelsExclusivityRequiredAndApplicability) {
    const auto d = questionnaires::parse_definition(small_definition());
    EXPECT_EQ(d.code_width, 1U + 3U + 1U);
    auto ok = questionnaires::check_answers(
        d, {{"a", "Yes"}, {"b", {"o", "x - first"}}, {"c", "yes"}}, {{"b", "Something"}}, {2, 10});
    EXPECT_TRUE(ok.problems.empty()) << ok.problems.front();
    EXPECT_EQ(ok.answers["a"], "yes");
    EXPECT_EQ(ok.answers["b"], nlohmann::json::array({"x", "o"}));  // the definition's order
    EXPECT_EQ(questionnaires::pack_answers(d, ok.answers), std::string("\x01\x00\x01\x01\x01", 5));

    auto bad = questionnaires::check_answers(d, {{"a", "no"}, {"b", {"na", "x"}}, {"c", "yes"}},
                                             nlohmann::json::object(), {1, 10});
    EXPECT_THAT(bad.problems,
                testing::Contains(HasSubstr("'na' (Not applicable) is never chosen")));
    EXPECT_THAT(bad.problems,
                testing::Contains(HasSubstr("c: answered, but it applies from the child's review "
                                            "number 2, and this is number 1")));
    auto missing = questionnaires::check_answers(d, {{"a", "yes"}}, nlohmann::json::object(), {});
    EXPECT_THAT(missing.problems, testing::Contains("b: required, and not answered"));
    // Unknown facts (history without a child) leave the rules that need them unjudged.
    EXPECT_TRUE(questionnaires::check_answers(d, {{"a", "yes"}, {"b", {"x"}}, {"c", "yes"}},
                                              nlohmann::json::object(), {})
                    .problems.empty());
}

TEST(AnswerCheckTest, CompletenessFirstReviewOnlyAndParticipationByAge) {
    auto j = small_definition();
    j["questions"].push_back(nlohmann::json::parse(R"(
        {"id": "first", "section": "s", "text": "First?", "type": "single_choice",
         "applies_when": {"review_number_at_most": 1},
         "options": [{"code": "yes", "label": "Yes"}]})"));
    j["questions"].push_back(nlohmann::json::parse(R"(
        {"id": "pn", "section": "s", "text": "Participation", "type": "single_choice",
         "options": [{"code": "pn0", "label": "PN0 Child under 4"},
                     {"code": "pn1", "label": "PN1 Attends"}]})"));
    const auto d = questionnaires::parse_definition(j);
    const auto kNoOther = nlohmann::json::object();
    // Complete: every applicable question with options is answered.
    const auto partial =
        questionnaires::check_answers(d, {{"a", "no"}, {"b", {"x"}}}, kNoOther, {1, 10}, true);
    EXPECT_THAT(partial.problems, testing::Contains("first: not answered (First?)"));
    EXPECT_THAT(partial.problems, testing::Contains("pn: not answered (Participation)"));
    EXPECT_THAT(partial.problems, testing::Not(testing::Contains(HasSubstr("c:"))))
        << "c applies from the second review";
    EXPECT_TRUE(questionnaires::check_answers(d, {{"a", "no"}, {"b", {"x"}}}, kNoOther, {1, 10})
                    .problems.size() == 0)
        << "history may skip";
    // Only at the first review.
    const auto second = questionnaires::check_answers(
        d, {{"a", "no"}, {"b", {"x"}}, {"first", "yes"}, {"pn", "pn1"}}, kNoOther, {2, 10}, true);
    EXPECT_THAT(second.problems,
                testing::Contains("first: answered, but it is asked only at the child's first "
                                  "review, and this is number 2"));
    // PN0 only under 4 (rule 440), and under 4 only PN0 (rule 441).
    const auto old_pn0 = questionnaires::check_answers(d, {{"pn", "pn0"}}, kNoOther, {1, 13});
    EXPECT_THAT(old_pn0.problems,
                testing::Contains("pn: PN0 Child under 4 is for a child under 4 at the review, "
                                  "and the child was 13 (DfE rule 440)"));
    const auto young_pn1 = questionnaires::check_answers(d, {{"pn", "pn1"}}, kNoOther, {1, 2});
    EXPECT_THAT(young_pn1.problems, testing::Contains(HasSubstr("(DfE rule 441)")));
    EXPECT_TRUE(questionnaires::check_answers(d, {{"pn", "pn0"}, {"b", {"x"}}}, kNoOther, {1, 3})
                    .problems.empty());
}

TEST(SurveyMonkeyTest, ATickedOtherColumnAndItsTextAreOneAnswer) {
    const auto d = questionnaires::parse_definition(small_definition());
    test::TempDir dir;
    const auto file = dir.path() / "export.csv";
    std::ofstream(file, std::ios::binary)
        << "Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,"
           "Last Name,Custom Data 1,B?,,,\n"
           ",,,,,,,,,Not applicable,X – first,Other,Open-Ended Response\n"
           "1001,1,04/01/2015 09:00:00 AM,04/01/2015 09:10:00 AM,,,,,R1,,X – first,Other,"
           "Contact plan\n";
    const auto x = importers::read_surveymonkey_export(file, d);
    ASSERT_TRUE(x.problems.empty()) << x.problems.front();
    ASSERT_EQ(x.rows.size(), 1U);
    EXPECT_EQ(x.rows[0]["answers"]["b"], nlohmann::json::array({"x", "o"}));
    EXPECT_EQ(x.rows[0]["other"]["b"], "Contact plan");
}

TEST(SurveyMonkeyTest, TimestampsAndReferences) {
    EXPECT_EQ(importers::surveymonkey_timestamp("04/01/2015 09:00:00 AM"), "2015-04-01T09:00:00");
    EXPECT_EQ(importers::surveymonkey_timestamp("03/31/2016 12:30:05 PM"), "2016-03-31T12:30:05");
    EXPECT_EQ(importers::surveymonkey_timestamp("03/31/2016 12:05:00 AM"), "2016-03-31T00:05:00");
    EXPECT_EQ(importers::surveymonkey_timestamp("31/03/2016 12:05:00 AM"), "");
    EXPECT_EQ(importers::surveymonkey_timestamp("2016-03-31 12:05:00"), "");
    EXPECT_EQ(questionnaires::parse_reference("york-qaf@2"),
              std::make_pair(std::string("york-qaf"), 2));
    EXPECT_EQ(questionnaires::parse_reference("york-qaf").second, 0);
    EXPECT_THROW(questionnaires::parse_reference("york-qaf@0"), std::invalid_argument);
    const auto c = reports::parse_combination("29:Good or outstanding=good+outstanding");
    EXPECT_EQ(c.question, "29");
    EXPECT_EQ(c.label, "Good or outstanding");
    EXPECT_EQ(c.codes, (std::vector<std::string>{"good", "outstanding"}));
    EXPECT_THROW(reports::parse_combination("29:Good=good"), std::invalid_argument);
}

}  // namespace
}  // namespace iro
