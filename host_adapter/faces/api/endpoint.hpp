#pragma once
// What every endpoint of the HTTP service declares and receives: the gate it sits behind (deny by
// default: a route without one cannot be added) and a handler given the authenticated call.

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "access/roles.hpp"
#include "auth/failed_authentications.hpp"
#include "auth/signed_requests.hpp"
#include "http/http_types.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "store/long_read_gate.hpp"
#include "store/reader_pool.hpp"
#include "store/serial_writer.hpp"

namespace iro::audit {
class AuditWriter;
}
namespace iro::dispatch {
class BacklogDelivery;
}

namespace iro::host {
class Host;
}
namespace iro::oidc {
class Provider;
}

namespace iro::api {

/// Who gets past an endpoint's gate.
enum class Gate {
    open,         ///< anyone (health checks, the panel's sign-in form)
    child_read,   ///< someone with business with the child {id}: audited as a read
    child_write,  ///< the same, for a change: audited as a change
    self,         ///< any signed-in person, about themselves
    reports,      ///< iro_manager
    admin,        ///< admin
    events,       ///< cms_integration
};

/// What an endpoint does with the store, which decides how it runs beside other requests.
enum class StoreUse {
    /// Changes it, or reads module state: takes its turn at the one writing connection.
    writes,
    /// Only reads the store: runs at once, on a read-only connection of its own.
    reads,
    /// Reads many rows (a report): as `reads`, but first waits while the write-ahead log is being
    /// cut back (store/long_read_gate.hpp), since its snapshot would keep the log from it.
    long_reads,
    /// Does not touch the store (/healthz, the sign-in form): answers even when it is stuck.
    none,
};

/// Counters the service keeps for /metrics beyond the per-route ones.
struct ServiceCounters {
    std::atomic<std::uint64_t> events_received{0};   ///< accepted at POST /api/v1/events
    std::atomic<std::uint64_t> events_delivered{0};  ///< delivered to the modules
    std::atomic<std::uint64_t> hook_failures{0};
};

/// The store as the service's requests reach it.
struct StoreAccess {
    store::SerialWriter& writer;      ///< changes, one at a time
    store::ReaderPool& readers;       ///< reads, side by side
    store::LongReadGate& long_reads;  ///< reports wait here while the WAL is cut back
    audit::AuditWriter& audit;        ///< audit entries, committed in groups
};

/// The service's shared parts, as handlers see them (from several threads at once: what is not
/// const here is atomic or keeps its own lock).
struct Context {
    host::Host& host;
    const auth::SigningKey& signing_key;
    StoreAccess store;
    std::string session_key;  ///< makes the panel's form tokens (panel-session.key)
    http::RequestMetrics metrics;
    ServiceCounters counters;
    std::function<void()> after_change;  ///< tells write-back there may be something to send
    std::atomic<bool> draining{false};   ///< shutting down: /readyz says so
    /// Delivering the events queued before the start (set once, before serving), or null.
    const dispatch::BacklogDelivery* backlog = nullptr;
    std::mutex failures_mutex;                           ///< guards failed_authentications
    auth::FailedAuthentications failed_authentications;  ///< counted per address and minute
    /// The council's OpenID provider, when single sign-on is configured; else null.
    std::shared_ptr<oidc::Provider> sso;
};

/// One authenticated request on its way through an endpoint.
struct Call {
    http::Request& request;
    const http::Exchange& exchange;
    std::string path;
    http::Params params;  ///< {name} values of the route
    http::Params query;
    access::Principal principal;
    std::optional<access::Role> child_role;  ///< for child gates: the role reaching the child
    std::string child_id;
    std::string audit_detail;          ///< what the handler adds to the audit entry (ids only)
    store::Database* store = nullptr;  ///< the connection this request uses (see StoreUse)

    /// The connection this request reads (and, for StoreUse::writes, writes) through.
    store::Database& db() const { return *store; }
};

using EndpointHandler = std::function<http::Response(Call& call, Context& context)>;

struct Endpoint {
    Gate gate;
    EndpointHandler handler;
    StoreUse store_use = StoreUse::writes;
    /// The module whose feature this is (modules/module_gate.hpp): while it is not enabled the
    /// endpoint answers 404 saying so. Empty for the host's own endpoints.
    std::string_view module{};
};

using ApiRouter = http::Router<Endpoint>;

/// A client error a handler raises: becomes a problem response with this status and slug.
class ApiError : public std::runtime_error {
  public:
    ApiError(unsigned status, std::string slug, const std::string& detail,
             nlohmann::json extra = nlohmann::json::object())
        : std::runtime_error(detail),
          status_(status),
          slug_(std::move(slug)),
          extra_(std::move(extra)) {}
    unsigned status() const { return status_; }
    const std::string& slug() const { return slug_; }
    const nlohmann::json& extra() const { return extra_; }

  private:
    unsigned status_;
    std::string slug_;
    nlohmann::json extra_;
};

/// The request body as a JSON object; ApiError 415/400 naming what is wrong otherwise.
nlohmann::json json_body(const Call& call);

/// A string member of `body` that must be present and non-empty; ApiError 422 otherwise.
std::string required_text(const nlohmann::json& body, const std::string& field);

}  // namespace iro::api
