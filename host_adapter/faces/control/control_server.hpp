#pragma once
// The running host's local control channel: a Unix socket in the data directory (mode 0600) on
// which the CLI asks for live module states and tells the host to apply a change it has just
// committed to the store. One JSON request line in, one JSON response line out.

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>

namespace iro::control {

/// Who is at the other end of a connection, as the kernel says (SO_PEERCRED): the socket is the
/// host's owner's alone (mode 0600), and the answer names who asked.
struct Peer {
    long pid = 0;
    unsigned uid = 0;
};

using RequestHandler =
    std::function<nlohmann::json(const nlohmann::json& request, const Peer& peer)>;

class ControlServer {
  public:
    /// Binds `socket_path`. Throws std::runtime_error when another host already answers there;
    /// a stale socket file left by a crashed host is replaced.
    ControlServer(boost::asio::io_context& io, std::filesystem::path socket_path,
                  RequestHandler handler);
    ControlServer(const ControlServer&) = delete;
    ControlServer& operator=(const ControlServer&) = delete;
    ~ControlServer();

    const std::filesystem::path& socket_path() const { return socket_path_; }

  private:
    void accept_next();
    std::filesystem::path socket_path_;
    RequestHandler handler_;
    boost::asio::local::stream_protocol::acceptor acceptor_;
};

}  // namespace iro::control
