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
