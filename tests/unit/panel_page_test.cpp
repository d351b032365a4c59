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
    // As the routes give them (config::HostConfig::role_name) when the council names none.
    m.role_names = {{"social_worker", "social worker"},
                    {"team_manager", "team manager"},
                    {"iro", "IRO"},
                    {"iro_manager", "IRO manager"}};
    return m;
}

plugin::PromptRecord prompt(std::string id, std::string audience, plugin::Date due,
                            plugin::PromptState state = plugin::PromptState::open) {
    plugin::PromptRecord p;
    p.prompt_id = std::move(id);
    p.kind = "k";
    p.audience = std::move(audience);
    p.due_on = due;
    p.state = state;
    return p;
}

TEST(PanelPage, ARefusalIsAnErrorSummaryFirstInTheMainContentAndInTheTitle) {
    auto m = model();
    m.error = "the note needs a date";
    const auto html = render_panel(m);
    EXPECT_THAT(html, HasSubstr("<title>Error: IRO oversight: child C1</title>"));
    EXPECT_THAT(html, HasSubstr("id=\"error-h\">There is a problem</h2>\n"
                                "<div class=\"govuk-error-summary__body\">\n<p "
                                "class=\"govuk-body\">the note needs a date</p>"));
    EXPECT_LT(html.find("There is a problem"), html.find("Open prompts"));
    EXPECT_THAT(render_panel(model()), Not(HasSubstr("There is a problem")));
    EXPECT_THAT(render_panel(model()), HasSubstr("<title>IRO oversight: child C1</title>"));
}

TEST(PanelPage, DatesAndRolesAreInWords) {
    auto m = model();
    // Monday: five working days before Monday the 27th
    m.prompts.push_back(prompt("P1", "social_worker", 2017y / November / 20));
    m.prompts_actionable.push_back("P1");
    const auto html = render_panel(m);
    EXPECT_THAT(html, HasSubstr("Signed in as SW1 (social worker)."));
    EXPECT_THAT(html, HasSubstr("<time datetime=\"2017-11-20\">20 November 2017</time>"));
    EXPECT_THAT(html, HasSubstr("overdue by 5 working days"));
    EXPECT_THAT(html, HasSubstr("For you"));
}

TEST(PanelPage, EachPromptHasATagSayingHowItStands) {
    auto m = model();  // Monday 27 November 2017
    m.prompts = {prompt("P1", "iro", 2017y / November / 27),
                 prompt("P2", "iro", 2017y / December / 1),
                 prompt("P3", "iro", 2017y / November / 24),
                 prompt("P4", "iro", 2017y / November / 1, plugin::PromptState::acknowledged)};
    m.prompts_actionable = {"P1", "P4"};
    const auto html = render_panel(m);
    EXPECT_THAT(html, HasSubstr("govuk-tag--yellow\">due today</strong>"));
    EXPECT_THAT(html, HasSubstr("govuk-tag--grey\">due in 4 working days</strong>"));
    EXPECT_THAT(html, HasSubstr("govuk-tag--red\">overdue by 1 working day</strong>"));
    EXPECT_THAT(html, HasSubstr("govuk-tag--green\">Acknowledged</strong>"));
    // One button: P1 is this user's and open; P4 is theirs but already acknowledged.
    EXPECT_THAT(html, HasSubstr("prompts/P1/acknowledge"));
    EXPECT_THAT(html, Not(HasSubstr("prompts/P4/acknowledge")));
    EXPECT_THAT(html, Not(HasSubstr("prompts/P2/acknowledge")));
}

TEST(PanelPage, APromptsDetailHasItsDatesInWords) {
    auto m = model();
    auto p = prompt("P1", "iro", 2017y / December / 1);
    p.body = {{"detail",
               "Between the review of 2017-07-30 and the next, due by 2017-10-30 <b>; not "
               "2017-02-30, 12017-07-30 or 2017-07-301."}};
    m.prompts.push_back(p);
    const auto html = render_panel(m);
    EXPECT_THAT(html, HasSubstr("Between the review of <time datetime=\"2017-07-30\">30 July "
                                "2017</time> and the next, due by <time "
                                "datetime=\"2017-10-30\">30 October 2017</time> &lt;b&gt;; not "
                                "2017-02-30, 12017-07-30 or 2017-07-301."));
}

