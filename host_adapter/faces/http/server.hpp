#pragma once
// HTTP/1.1 on Boost.Beast: accepts on one endpoint, reads each request within the limits, hands
// it to the handler and writes the response, keeping connections alive. The network runs on the
// host's io_context thread; handlers run on a pool of `limits.threads` workers, several at once,
// so the handler decides what must take turns (the service: writes to the store).
//
// Shutdown stops accepting, closes idle connections at once, and lets requests already being
// received or answered finish (their responses say Connection: close) within the grace period.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <memory>
#include <set>

#include "http/http_types.hpp"

namespace iro::http {

using Handler = std::function<Response(Request& request, const Exchange& exchange)>;

class Server {
  public:
    /// Binds `endpoint`. Throws std::runtime_error naming the address when it cannot (in use,
    /// not permitted).
    Server(boost::asio::io_context& io, const boost::asio::ip::tcp::endpoint& endpoint,
           Limits limits, Handler handler);
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;
    ~Server();

    /// The bound endpoint (the real port when 0 was asked for).
    boost::asio::ip::tcp::endpoint local_endpoint() const;

    /// Stops accepting and calls `drained` once every connection has closed, or when the grace
    /// period ends with some still open (they are then closed).
    void shutdown(std::function<void()> drained);

    /// Connections open now.
    std::size_t open_connections() const;

    class Session;

  private:
    void accept_next();
    void session_closed(Session* session);
    /// "<instance>-<connection>-<request>": unique across restarts, cheap to make.
    std::string id_prefix(std::uint64_t session, std::uint64_t request) const;
    void check_drained();
    /// The handler's response, or a 500 for whatever it threw: on a worker thread.
    Response answer(Request& request, const Exchange& exchange) noexcept;

    boost::asio::ip::tcp::acceptor acceptor_;
    Limits limits_;
    Handler handler_;
    std::set<std::shared_ptr<Session>> sessions_;
    bool stopping_ = false;
    std::function<void()> drained_;
    boost::asio::steady_timer grace_timer_;
    boost::asio::steady_timer accept_retry_;  // out of descriptors: when to accept again
    bool accept_backing_off_ = false;
    std::uint64_t next_id_ = 1;
    std::string instance_;
    boost::asio::thread_pool workers_;  // last: joined first, while the rest is still whole
};

}  // namespace iro::http
