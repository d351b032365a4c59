// The contact columns of a professionals extract: kept only when plainly an address or a number,
// since the panel makes mailto: and tel: links of them.

#include "importers/contact_fields.hpp"

#include <gtest/gtest.h>

#include <string>

namespace iro::importers {
namespace {

TEST(ContactFields, AWorkEmailIsOnePlainAddress) {
    for (const char* good :
         {"ann.example@council.gov.uk", "a+iro@x.org", "o'neil@council.gov.uk"}) {
        EXPECT_TRUE(plausible_email(good)) << good;
    }
    for (const char* bad :
         {"", "ann", "ann@", "@council.gov.uk", "ann@localhost", "a@b@c.uk", "ann example@c.uk",
          "ann@c.uk?cc=x@y.uk", "ann@c.uk,bob@c.uk", "<ann@c.uk>", "\"ann\"@c.uk", "ann..x@c.uk",
          ".ann@c.uk", "ann@c..uk", "ann@c.uk.", "javascript:alert(1)//@c.uk"}) {
        EXPECT_FALSE(plausible_email(bad)) << bad;
    }
    std::string long_local(65, 'a');  // a local part over 64 characters
    long_local.append("@c.uk");
    EXPECT_FALSE(plausible_email(long_local));
    std::string long_domain = "a@";  // over 254 in all
    long_domain.append(250, 'c').append(".uk");
    EXPECT_FALSE(plausible_email(long_domain));
}

TEST(ContactFields, ATelephoneNumberIsDigitsWithTheUsualSeparators) {
    for (const char* good : {"01904 555010", "+44 (0)1904 555-010", "07700900123", "123456"}) {
        EXPECT_TRUE(plausible_phone(good)) << good;
    }
    for (const char* bad : {"", "12345", "call me", "01904 555010 ext 4", "44+1904555010",
                            "1234567890123456", "0190455501;0", "tel:01904555010"}) {
        EXPECT_FALSE(plausible_phone(bad)) << bad;
    }
    EXPECT_FALSE(plausible_phone(std::string(33, '1')));
}

}  // namespace
}  // namespace iro::importers
