// What an answer from the CMS means for an outbox item, how long it waits, and how the route
// templates fill a request: pure functions, no network.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/cms_templates.hpp"
#include "writeback/retry_policy.hpp"

namespace iro::writeback {
namespace {

using std::chrono::milliseconds;
using testing::HasSubstr;

constexpr auto kNow =
    std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + std::chrono::hours(9);

net::HttpResponse answer(int status, std::string retry_after = {}) {
    net::HttpResponse r;
    r.answered = true;
    r.status = status;
    r.retry_after = std::move(retry_after);
    return r;
}

TEST(RetryPolicy, SuccessRetryAndDeadLetterFollowTheStatus) {
    EXPECT_EQ(classify(answer(201), false, kNow).verdict, Verdict::delivered);
    EXPECT_EQ(classify(answer(204), false, kNow).verdict, Verdict::delivered);
    for (int status : {408, 429, 500, 502, 503, 504}) {
        EXPECT_EQ(classify(answer(status), false, kNow).verdict, Verdict::retry) << status;
    }
    for (int status : {301, 400, 403, 404, 409, 422}) {
        const auto d = classify(answer(status), false, kNow);
        EXPECT_EQ(d.verdict, Verdict::dead) << status;
        EXPECT_THAT(d.error, HasSubstr("HTTP " + std::to_string(status)));
    }
    EXPECT_EQ(classify(answer(401), false, kNow).verdict, Verdict::dead);
    EXPECT_EQ(classify(answer(401), true, kNow).verdict, Verdict::reauthenticate);
}

TEST(RetryPolicy, NoAnswerIsRetriedAndSaysWhy) {
    net::HttpResponse timeout;
    timeout.timed_out = true;
    timeout.transport_error = "Operation timed out after 300 milliseconds";
    const auto d = classify(timeout, false, kNow);
    EXPECT_EQ(d.verdict, Verdict::retry);
    EXPECT_THAT(d.error, HasSubstr("timed out: Operation timed out"));
    net::HttpResponse refused;
    refused.transport_error = "Failed to connect to 127.0.0.1 port 9: Connection refused";
    EXPECT_THAT(classify(refused, false, kNow).error, HasSubstr("no response: Failed to connect"));
}

TEST(RetryPolicy, RetryAfterInSecondsOrAsADate) {
    EXPECT_EQ(classify(answer(429, "7"), false, kNow).retry_after, milliseconds(7000));
    EXPECT_EQ(net::parse_retry_after("Mon, 23 Nov 2026 09:00:30 GMT", kNow), milliseconds(30000));
    EXPECT_EQ(net::parse_retry_after("Mon, 23 Nov 2026 08:00:00 GMT", kNow), milliseconds(0));
    EXPECT_FALSE(net::parse_retry_after("soon", kNow));
    EXPECT_FALSE(net::parse_retry_after("", kNow));
    EXPECT_FALSE(net::parse_retry_after("-3", kNow));
}

TEST(RetryPolicy, BackoffDoublesWithinJitterAndStopsAtTheCap) {
    const milliseconds initial(100);
    const milliseconds cap(1000);
    EXPECT_EQ(backoff(1, initial, cap, 0.0), milliseconds(50));
    EXPECT_EQ(backoff(1, initial, cap, 1.0), milliseconds(100));
    EXPECT_EQ(backoff(2, initial, cap, 1.0), milliseconds(200));
    EXPECT_EQ(backoff(3, initial, cap, 0.5), milliseconds(300));
    EXPECT_EQ(backoff(5, initial, cap, 1.0), milliseconds(1000));
    EXPECT_EQ(backoff(60, initial, cap, 0.0), milliseconds(500));
}

TEST(RouteTemplates, FillPathAndBodyFromTheItemsFields) {
    const nlohmann::json fields{{"child_id", "C 1/2"},
                                {"note_id", "17"},
                                {"version", 2},
                                {"text", "Seen at school"},
                                {"tags", {"a", "b"}}};
    EXPECT_EQ(render_path("/persons/{child_id}/casenotes", fields), "/persons/C%201%2F2/casenotes");
    const auto body = render_body({{"id", "{note_id}"},
                                   {"v", "{version}"},
                                   {"tags", "{tags}"},
                                   {"subject", "IRO note {note_id} v{version}"},
                                   {"fixed", 3},
                                   {"list", {"{text}"}}},
                                  fields);
    EXPECT_EQ(body["id"], "17");
    EXPECT_EQ(body["v"], 2);
    EXPECT_EQ(body["tags"], nlohmann::json({"a", "b"}));
    EXPECT_EQ(body["subject"], "IRO note 17 v2");
    EXPECT_EQ(body["fixed"], 3);
    EXPECT_EQ(body["list"][0], "Seen at school");
}

TEST(RouteTemplates, BadTemplatesAndMissingFieldsAreNamed) {
    EXPECT_THROW(check_text_template("/persons/{child_id/casenotes"), std::invalid_argument);
    EXPECT_THROW(check_body_template({{"a", "{not a name}"}}), std::invalid_argument);
    EXPECT_NO_THROW(check_body_template({{"a", "{text}"}, {"b", {1, "{x}"}}}));
    try {
        render_body({{"a", "{missing}"}}, {{"child_id", "1"}});
        FAIL();
    } catch (const std::invalid_argument& e) {
        EXPECT_THAT(e.what(), HasSubstr("{missing}, which the item does not have (it has: "
                                        "child_id)"));
    }
}

}  // namespace
}  // namespace iro::writeback
