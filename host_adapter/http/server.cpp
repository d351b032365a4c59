#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <optional>

#include "auth/crypto.hpp"
#include "http/problem.hpp"

namespace iro::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bh = boost::beast::http;
using tcp = asio::ip::tcp;

class Server::Session : public std::enable_shared_from_this<Session> {
  public:
    Session(Server& server, tcp::socket socket, std::uint64_t id)
        : server_(server), stream_(std::move(socket)), id_(id) {
        beast::error_code ec;
        const auto remote = stream_.socket().remote_endpoint(ec);
        peer_ = ec ? "unknown" : remote.address().to_string();
    }

    void start() { read_next(); }

    /// At shutdown: a connection waiting for its next request closes now; one part-way through
    /// a request or response finishes it first.
    void close_if_idle() {
        if (!writing_ && (!parser_ || !parser_->got_some()) && buffer_.size() == 0) {
            beast::error_code ec;
            stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
            stream_.close();
        }
    }

    void force_close() { stream_.close(); }

  private:
    void read_next() {
        parser_.emplace();
        parser_->body_limit(server_.limits_.max_body_bytes);
        parser_->header_limit(static_cast<std::uint32_t>(server_.limits_.max_header_bytes));
        stream_.expires_after(server_.limits_.request_timeout);
        bh::async_read(
            stream_, buffer_, *parser_,
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
    }

    void on_read(beast::error_code ec) {
        if (ec == bh::error::end_of_stream || ec == asio::error::operation_aborted ||
            ec == asio::error::connection_reset || ec == asio::error::bad_descriptor) {
            return finish();
        }
        const Exchange exchange{server_.id_prefix(id_, ++requests_), peer_,
                                std::chrono::steady_clock::now()};
        if (ec) {
            return refuse(ec, exchange);
        }
        Request request = parser_->release();
        parser_.reset();
        stream_.expires_never();
        Response response = server_.handler_(request, exchange);
        if (server_.stopping_) {
            response.keep_alive(false);
        }
        send(std::move(response));
    }

    // A request the parser would not take: answer with a problem when one can still be
    // understood, then close (what follows on the connection cannot be trusted).
    void refuse(beast::error_code ec, const Exchange& exchange) {
        Request stub{bh::verb::get, "/", 11};
        bh::status status = bh::status::bad_request;
        std::string detail = "the request is not valid HTTP/1.1: " + ec.message();
        if (ec == bh::error::body_limit) {
            status = bh::status::payload_too_large;
            detail = "the request body is larger than the limit of " +
                     std::to_string(server_.limits_.max_body_bytes) + " bytes";
        } else if (ec == bh::error::header_limit) {
            status = bh::status::request_header_fields_too_large;
            detail = "the request headers are larger than the limit of " +
                     std::to_string(server_.limits_.max_header_bytes) + " bytes";
        } else if (ec == beast::error::timeout) {
            if (!parser_ || !parser_->got_some()) {
                return finish();  // an idle keep-alive connection timing out is normal
            }
            status = bh::status::request_timeout;
            detail = "the request did not arrive within " +
                     std::to_string(server_.limits_.request_timeout.count()) + " seconds";
        }
        spdlog::info("event=http_refused request_id={} peer={} status={} reason=\"{}\"",
                     exchange.request_id, peer_, static_cast<unsigned>(status), ec.message());
        Response response = problem(stub, status, "bad-request", detail, exchange.request_id);
        response.keep_alive(false);
        send(std::move(response));
    }

    void send(Response response) {
        writing_ = true;
        response_ = std::make_unique<Response>(std::move(response));
        stream_.expires_after(server_.limits_.request_timeout);
        bh::async_write(
            stream_, *response_,
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_write(ec); });
    }

    void on_write(beast::error_code ec) {
        writing_ = false;
        const bool keep = !ec && response_->keep_alive() && !server_.stopping_;
        response_.reset();
        if (!keep) {
            beast::error_code ignored;
            stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
            return finish();
        }
        read_next();
    }

    void finish() {
        stream_.close();
        server_.session_closed(this);
    }

    Server& server_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<bh::request_parser<bh::string_body>> parser_;
    std::unique_ptr<Response> response_;
    std::uint64_t id_;
    std::uint64_t requests_ = 0;
    std::string peer_;
    bool writing_ = false;
};

Server::Server(asio::io_context& io, const tcp::endpoint& endpoint, Limits limits, Handler handler)
    : io_(io),
      acceptor_(io),
      limits_(limits),
      handler_(std::move(handler)),
      grace_timer_(io),
      instance_(auth::random_hex(4)) {
    beast::error_code ec;
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) {
        acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    }
    if (!ec) {
        acceptor_.bind(endpoint, ec);
    }
    if (!ec) {
        acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    }
    if (ec) {
        throw std::runtime_error("cannot listen for HTTP on " + endpoint.address().to_string() +
                                 ":" + std::to_string(endpoint.port()) + ": " + ec.message());
    }
    accept_next();
}

Server::~Server() {
    for (const auto& session : sessions_) {
        session->force_close();
    }
}

tcp::endpoint Server::local_endpoint() const {
    return acceptor_.local_endpoint();
}

std::size_t Server::open_connections() const {
    return sessions_.size();
}

std::string Server::id_prefix(std::uint64_t session, std::uint64_t request) const {
    return instance_ + "-" + std::to_string(session) + "-" + std::to_string(request);
}

void Server::accept_next() {
    acceptor_.async_accept([this](beast::error_code ec, tcp::socket socket) {
        if (ec) {
            if (ec != asio::error::operation_aborted) {
                spdlog::warn("event=http_accept_failed reason=\"{}\"", ec.message());
            }
            if (!stopping_ && ec != asio::error::operation_aborted) {
                accept_next();
            }
            return;
        }
        auto session = std::make_shared<Session>(*this, std::move(socket), next_id_++);
        sessions_.insert(session);
        session->start();
        if (!stopping_) {
            accept_next();
        }
    });
}

void Server::session_closed(Session* session) {
    for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
        if (it->get() == session) {
            sessions_.erase(it);
            break;
        }
    }
    check_drained();
}

void Server::check_drained() {
    if (stopping_ && sessions_.empty() && drained_) {
        grace_timer_.cancel();
        auto done = std::move(drained_);
        drained_ = nullptr;
        done();
    }
}

void Server::shutdown(std::function<void()> drained) {
    stopping_ = true;
    drained_ = std::move(drained);
    beast::error_code ec;
    acceptor_.close(ec);
    // Copy: closing a session can remove it from the set.
    const auto open = sessions_;
    for (const auto& session : open) {
        session->close_if_idle();
    }
    grace_timer_.expires_after(limits_.shutdown_grace);
    grace_timer_.async_wait([this](beast::error_code wait_ec) {
        if (wait_ec) {
            return;
        }
        spdlog::warn("event=http_shutdown_forced open_connections={}", sessions_.size());
        const auto still_open = sessions_;
        for (const auto& session : still_open) {
            session->force_close();
        }
    });
    check_drained();
}

}  // namespace iro::http
