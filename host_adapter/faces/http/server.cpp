#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <optional>

#include "crypto/crypto.hpp"
#include "http/problem.hpp"

namespace iro::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bh = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

// A header value with a line break (or any control byte but tab) would let text a request
// carried start a header of its own (a Set-Cookie, say): such a response is not sent.
std::optional<std::string> unsafe_header(const Response& response) {
    for (const auto& field : response) {
        for (const char c : field.value()) {
            const auto u = static_cast<unsigned char>(c);
            if ((u < 0x20 && c != '\t') || u == 0x7f) {
                return std::string(field.name_string());
            }
        }
    }
    return std::nullopt;
}

// The answer when the handler itself failed, or made a response that cannot be sent: from
// constants and the request id, so making it cannot fail in turn.
Response internal_error(unsigned version, const std::string& request_id) {
    Response response{bh::status::internal_server_error, version};
    response.set(bh::field::server, "iro-oversight");
    response.set(bh::field::content_type, "application/problem+json");
    response.set(bh::field::cache_control, "no-store");
    response.set("X-Content-Type-Options", "nosniff");
    response.set("X-Request-Id", request_id);
    response.body() =
        R"({"type":"/problems/internal-error","title":"Internal Server Error","status":500,)"
        R"("detail":"the service failed to answer; quote the request id to your administrator",)"
        R"("request_id":")" +
        request_id + "\"}";
    response.keep_alive(false);
    response.prepare_payload();
    return response;
}

}  // namespace

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
        if (!writing_ && !handling_ && (!parser_ || !parser_->got_some()) && buffer_.size() == 0) {
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
        auto request = std::make_shared<Request>(parser_->release());
        parser_.reset();
        stream_.expires_never();
        // Answered on a worker thread, so a slow answer (a large report) holds up only its own
        // connection; the connection itself is only ever touched on the network thread.
        handling_ = true;
        asio::post(server_.workers_, [self = shared_from_this(), request, exchange]() mutable {
            auto response = std::make_shared<Response>(self->server_.answer(*request, exchange));
            asio::post(self->stream_.get_executor(), [self, response] {
                self->handling_ = false;
                if (self->server_.stopping_) {
                    response->keep_alive(false);
                }
                self->send(std::move(*response));
            });
        });
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
    bool handling_ = false;  // a worker is answering the request just read
};

// The last guard: the handler answers its own failures, and anything that still escapes it is a
// 500 and a log line, never the end of the process (a worker thread would end it).
Response Server::answer(Request& request, const Exchange& exchange) noexcept {
    try {
        Response response = handler_(request, exchange);
        if (const auto field = unsafe_header(response)) {
            spdlog::error(
                "event=http_response_refused request_id={} peer={} reason=\"header {} holds a "
                "line break or control byte\"",
                exchange.request_id, exchange.peer, *field);
            return internal_error(request.version(), exchange.request_id);
        }
        return response;
    } catch (const std::exception& e) {
        try {
            spdlog::error("event=http_handler_failed request_id={} peer={} reason=\"{}\"",
                          exchange.request_id, exchange.peer, e.what());
        } catch (...) {  // NOLINT(bugprone-empty-catch): the answer matters more than the log
        }
    } catch (...) {  // NOLINT(bugprone-empty-catch): answered below
    }
    return internal_error(request.version(), exchange.request_id);
}

Server::Server(asio::io_context& io, const tcp::endpoint& endpoint, Limits limits, Handler handler)
    : acceptor_(io),
      limits_(limits),
      handler_(std::move(handler)),
      grace_timer_(io),
      accept_retry_(io),
      instance_(auth::random_hex(4)),
      workers_(std::max<std::size_t>(1, limits.threads)) {
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
    // Requests still being answered finish first: their handlers use what outlives the server.
    workers_.join();
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
        if (ec == asio::error::no_descriptors || ec == asio::error::no_buffer_space ||
            ec == asio::error::no_memory) {
            // Out of file descriptors (or memory): accepting again at once would fail again at
            // once, spinning a core and the log. Wait for connections to close, then try again,
            // and say so once per spell rather than once per attempt.
            if (!accept_backing_off_) {
                spdlog::warn("event=http_accept_backoff open_connections={} reason=\"{}\"",
                             sessions_.size(), ec.message());
            }
            accept_backing_off_ = true;
            if (!stopping_) {
                accept_retry_.expires_after(limits_.accept_backoff);
                accept_retry_.async_wait([this](beast::error_code wait_ec) {
                    if (!wait_ec && !stopping_) {
                        accept_next();
                    }
                });
            }
            return;
        }
        if (ec) {
            if (ec != asio::error::operation_aborted) {
                spdlog::warn("event=http_accept_failed reason=\"{}\"", ec.message());
            }
            if (!stopping_ && ec != asio::error::operation_aborted) {
                accept_next();
            }
            return;
        }
        if (accept_backing_off_) {
            spdlog::info("event=http_accept_resumed open_connections={}", sessions_.size() + 1);
            accept_backing_off_ = false;
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
    accept_retry_.cancel();
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
