#include "support/oidc_provider_process.hpp"

#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "support/raw_http.hpp"

namespace iro::test {

OidcProviderProcess::OidcProviderProcess()
    : process_(std::make_unique<BackgroundProcess>(std::vector<std::string>{
          "/usr/bin/env", "node",
          (std::filesystem::path(IRO_SOURCE_DIR) / "tests" / "e2e" / "oidc_provider.mjs")
              .string()})) {
    const auto first = process_->wait_for_output("issuer");
    issuer_ = nlohmann::json::parse(first.substr(0, first.find('\n')))["issuer"];
}

void OidcProviderProcess::register_host(const std::string& host_base) const {
    const nlohmann::json client = {{"redirect_uris", {host_base + "/panel/sign-in/callback"}},
                                   {"post_logout_redirect_uris", {host_base + "/panel/sign-in"}}};
    const auto body = client.dump();
    const auto answer =
        raw_http(issuer_,
                 "POST /_test/client HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                 "Content-Type: application/json\r\nContent-Length: " +
                     std::to_string(body.size()) + "\r\n\r\n" + body);
    ASSERT_EQ(raw_status(answer), 204) << answer;
}

std::string OidcProviderProcess::stop() {
    process_->stop(SIGTERM);
    return process_->stderr_text();
}

void stop_host_and_provider(HostCli::Served& served, OidcProviderProcess& provider) {
    HostCli::expect_graceful_stop(served);
    const auto provider_log = provider.stop();
    if (testing::Test::HasFailure()) {
        std::cerr << "iro-host's log:\n"
                  << (served.process ? served.process->stderr_text() : "") << "provider's log:\n"
                  << provider_log;
    }
}

}  // namespace iro::test