TEST(PanelPage, SaysHowToContactEachProfessional) {
    auto m = model();
    m.summary.professionals = {
        {"iro", "IRO1", "Ann Example", "IRO", "IRO service", 2017y / January / 3,
         "ann.example@council.gov.uk", "+44 (0)1904 555 010"},
        {"social_worker", "SW1", "", "", "Team 1", 2017y / February / 1, "", ""},
        {"team_manager", "TM1", "", "", "", 2017y / February / 1, "", ""}};
    const auto html = render_panel(m);
    EXPECT_THAT(html,
                HasSubstr("<a class=\"govuk-link\" href=\"mailto:ann.example@council.gov.uk\">"
                          "ann.example@council.gov.uk</a>"));
    EXPECT_THAT(html, HasSubstr("href=\"tel:+4401904555010\">+44 (0)1904 555 010</a>"));
    EXPECT_THAT(html, HasSubstr("Contact through Team 1"));
    EXPECT_THAT(html, HasSubstr("<dt class=\"govuk-summary-list__key\">Team manager</dt>"));
}

// A Head of Service reaches the child through the dispute at their stage: they answer that one,
// named as the council names their role, and only see the other.
TEST(PanelPage, ASeniorManagerAnswersTheDisputeAddressedToThemOnly) {
    auto m = model();
    m.user_id = "HOS1";
    m.role = "head_of_service";
    const auto alert = [](std::string id, std::string stage, std::string responder) {
        plugin::AlertRecord a;
        a.alert_id = std::move(id);
        a.state.child_id = "C1";
        a.state.kind = "challenge";
        a.state.stage_name = std::move(stage);
        a.state.status = "open";
        a.state.responder = std::move(responder);
        return a;
    };
    m.alerts = {alert("7", "Stage 3 Formal Dispute Resolution", "head_of_service"),
                alert("8", "Informal", "team_manager")};
    m.alerts_for_you = {"7"};
    m.role_names["head_of_service"] = "Head of Children's Social Care";
    const auto html = render_panel(m);
    EXPECT_THAT(html, HasSubstr("Signed in as HOS1 (Head of Children's Social Care)."));
    EXPECT_THAT(html, HasSubstr("Addressed to: Head of Children's Social Care."));
    EXPECT_THAT(html, HasSubstr("Addressed to: team manager."));
    EXPECT_THAT(html, HasSubstr("For you</strong> Alert 7: challenge"));
    EXPECT_THAT(html, HasSubstr("action=\"/panel/children/C1/alerts/7/respond\""));
    EXPECT_THAT(html, Not(HasSubstr("For you</strong> Alert 8")));
    EXPECT_THAT(html, Not(HasSubstr("alerts/8/respond")));
}

TEST(PanelPage, StylesComeOnlyFromTheHostsOwnStylesheet) {
    const auto html = render_panel(model());
    EXPECT_THAT(html, HasSubstr("<link rel=\"stylesheet\" href=\"/panel/assets/panel-"));
    // The policy says style-src 'self': an inline style would be dropped by the browser.
    EXPECT_THAT(html, Not(HasSubstr("<style")));
    EXPECT_THAT(html, Not(HasSubstr("style=")));
    EXPECT_THAT(html, Not(HasSubstr("<script")));
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
    EXPECT_THAT(html, HasSubstr("<div class=\"govuk-form-group govuk-form-group--error\">\n"
                                "<fieldset class=\"govuk-fieldset\" id=\"q-q1\" "
                                "aria-describedby=\"q-q1-error\">"));
    EXPECT_THAT(html, HasSubstr("id=\"q-q1-error\"><span class=\"govuk-visually-hidden\">Error:"
                                "</span>"));
    EXPECT_LT(html.find("There is a problem"), html.find("<form"));
    // Nothing the IRO gave is lost, and what they typed is escaped.
    EXPECT_THAT(html, HasSubstr("name=\"q1\" value=\"yes\" checked>"));
    EXPECT_THAT(html, HasSubstr("name=\"q1\" value=\"no\">\n<label class=\"govuk-label "
                                "govuk-radios__label\" for=\"q-q1-no\">No</label>"));
    EXPECT_THAT(html, HasSubstr("type=\"checkbox\" name=\"q2\" value=\"other\" checked>"));
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
