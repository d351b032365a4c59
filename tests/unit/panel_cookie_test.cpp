// The panel's cookies: SameSite=Strict where the panel is its own page, and what a browser needs
// to keep a session in a CMS's frame on another site.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api/panel_session.hpp"

namespace iro::api {
namespace {

using testing::HasSubstr;
using testing::Not;

TEST(PanelCookie, IsStrictAndSecureOverHttps) {
    config::HttpConfig http;
    EXPECT_EQ(panel_cookie("iro_panel", "s", 60, http),
              "iro_panel=s; Path=/panel; HttpOnly; SameSite=Strict; Max-Age=60");
    http.public_url = "https://iro.council.gov.uk";
    EXPECT_EQ(panel_cookie("iro_panel", "s", 60, http),
              "iro_panel=s; Path=/panel; HttpOnly; SameSite=Strict; Max-Age=60; Secure");
}

TEST(PanelCookie, FramedByACmsOverHttpsItIsSameSiteNoneAndPartitioned) {
    config::HttpConfig http;
    http.public_url = "https://iro.council.gov.uk";
    http.frame_ancestors = {"https://cms.council.gov.uk"};
    EXPECT_EQ(panel_cookie("iro_panel", "s", 60, http),
              "iro_panel=s; Path=/panel; HttpOnly; SameSite=None; Max-Age=60; Secure; Partitioned");
    // Over plain HTTP a browser refuses SameSite=None: the cookie stays Strict (and framing from
    // another site needs the TLS front, docs/operator-guide.md).
    http.public_url.clear();
    EXPECT_THAT(panel_cookie("iro_panel", "s", 60, http), HasSubstr("SameSite=Strict"));
    EXPECT_THAT(panel_cookie("iro_panel", "s", 60, http), Not(HasSubstr("Partitioned")));
}

}  // namespace
}  // namespace iro::api
