#include "support/fake_cms_process.hpp"

#include <signal.h>

#include <stdexcept>

#include "net/http_client.hpp"

namespace iro::test {

FakeCms::FakeCms(const std::filesystem::path& journal, const std::string& api_key,
                 unsigned short port, int expect)
    : FakeCms(std::vector<std::string>{IRO_FAKE_CMS_BINARY, "--port", std::to_string(port),
                                       "--journal", journal.string(), "--api-key", api_key,
                                       "--expect", std::to_string(expect)}) {}

FakeCms FakeCms::with_oauth2(const std::filesystem::path& journal, const std::string& client_id,
                             const std::string& client_secret) {
    return FakeCms(std::vector<std::string>{IRO_FAKE_CMS_BINARY, "--port", "0", "--journal",
                                            journal.string(), "--client-id", client_id,
                                            "--client-secret", client_secret});
}

FakeCms::FakeCms(const std::vector<std::string>& argv)
    : process_(std::make_unique<BackgroundProcess>(argv)) {
    const std::string out = process_->wait_for_output("listening on");
    const auto colon = out.rfind(':');
    port_ = static_cast<unsigned short>(std::stoi(out.substr(colon + 1)));
}

std::string FakeCms::base_url() const {
    return "http://127.0.0.1:" + std::to_string(port_);
}

nlohmann::json FakeCms::call(const std::string& method, const std::string& path,
                             const std::string& body) {
    net::HttpClient http;
    net::HttpRequest request;
    request.method = method;
    request.url = base_url() + path;
    request.body = body;
    const auto response = http.send(request);
    if (!response.answered || response.status != 200) {
        throw std::runtime_error("fake CMS " + path + ": " + response.transport_error +
                                 std::to_string(response.status));
    }
    return nlohmann::json::parse(response.body);
}

void FakeCms::faults(const nlohmann::json& list) {
    call("POST", "/_control/faults", list.dump());
}

nlohmann::json FakeCms::stats() {
    return call("GET", "/_control/stats", "");
}

void FakeCms::wait_until_filed(int count) {
    call("POST", "/_control/expect", nlohmann::json{{"filed", count}}.dump());
    process_->wait_for_output("all " + std::to_string(count) + " filed");
}

std::string FakeCms::wait_for(const std::string& text) {
    return process_->wait_for_output(text);
}

void FakeCms::kill() {
    process_->stop(SIGKILL);
}

}  // namespace iro::test
