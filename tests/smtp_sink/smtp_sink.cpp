// iro-smtp-sink: a mail server that keeps what it is given, run by the notification tests as a
// separate process on loopback. It speaks enough SMTP for a real client (libcurl): EHLO, MAIL,
// RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT, one connection at a time.
//
//   iro-smtp-sink --port 0 --dir DIR [--refuse ADDRESS]
//
// Prints "listening on 127.0.0.1:<port>" when ready and "received <n>" after storing message n
// as DIR/<n>.eml, its envelope first ("X-Envelope-From:", one "X-Envelope-To:" per recipient).
// A RCPT for the --refuse address is answered 550, as a server refusing a mailbox.

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

struct Options {
    unsigned short port = 0;
    std::filesystem::path dir;
    std::string refuse;
};

std::string upper(std::string text) {
    for (auto& c : text) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return text;
}

std::string address_in(const std::string& line) {
    const auto open = line.find('<');
    const auto close = line.find('>', open);
    return open == std::string::npos || close == std::string::npos
               ? std::string()
               : line.substr(open + 1, close - open - 1);
}

class Session {
  public:
    Session(tcp::socket socket, const Options& options, int& stored)
        : socket_(std::move(socket)), options_(options), stored_(stored) {}

    void run() {
        reply("220 iro-smtp-sink ready");
        std::string line;
        while (read_line(line)) {
            const std::string verb = upper(line.substr(0, 4));
            if (verb == "EHLO" || verb == "HELO") {
                reply(verb == "EHLO" ? "250-iro-smtp-sink\r\n250 8BITMIME" : "250 iro-smtp-sink");
            } else if (verb == "MAIL") {
                from_ = address_in(line);
                to_.clear();
                reply("250 OK");
            } else if (verb == "RCPT") {
                const std::string to = address_in(line);
                if (!options_.refuse.empty() && to == options_.refuse) {
                    reply("550 no such mailbox");
                } else {
                    to_.push_back(to);
                    reply("250 OK");
                }
            } else if (verb == "DATA") {
                if (to_.empty()) {
                    reply("503 no valid recipients");
                    continue;
                }
                reply("354 end with <CRLF>.<CRLF>");
                store(read_data());
                reply("250 stored");
            } else if (verb == "RSET" || verb == "NOOP") {
                reply("250 OK");
            } else if (verb == "QUIT") {
                reply("221 bye");
                return;
            } else {
                reply("502 not implemented");
            }
        }
    }

  private:
    bool read_line(std::string& line) {
        boost::system::error_code error;
        asio::read_until(socket_, buffer_, "\r\n", error);
        if (error) {
            return false;
        }
        std::istream in(&buffer_);
        std::getline(in, line);
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        return true;
    }

    std::string read_data() {
        std::string data;
        std::string line;
        while (read_line(line) && line != ".") {
            // A leading dot is doubled by the client (RFC 5321 4.5.2).
            data += (line.rfind("..", 0) == 0 ? line.substr(1) : line) + "\r\n";
        }
        return data;
    }

    void store(const std::string& data) {
        const int n = ++stored_;
        std::ofstream out(options_.dir / (std::to_string(n) + ".eml"), std::ios::binary);
        out << "X-Envelope-From: " << from_ << "\r\n";
        for (const auto& to : to_) {
            out << "X-Envelope-To: " << to << "\r\n";
        }
        out << data;
        out.close();
        std::cout << "received " << n << std::endl;
    }

    void reply(const std::string& text) { asio::write(socket_, asio::buffer(text + "\r\n")); }

    tcp::socket socket_;
    const Options& options_;
    int& stored_;
    asio::streambuf buffer_;
    std::string from_;
    std::vector<std::string> to_;
};

}  // namespace

int main(int argc, char** argv) {
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--port") {
            options.port = static_cast<unsigned short>(std::stoi(argv[i + 1]));
        } else if (flag == "--dir") {
            options.dir = argv[i + 1];
        } else if (flag == "--refuse") {
            options.refuse = argv[i + 1];
        }
    }
    if (options.dir.empty()) {
        std::cerr << "usage: iro-smtp-sink --port 0 --dir DIR [--refuse ADDRESS]\n";
        return 2;
    }
    asio::io_context io;
    tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), options.port));
    std::cout << "listening on 127.0.0.1:" << acceptor.local_endpoint().port() << std::endl;
    int stored = 0;
    for (;;) {
        tcp::socket socket(io);
        acceptor.accept(socket);
        try {
            Session(std::move(socket), options, stored).run();
        } catch (const std::exception& e) {
            std::cerr << "session ended: " << e.what() << "\n";
        }
    }
}
