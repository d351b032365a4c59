#pragma once
// The OpenID provider the single sign-on tests sign in at: npm oidc-provider (pinned) run by
// tests/e2e/oidc_provider.mjs on loopback, for as long as this object lives.

#include <memory>
#include <string>

#include "support/host_cli.hpp"
#include "support/subprocess.hpp"

namespace iro::test {

class OidcProviderProcess {
  public:
    /// Starts it; returns once it prints its issuer. Throws std::runtime_error if it cannot.
    OidcProviderProcess();

    const std::string& issuer() const { return issuer_; }

    /// Registers the host at `host_base` ("http://127.0.0.1:PORT") as client "iro-panel": its
    /// redirect URI /panel/sign-in/callback and post-logout URI /panel/sign-in. Fails the calling
    /// test unless the provider takes it.
    void register_host(const std::string& host_base) const;

    /// Stops it and returns what it logged.
    std::string stop();

  private:
    std::unique_ptr<BackgroundProcess> process_;
    std::string issuer_;
};

/// Stops the host (expecting a clean exit) and the provider; when the test has failed, prints
/// both their logs.
void stop_host_and_provider(HostCli::Served& served, OidcProviderProcess& provider);

}  // namespace iro::test
