#include "control/control_client.hpp"

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <istream>

namespace iro::control {

std::optional<nlohmann::json> ask_running_host(const std::filesystem::path& socket_path,
                                               const nlohmann::json& request,
                                               std::chrono::seconds timeout) {
    using boost::asio::local::stream_protocol;
    std::error_code fs_ec;
    if (!std::filesystem::exists(socket_path, fs_ec)) {
        return std::nullopt;
    }
    boost::asio::io_context io;
    stream_protocol::socket socket(io);
    boost::system::error_code ec;
    socket.connect(stream_protocol::endpoint(socket_path.string()), ec);
    if (ec == boost::asio::error::connection_refused || ec == boost::asio::error::not_found ||
        ec == boost::system::errc::no_such_file_or_directory) {
        return std::nullopt;  // a socket file with nobody behind it
    }
    if (ec) {
        throw std::runtime_error("cannot reach the running host at " + socket_path.string() + ": " +
                                 ec.message());
    }
    // A host that accepted but never answers must not hang an administrator's command.
    const timeval wait{timeout.count(), 0};
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &wait, sizeof wait);

    boost::asio::write(socket, boost::asio::buffer(request.dump() + "\n"), ec);
    boost::asio::streambuf reply;
    if (!ec) {
        boost::asio::read_until(socket, reply, '\n', ec);
    }
    if (ec) {
        throw std::runtime_error("the running host at " + socket_path.string() +
                                 " did not answer: " + ec.message());
    }
    std::istream in(&reply);
    std::string line;
    std::getline(in, line);
    return nlohmann::json::parse(line);
}

}  // namespace iro::control
