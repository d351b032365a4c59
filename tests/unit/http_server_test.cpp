// The HTTP server's last guard: whatever the handler throws, or a response it makes that would
// carry a line break into a header, is answered with a 500 and a log line, and the server goes
// on answering. A real server on loopback, driven by raw requests.

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>

#include "http/problem.hpp"
#include "http/server.hpp"
#include "support/raw_http.hpp"

namespace iro::http {
namespace {

namespace bh = boost::beast::http;

class HttpServerTest : public testing::Test {
  protected:
    HttpServerTest()
        : server(io, {boost::asio::ip::make_address("127.0.0.1"), 0}, Limits{},
                 [this](Request& request, const Exchange&) -> Response {
                     const std::string target(request.target());
                     if (target == "/throw") {
                         throw std::runtime_error("the handler failed");
                     }
                     if (target == "/slow") {
                         released.wait();  // until /release has been answered
                     }
                     if (target == "/release") {
                         release.set_value();
                     }
                     auto response = make_response(request, bh::status::ok, "fine", "text/plain");
                     if (target == "/inject") {
                         response.set(bh::field::location, "/x\r\nSet-Cookie: evil=1");
                     }
                     return response;
                 }),
          base("http://127.0.0.1:" + std::to_string(server.local_endpoint().port())),
          runner([this] { io.run(); }) {}

    ~HttpServerTest() override {
        boost::asio::post(io, [this] { server.shutdown([this] { io.stop(); }); });
        runner.join();
    }

    static std::string get(const std::string& target) {
        return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    }

    std::promise<void> release;
    std::shared_future<void> released{release.get_future().share()};
    boost::asio::io_context io;
    Server server;
    std::string base;
    std::thread runner;
};

TEST_F(HttpServerTest, AHandlerThatThrowsIsA500AndTheServerGoesOn) {
    for (int i = 0; i < 3; ++i) {
        const std::string answer = test::raw_http(base, get("/throw"));
        EXPECT_EQ(test::raw_status(answer), 500) << answer;
        EXPECT_NE(answer.find("\"request_id\""), std::string::npos) << answer;
        EXPECT_EQ(answer.find("the handler failed"), std::string::npos)
            << "what failed inside is logged, not shown";
    }
    EXPECT_EQ(test::raw_status(test::raw_http(base, get("/ok"))), 200);
}

TEST_F(HttpServerTest, AResponseHeaderWithALineBreakIsNeverSent) {
    const std::string answer = test::raw_http(base, get("/inject"));
    EXPECT_EQ(test::raw_status(answer), 500) << answer;
    EXPECT_EQ(answer.find("Set-Cookie"), std::string::npos) << answer;
    EXPECT_EQ(test::raw_header(answer, "Location"), "");
    EXPECT_EQ(test::raw_status(test::raw_http(base, get("/ok"))), 200);
}

// Handlers run on a pool: a request whose answer takes long (a large report) holds up only its
// own connection. /slow waits until /release has been answered on another connection, which a
// server answering one request at a time could never do.
TEST_F(HttpServerTest, ASlowAnswerHoldsUpOnlyItsOwnConnection) {
    auto slow =
        std::async(std::launch::async, [this] { return test::raw_http(base, get("/slow")); });
    EXPECT_EQ(test::raw_status(test::raw_http(base, get("/release"))), 200);
    EXPECT_EQ(test::raw_status(slow.get()), 200);
}

}  // namespace
}  // namespace iro::http
