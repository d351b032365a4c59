// The panel's pages as a person reads them: a refused form says so first, in an error summary
// the page's title also announces, and dates and roles are in words.

#include "panel/panel_page.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace iro::panel {
namespace {

using namespace std::chrono;
using testing::HasSubstr;
using testing::Not;

PanelModel model() {
    PanelModel m;
    m.child_id = "C1";
    m.user_id = "SW1";
    m.role = "social_worker";
    m.form_token = "t";
    m.today = 2017y / November / 27;
    return m;
}

TEST(PanelPage, ARefusalIsAnErrorSummaryFirstInTheMainContentAndInTheTitle) {
    auto m = model();
    m.error = "the note needs a date";
    const auto html = render_panel(m);
    EXPECT_THAT(html, HasSubstr("<title>Error: IRO oversight: child C1</title>"));
    EXPECT_THAT(html, HasSubstr("<h2 id=\"error-h\">There is a problem</h2>\n<p>the note needs a "
                                "date</p>"));
    EXPECT_LT(html.find("There is a problem"), html.find("Open prompts"));
    EXPECT_THAT(render_panel(model()), Not(HasSubstr("There is a problem")));
    EXPECT_THAT(render_panel(model()), HasSubstr("<title>IRO oversight: child C1</title>"));
}

TEST(PanelPage, DatesAndRolesAreInWords) {
    auto m = model();
    plugin::PromptRecord prompt;
    prompt.prompt_id = "P1";
    prompt.kind = "sw_report";
    prompt.audience = "social_worker";
    prompt.due_on = 2017y / November / 20;  // Monday: five working days before Monday the 27th
    m.prompts.push_back(prompt);
    m.prompts_actionable.push_back("P1");
    const auto html = render_panel(m);
    EXPECT_THAT(html, HasSubstr("Signed in as SW1 (social worker)."));
    EXPECT_THAT(html, HasSubstr("<time datetime=\"2017-11-20\">20 November 2017</time>"));
    EXPECT_THAT(html, HasSubstr("overdue by 5 working days"));
    EXPECT_THAT(html, HasSubstr("For you"));
}

}  // namespace
}  // namespace iro::panel

namespace iro::panel {
namespace {

nlohmann::json small_qaf() {
    return nlohmann::json::parse(R"({
      "title": "QAF",
      "sections": [{"id": "s", "title": "The review"}],
      "questions": [
        {"id": "q1", "section": "s", "type": "single_choice", "text": "Child consulted",
         "options": [{"code": "yes", "label": "Yes"}, {"code": "no", "label": "No"}]},
        {"id": "q2", "section": "s", "type": "multiple_choice", "text": "Issues",
         "options": [{"code": "a", "label": "A"}, {"code": "other", "label": "Other",
                      "other": true}]},
        {"id": "q3", "section": "s", "type": "number", "text": "Visits"}]})");
}

TEST(QafForm, ARefusalLinksEachProblemToItsQuestionAndKeepsEveryAnswer) {
    QafFormModel m{"C1",
                   "R1",
                   "t",
                   small_qaf(),
                   "the response to york-qaf@1 was not recorded:\n  q1: answered, but it applies "
                   "from the child's review number 2, and this is number 1\n  the review is "
                   "not yet held",
                   {{"q1", "yes"}, {"q2", "other"}, {"q2.other", "<Contact>"}, {"q3", "4"}},
                   {}};
    const auto html = render_qaf_form(m);
    EXPECT_THAT(html, HasSubstr("<title>Error: QAF for review R1</title>"));
    EXPECT_THAT(html, HasSubstr("correct the answers below"));
    EXPECT_THAT(html, HasSubstr("<li><a href=\"#q-q1\">Child consulted: answered, but it applies "
                                "from the child's review number 2, and this is number 1</a></li>"));
    EXPECT_THAT(html, HasSubstr("<li>the review is not yet held</li>"));
    EXPECT_THAT(html, HasSubstr("<fieldset id=\"q-q1\" class=\"invalid\" "
                                "aria-describedby=\"q-q1-error\">"));
    EXPECT_THAT(html, HasSubstr("id=\"q-q1-error\"><span class=\"visually-hidden\">Error:</span>"));
    EXPECT_LT(html.find("There is a problem"), html.find("<form"));
    // Nothing the IRO gave is lost, and what they typed is escaped.
    EXPECT_THAT(html, HasSubstr("name=\"q1\" value=\"yes\" checked>"));
    EXPECT_THAT(html, HasSubstr("name=\"q1\" value=\"no\"> No"));
    EXPECT_THAT(html, HasSubstr("name=\"q2\" value=\"other\" checked>"));
    EXPECT_THAT(html, HasSubstr("value=\"&lt;Contact&gt;\""));
    EXPECT_THAT(html, HasSubstr("name=\"q3\" type=\"number\" value=\"4\">"));
    EXPECT_THAT(html, Not(HasSubstr("id=\"q-q2-error\"")));

    const auto fresh = render_qaf_form({"C1", "R1", "t", small_qaf(), "", {}, {"q3"}});
    EXPECT_THAT(fresh, Not(HasSubstr("There is a problem")));
    EXPECT_THAT(fresh, Not(HasSubstr("checked")));
    // A question that cannot apply to this review is not asked, and the page says so.
    EXPECT_THAT(fresh, Not(HasSubstr("name=\"q3\"")));
    EXPECT_THAT(fresh, HasSubstr("1 question of the QAF does not apply to this review"));
}

}  // namespace
}  // namespace iro::panel
