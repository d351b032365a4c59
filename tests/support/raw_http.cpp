#include "support/raw_http.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <stdexcept>

#include "text/ascii_case.hpp"

namespace iro::test {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

std::string raw_http(const std::string& base_url, const std::string& bytes, int timeout_seconds) {
    // base_url is "http://host:port".
    const auto scheme = base_url.find("://");
    const auto colon = base_url.rfind(':');
    if (scheme == std::string::npos || colon == std::string::npos || colon < scheme + 3) {
        throw std::invalid_argument("not an http://host:port URL: " + base_url);
    }
    const std::string host = base_url.substr(scheme + 3, colon - scheme - 3);
    const std::string port = base_url.substr(colon + 1);
    asio::io_context io;
    tcp::socket socket(io);
    asio::connect(socket, tcp::resolver(io).resolve(host, port));
    // A server that never answers fails the test rather than hanging it.
    const timeval limit{timeout_seconds, 0};
    setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    asio::write(socket, asio::buffer(bytes));
    std::string response;
    boost::system::error_code ec;
    char chunk[4096];
    for (;;) {
        const std::size_t n = socket.read_some(asio::buffer(chunk), ec);
        response.append(chunk, n);
        if (ec) {
            break;  // end of stream, reset, or the time limit
        }
    }
    return response;
}

int raw_status(const std::string& response) {
    if (response.rfind("HTTP/1.", 0) != 0 || response.size() < 12) {
        return 0;
    }
    try {
        return std::stoi(response.substr(9, 3));
    } catch (const std::exception&) {
        return 0;
    }
}

std::string raw_header(const std::string& response, const std::string& name) {
    const std::string wanted = text::ascii_lower(name) + ":";
    std::size_t line = response.find("\r\n");
    while (line != std::string::npos) {
        const std::size_t start = line + 2;
        const std::size_t end = response.find("\r\n", start);
        if (end == std::string::npos || end == start) {
            break;  // the blank line before the body
        }
        const std::string text = response.substr(start, end - start);
        if (text::ascii_lower(text.substr(0, wanted.size())) == wanted) {
            const auto value = text.find_first_not_of(' ', wanted.size());
            return value == std::string::npos ? "" : text.substr(value);
        }
        line = end;
    }
    return "";
}

}  // namespace iro::test
