// iro-fake-cms: a stand-in for a council's case-management API, run by the write-back tests as a
// separate process on loopback. It behaves like a careful CMS: it remembers every Idempotency-Key
// it accepted (in a journal file, so across its own restarts) and answers a repeat with the first
// answer instead of filing the note again. It counts what a test needs to judge the host: notes
// filed, replays recognised, duplicates (the same note filed under two keys), and order per child.
//
//   iro-fake-cms --port 0 --journal FILE [--api-key KEY | --client-id ID --client-secret S]
//                [--expect N]
//
// Prints "listening on 127.0.0.1:<port>" when ready, "filed <note>/<version>" for each note it
// files, and "all <N> filed" once it holds N notes (journal included), so tests wait on its
// output rather than on a clock. Faults are scripted over HTTP:
//   POST /_control/faults  [{"status": 500, "count": 3, "retry_after": "1", "delay_ms": 0,
//                            "stall": false, "revoke": false, "body": "..."}]
//                                                             applied to the next case notes
//   POST /_control/revoke-tokens                              every issued token stops working
//   POST /_control/expect {"filed": N}                        announce "all N filed" when it is
//   GET  /_control/stats                                      the counts, as JSON
// A "stall" fault files the note, prints "stalled <key>" and holds the answer back for a minute,
// so a test can kill the host while its request is in flight.

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

namespace {

struct Fault {
    int status = 0;  // 0: answer normally (after delay_ms)
    int count = 1;
    std::string retry_after;
    int delay_ms = 0;
    bool stall = false;
    bool revoke = false;  // every token stops working, and this request is refused with 401
    std::string body;
};

struct Options {
    unsigned short port = 0;
    std::string journal;
    std::string api_key;
    std::string client_id;
    std::string client_secret;
    int expect = 0;
};

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

class Cms {
  public:
    explicit Cms(Options options) : options_(std::move(options)) { load_journal(); }

    Response handle(const Request& request) {
        const std::string target(request.target());
        if (target == "/_control/stats") {
            return json(200, stats());
        }
        if (target == "/_control/faults") {
            const auto doc = nlohmann::json::parse(request.body());
            const std::lock_guard lock(mutex_);
            for (const auto& f : doc) {
                faults_.push_back({f.value("status", 0), f.value("count", 1),
                                   f.value("retry_after", std::string()), f.value("delay_ms", 0),
                                   f.value("stall", false), f.value("revoke", false),
                                   f.value("body", std::string())});
            }
            return json(200, {{"queued", doc.size()}});
        }
        if (target == "/_control/expect") {
            const std::lock_guard lock(mutex_);
            options_.expect = nlohmann::json::parse(request.body()).at("filed").get<int>();
            if (filed_ >= options_.expect) {
                std::cout << "all " << options_.expect << " filed" << std::endl;
            }
            return json(200, nlohmann::json::object());
        }
        if (target == "/_control/revoke-tokens") {
            const std::lock_guard lock(mutex_);
            tokens_.clear();
            return json(200, nlohmann::json::object());
        }
        if (target == "/oauth/token") {
            return token(request);
        }
        if (request.method() == http::verb::post && target.rfind("/persons/", 0) == 0 &&
            target.size() > 19 && target.substr(target.size() - 10) == "/casenotes") {
            return case_note(request, target.substr(9, target.size() - 19));
        }
        return json(404, {{"error", "no such resource"}});
    }

  private:
    static Response json(int status, const nlohmann::json& body) {
        Response response{static_cast<http::status>(status), 11};
        response.set(http::field::content_type, "application/json");
        response.body() = body.dump();
        response.prepare_payload();
        return response;
    }

