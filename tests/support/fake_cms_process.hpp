#pragma once
// The fake CMS (tests/fake_cms) as a running process: started on loopback, scripted over HTTP,
// asked for its counts, stopped or killed like a real server going down.

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "support/subprocess.hpp"

namespace iro::test {

class FakeCms {
  public:
    /// Starts it on `port` (0: any free port), keeping its journal at `journal`, requiring
    /// `api_key`; with `expect` > 0 it announces when that many notes are filed.
    FakeCms(const std::filesystem::path& journal, const std::string& api_key,
            unsigned short port = 0, int expect = 0);
    /// The same, requiring OAuth2 client-credentials tokens it issues at /oauth/token.
    static FakeCms with_oauth2(const std::filesystem::path& journal, const std::string& client_id,
                               const std::string& client_secret);

    unsigned short port() const { return port_; }
    std::string base_url() const;
    /// Queues faults for the next case notes (see fake_cms.cpp).
    void faults(const nlohmann::json& list);
    nlohmann::json stats();
    /// Waits until it has filed `count` notes in all (its journal included).
    void wait_until_filed(int count);
    /// Waits for a line of its output containing `text`.
    std::string wait_for(const std::string& text);
    /// Kills it at once (SIGKILL), as a crashed or unplugged server.
    void kill();

  private:
    explicit FakeCms(const std::vector<std::string>& argv);
    nlohmann::json call(const std::string& method, const std::string& path,
                        const std::string& body);
    std::unique_ptr<BackgroundProcess> process_;
    unsigned short port_ = 0;
};

}  // namespace iro::test
