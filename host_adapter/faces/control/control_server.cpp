#include "control/control_server.hpp"

#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <memory>

#include "control/control_client.hpp"

namespace iro::control {

namespace {

using boost::asio::local::stream_protocol;
constexpr std::size_t kMaxRequestBytes = 1 << 20;

// One connection: read a line, answer it, close.
class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(stream_protocol::socket socket, const RequestHandler& handler)
        : socket_(std::move(socket)), buffer_(kMaxRequestBytes), handler_(handler) {}

    void start() {
        auto self = shared_from_this();
        boost::asio::async_read_until(
            socket_, buffer_, '\n', [self](const boost::system::error_code& ec, std::size_t size) {
                self->on_request(ec, size);
            });
    }

  private:
    Peer peer() {
        ucred credentials{};
        socklen_t size = sizeof credentials;
        if (::getsockopt(socket_.native_handle(), SOL_SOCKET, SO_PEERCRED, &credentials, &size) !=
            0) {
            throw std::runtime_error("the peer's credentials cannot be read");
        }
        return {static_cast<long>(credentials.pid), credentials.uid};
    }

    void on_request(const boost::system::error_code& ec, std::size_t size) {
        nlohmann::json response;
        if (ec) {
            response = {{"ok", false}, {"error", "request not read: " + ec.message()}};
        } else {
            std::string line(
                boost::asio::buffers_begin(buffer_.data()),
                boost::asio::buffers_begin(buffer_.data()) + static_cast<std::ptrdiff_t>(size));
            try {
                response = handler_(nlohmann::json::parse(line), peer());
            } catch (const std::exception& e) {
                response = {{"ok", false}, {"error", e.what()}};
            }
        }
        reply_ = response.dump() + "\n";
        auto self = shared_from_this();
        boost::asio::async_write(socket_, boost::asio::buffer(reply_),
                                 [self](const boost::system::error_code&, std::size_t) {
                                     boost::system::error_code ignored;
                                     self->socket_.shutdown(stream_protocol::socket::shutdown_both,
                                                            ignored);
                                 });
    }

    stream_protocol::socket socket_;
    boost::asio::streambuf buffer_;
    const RequestHandler& handler_;
    std::string reply_;
};

}  // namespace

ControlServer::ControlServer(boost::asio::io_context& io, std::filesystem::path socket_path,
                             RequestHandler handler)
    : socket_path_(std::move(socket_path)), handler_(std::move(handler)), acceptor_(io) {
    if (socket_path_.string().size() >= sizeof(sockaddr_un::sun_path)) {
        throw std::runtime_error("control socket path " + socket_path_.string() +
                                 " is too long for a Unix socket; use a shorter data directory");
    }
    if (std::filesystem::exists(socket_path_)) {
        if (auto answer = ask_running_host(socket_path_, {{"op", "status"}})) {
            throw std::runtime_error("another iro-host (pid " +
                                     answer->value("pid", std::string("?")) +
                                     ") is already serving " + socket_path_.parent_path().string());
        }
        std::filesystem::remove(socket_path_);  // left behind by a host that did not stop cleanly
    }
    const stream_protocol::endpoint endpoint(socket_path_.string());
    acceptor_.open(endpoint.protocol());
    // Bind under a tight umask so the socket is never reachable by other users, not even briefly.
    const mode_t previous = ::umask(0177);
    boost::system::error_code ec;
    acceptor_.bind(endpoint, ec);
    ::umask(previous);
    if (ec) {
        throw std::runtime_error("cannot bind control socket " + socket_path_.string() + ": " +
                                 ec.message());
    }
    acceptor_.listen();
    accept_next();
}

ControlServer::~ControlServer() {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    std::error_code fs_ignored;
    std::filesystem::remove(socket_path_, fs_ignored);
}

void ControlServer::accept_next() {
    acceptor_.async_accept(
        [this](const boost::system::error_code& ec, stream_protocol::socket socket) {
            if (ec == boost::asio::error::operation_aborted) {
                return;
            }
            if (!ec) {
                std::make_shared<Session>(std::move(socket), handler_)->start();
            } else {
                spdlog::warn("event=control_accept_failed error=\"{}\"", ec.message());
            }
            accept_next();
        });
}

}  // namespace iro::control