    nlohmann::json stats() {
        const std::lock_guard lock(mutex_);
        int out_of_order = 0;
        for (const auto& [child, ids] : order_) {
            for (std::size_t i = 1; i < ids.size(); ++i) {
                out_of_order += ids[i] < ids[i - 1] ? 1 : 0;
            }
        }
        return {{"requests", requests_},
                {"filed", filed_},
                {"replays", replays_},
                {"duplicates", duplicates_},
                {"unauthorised", unauthorised_},
                {"faults_served", faults_served_},
                {"tokens_issued", tokens_issued_},
                {"out_of_order", out_of_order},
                {"first_filed_ms", first_filed_ms_},
                {"last_filed_ms", last_filed_ms_},
                {"started_ms", started_ms_}};
    }

    bool authorised(const Request& request) {
        if (!options_.api_key.empty()) {
            return request["X-Api-Key"] == options_.api_key;
        }
        if (!options_.client_id.empty()) {
            const std::string header(request[http::field::authorization]);
            return header.rfind("Bearer ", 0) == 0 && tokens_.count(header.substr(7)) != 0;
        }
        return true;
    }

    Response token(const Request& request) {
        const std::string& form = request.body();
        const bool ok = form.find("grant_type=client_credentials") != std::string::npos &&
                        form.find("client_id=" + options_.client_id) != std::string::npos &&
                        form.find("client_secret=" + options_.client_secret) != std::string::npos;
        if (!ok) {
            return json(401, {{"error", "invalid_client"}});
        }
        const std::lock_guard lock(mutex_);
        const std::string value = "tok-" + std::to_string(++tokens_issued_);
        tokens_.insert(value);
        return json(200, {{"access_token", value}, {"token_type", "Bearer"}, {"expires_in", 3600}});
    }

    Response case_note(const Request& request, const std::string& child) {
        std::unique_lock lock(mutex_);
        ++requests_;
        if (!authorised(request)) {
            ++unauthorised_;
            return json(401, {{"error", "unauthorised"}});
        }
        const std::string key(request["Idempotency-Key"]);
        if (key.empty()) {
            return json(400, {{"error", "Idempotency-Key is required"}});
        }
        // A fault applies to whatever request comes next, a repeat included (a slow or failing
        // server is so for everyone), except a refusal: a CMS answers a key it has already
        // accepted with its first answer rather than judge the note again.
        const auto known = answers_.find(key);
        const bool refusal_next =
            !faults_.empty() && faults_.front().status >= 400 && faults_.front().status < 500;
        Fault fault;
        if (!faults_.empty() && !(known != answers_.end() && refusal_next)) {
            fault = faults_.front();
            if (--faults_.front().count <= 0) {
                faults_.pop_front();
            }
            ++faults_served_;
        }
        if (fault.revoke) {
            tokens_.clear();
            ++unauthorised_;
            return json(401, {{"error", "token revoked"}});
        }
        if (known != answers_.end() && fault.status == 0) {
            ++replays_;
            Response replay = json(201, known->second);
            replay.set("Idempotent-Replayed", "true");
            lock.unlock();
            std::this_thread::sleep_for(std::chrono::milliseconds(fault.delay_ms));
            return replay;
        }
        if (fault.status != 0 && !fault.stall) {
            lock.unlock();
            std::this_thread::sleep_for(std::chrono::milliseconds(fault.delay_ms));
            Response refused =
                json(fault.status,
                     {{"error", fault.body.empty() ? "fault injected by the test" : fault.body}});
            if (!fault.retry_after.empty()) {
                refused.set(http::field::retry_after, fault.retry_after);
            }
            return refused;
        }
        const auto body = nlohmann::json::parse(request.body(), nullptr, false);
        if (body.is_discarded() || !body.contains("noteId")) {
            return json(422, {{"error", "a case note needs noteId"}});
        }
        const nlohmann::json answer = file(key, child, body);
        lock.unlock();
        if (fault.stall) {
            std::cout << "stalled " << key << std::endl;
            std::this_thread::sleep_for(std::chrono::minutes(1));
        } else if (fault.delay_ms > 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(fault.delay_ms));
        }
        return json(201, answer);
    }

    // Files the note and remembers the key; the journal survives this process.
    nlohmann::json file(const std::string& key, const std::string& child,
                        const nlohmann::json& body) {
        const std::string note =
            body["noteId"].is_string() ? body["noteId"].get<std::string>() : body["noteId"].dump();
        const std::string version = body.contains("version") ? body["version"].dump() : "1";
        nlohmann::json entry{{"key", key},
                             {"child", child},
                             {"note", note},
                             {"version", version},
                             {"at_ms", now_ms()}};
        std::ofstream(options_.journal, std::ios::app) << entry.dump() << "\n";
        auto answer = remember(entry);
        std::cout << "filed " << note << "/" << version << std::endl;
        if (filed_ == options_.expect) {
            std::cout << "all " << filed_ << " filed" << std::endl;
        }
        return answer;
    }

    nlohmann::json remember(const nlohmann::json& entry) {
        const std::string note_version =
            entry["note"].get<std::string>() + "/" + entry["version"].get<std::string>();
        if (!filed_versions_.insert(note_version).second) {
            ++duplicates_;
        }
        ++filed_;
        order_[entry["child"].get<std::string>()].push_back(
            std::stoll(entry["note"].get<std::string>()));
        const std::int64_t at = entry["at_ms"];
        first_filed_ms_ = first_filed_ms_ == 0 ? at : std::min(first_filed_ms_, at);
        last_filed_ms_ = std::max(last_filed_ms_, at);
        nlohmann::json answer{{"caseNoteId", "cms-" + std::to_string(filed_)}};
        answers_[entry["key"].get<std::string>()] = answer;
        return answer;
    }

    void load_journal() {
        std::ifstream in(options_.journal);
        std::string line;
        while (std::getline(in, line)) {
            if (!line.empty()) {
                remember(nlohmann::json::parse(line));
            }
        }
    }

    Options options_;
    std::mutex mutex_;
    std::deque<Fault> faults_;
    std::map<std::string, nlohmann::json> answers_;
    std::set<std::string> filed_versions_;
    std::set<std::string> tokens_;
    std::map<std::string, std::vector<long long>> order_;
    int requests_ = 0;
    int filed_ = 0;
    int replays_ = 0;
    int duplicates_ = 0;
    int unauthorised_ = 0;
    int faults_served_ = 0;
    int tokens_issued_ = 0;
    std::int64_t first_filed_ms_ = 0;
    std::int64_t last_filed_ms_ = 0;
    std::int64_t started_ms_ = now_ms();
};

void serve_connection(tcp::socket socket, Cms& cms) {
    beast::error_code ec;
    beast::flat_buffer buffer;
    for (;;) {
        Request request;
        http::read(socket, buffer, request, ec);
        if (ec) {
            break;
        }
        Response response = cms.handle(request);
        response.keep_alive(request.keep_alive());
        http::write(socket, response, ec);
        if (ec || !request.keep_alive()) {
            break;
        }
    }
    socket.shutdown(tcp::socket::shutdown_send, ec);
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const std::string value = argv[i + 1];
        if (flag == "--port") {
            options.port = static_cast<unsigned short>(std::stoi(value));
        } else if (flag == "--journal") {
            options.journal = value;
        } else if (flag == "--api-key") {
            options.api_key = value;
        } else if (flag == "--client-id") {
            options.client_id = value;
        } else if (flag == "--client-secret") {
            options.client_secret = value;
        } else if (flag == "--expect") {
            options.expect = std::stoi(value);
        } else {
            std::cerr << "iro-fake-cms: unknown option " << flag << "\n";
            return 2;
        }
    }
    if (options.journal.empty()) {
        std::cerr << "iro-fake-cms: --journal FILE is required\n";
        return 2;
    }
    Cms cms(options);
    boost::asio::io_context io;
    tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), options.port});
    std::cout << "listening on 127.0.0.1:" << acceptor.local_endpoint().port() << std::endl;
    for (;;) {
        tcp::socket socket(io);
        acceptor.accept(socket);
        std::thread(serve_connection, std::move(socket), std::ref(cms)).detach();
    }
}
