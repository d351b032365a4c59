// iro-host serve: the long-running host. Loads the modules, prints where everything is, and
// answers the control socket until SIGINT or SIGTERM, then stops the modules in reverse order.

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <csignal>
#include <functional>
#include <iostream>

#include "api/failed_authentication.hpp"
#include "api/module_call.hpp"
#include "api/service.hpp"
#include "audit/audit_log.hpp"
#include "audit/audit_writer.hpp"
#include "auth/signed_requests.hpp"
#include "cli/commands.hpp"
#include "cli/module_table.hpp"
#include "clock/timestamps.hpp"
#include "common/executable_path.hpp"
#include "common/version.hpp"
#include "control/control_client.hpp"
#include "control/control_server.hpp"
#include "dispatch/backlog_delivery.hpp"
#include "dispatch/event_queue.hpp"
#include "host/host.hpp"
#include "host/module_requests.hpp"
#include "host/module_run_lock.hpp"
#include "http/server.hpp"
#include "store/long_read_gate.hpp"
#include "store/reader_pool.hpp"
#include "store/serial_writer.hpp"
#include "store/store_file.hpp"
#include "store/wal_checkpointer.hpp"
#include "writeback/delivery_worker.hpp"

namespace iro::cli {

namespace {

nlohmann::json handle_control(host::Host& host, store::SerialWriter& writer,
                              writeback::DeliveryWorker* writeback, const nlohmann::json& request,
                              const control::Peer& peer) {
    // The control socket changes module state and delivers events: it takes its turn with the
    // HTTP requests that do.
    const auto turn = writer.lock();
    const std::string op = request.value("op", std::string());
    const auto pid = static_cast<long>(::getpid());
    if (op == "status") {
        return {{"ok", true}, {"pid", pid}, {"data_dir", host.config().data_dir.string()}};
    }
    if (op == "modules.list") {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& s : host.registry().statuses()) {
            list.push_back(modules::to_json(s));
        }
        return {{"ok", true}, {"pid", pid}, {"modules", list}};
    }
    if (op == "modules.apply") {
        const std::string id = request.value("module", std::string());
        const auto status = host.registry().apply_settings(id);
        if (!status) {
            return {
                {"ok", false},
                {"error", "the running host has no module '" + id +
                              "' (installed after it started? restart the service to load it)"}};
        }
        return {{"ok", true}, {"pid", pid}, {"module", modules::to_json(*status)}};
    }
    if (op == "outbox.deliver") {
        if (writeback == nullptr) {
            return {{"ok", false}, {"error", "write-back to the CMS is not configured"}};
        }
        writeback->nudge();
        return {{"ok", true}, {"pid", pid}};
    }
    if (op == "modules.request") {
        // A command's request to a module: this host is the one process that runs the modules
        // (host/module_run_lock.hpp). The command has checked who may make it; the peer is
        // logged beside the actor it names.
        const auto module_request =
            host::request_from_json(request.value("request", nlohmann::json()));
        spdlog::info(
            "event=control_module_request request={} actor={} role={} peer_pid={} peer_uid={}",
            module_request.name, module_request.actor.worker_id, module_request.actor.role,
            peer.pid, peer.uid);
        const auto delivered = host::run_and_deliver(host, module_request);
        if (writeback != nullptr && delivered.result.outcome.status == plugin::RequestStatus::ok) {
            writeback->nudge();  // what the module queued for the CMS goes now
        }
        return {{"ok", true}, {"pid", pid}, {"result", host::to_json(delivered)}};
    }
    if (op == "events.drain") {
        if (writeback != nullptr) {
            writeback->nudge();  // what the change queued for the CMS goes now too
        }
        const auto report =
            dispatch::drain_case_events(host.database(), host.registry(), host.clock());
        return {{"ok", true},
                {"pid", pid},
                {"events", report.events},
                {"hook_failures", report.hook_failures},
                {"undeliverable", report.undeliverable}};
    }
    return {{"ok", false}, {"error", "unknown control operation '" + op + "'"}};
}

/// "127.0.0.1:8080", "[::1]:0" or ":8080" over the configuration's bind address and port.
void apply_listen(config::HttpConfig& http, const std::string& listen) {
    if (listen.empty()) {
        return;
    }
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos) {
        throw std::invalid_argument("--listen '" + listen + "' is not ADDRESS:PORT");
    }
    std::string address = listen.substr(0, colon);
    if (address.size() > 1 && address.front() == '[' && address.back() == ']') {
        address = address.substr(1, address.size() - 2);
    }
    int port = -1;
    try {
        port = std::stoi(listen.substr(colon + 1));
    } catch (const std::exception&) {
    }
    if (port < 0 || port > 65535) {
        throw std::invalid_argument("--listen '" + listen + "': the port must be 0 to 65535");
    }
    if (!address.empty()) {
        http.bind = address;
    }
    http.port = static_cast<unsigned short>(port);
}

int serve(const GlobalOptions& options, const std::string& listen) {
    // A file-size limit (ulimit -f, a quota) must be a write error, answered 507, not a signal
    // that ends the service.
    ::signal(SIGXFSZ, SIG_IGN);
    auto config = config::resolve_host_config(options.overrides);
    apply_listen(config.http, listen);
    configure_logging(config.log_level);
    const auto clock = config::council_clock(config);

    host::ensure_data_dir(config.data_dir);
    // The one process that runs this data directory's modules (a command running them itself
    // finishes first). Refuse before touching modules: two hosts on one store would both deliver
    // every event.
    const auto module_lock = modules_here_unless_served(config);
    if (!module_lock) {
        const auto other =
            control::ask_running_host(config.control_socket_path(), {{"op", "status"}});
        std::cerr << fmt::format("iro-host: another iro-host (pid {}) is already serving {}\n",
                                 other ? other->value("pid", 0) : 0, config.data_dir.string());
        return kExitFailed;
    }
    host::Host host(config, clock, /*run_modules=*/true);
    store::use_serving_cache(host.database());
    // Each read of a child's data is an audit commit: checkpoints must not fall on a request.
    // Reports wait at this gate while the write-ahead log is cut back to size.
    store::LongReadGate long_reads;
    const store::WalCheckpointer checkpointer(host.database(), {}, &long_reads);
    host.load_modules();
    // From here the writing connection is used by whoever holds its turn.
    store::SerialWriter writer(host.database());
    // Each reading connection keeps up to 16 MiB of pages (32 threads may each hold one).
    store::ReaderPool readers(config.database_path(), -16384);
    audit::AuditWriter audit_writer(writer);

    std::unique_ptr<writeback::DeliveryWorker> writeback;
    if (config.cms) {
        writeback =
            std::make_unique<writeback::DeliveryWorker>(config.database_path(), *config.cms, clock);
    }

    boost::asio::io_context io;
    control::ControlServer control(
        io, config.control_socket_path(),
        [&host, &writer, &writeback](const nlohmann::json& request, const control::Peer& peer) {
            return handle_control(host, writer, writeback.get(), request, peer);
        });
    const auth::SigningKey signing_key(config.signing_key_path());
    api::ApiService service(host, signing_key, {writer, readers, long_reads, audit_writer},
                            [&writeback] {
                                if (writeback) {
                                    writeback->nudge();
                                }
                            });
    const auto backlog_at_start = [&] {
        const auto turn = writer.lock();
        return dispatch::pending_case_events(host.database());
    }();
    boost::system::error_code address_error;
    const auto address = boost::asio::ip::make_address(config.http.bind, address_error);
    if (address_error) {
        throw std::invalid_argument("the HTTP bind address '" + config.http.bind +
                                    "' is not an IP address");
    }
    http::Server server(io, {address, config.http.port}, config.http.limits,
                        [&service](http::Request& request, const http::Exchange& exchange) {
                            return service.handle(request, exchange);
                        });
    // Events queued while no host was running (an import, say) are delivered in the background,
    // with HTTP already open; /readyz reports how many are left.
    dispatch::BacklogDelivery backlog(writer, host.registry(), clock,
                                      [&service](const dispatch::DrainReport& batch) {
                                          api::count_delivery(service.context(), batch);
                                      });
    service.context().backlog = &backlog;
    const auto endpoint = server.local_endpoint();
    const std::string base_url =
        fmt::format("http://{}:{}",
                    endpoint.address().is_v6() ? "[" + endpoint.address().to_string() + "]"
                                               : endpoint.address().to_string(),
                    endpoint.port());

    // The audit log's head, written to the journal (which the service user cannot rewrite) at
    // start, every ten minutes and at stop, whatever the log level (a logger of its own on the
    // same sink): `audit verify --anchors` checks the store against these, so entries removed
    // from the end, or a chain rewritten, are found.
    const auto default_sinks = spdlog::default_logger()->sinks();
    spdlog::logger anchors("audit-anchors", default_sinks.begin(), default_sinks.end());
    anchors.set_level(spdlog::level::info);
    const auto anchor = [&writer, &anchors](const char* when) {
        try {
            const auto [seq, hash] = [&] {
                const auto turn = writer.lock();
                return audit::head(writer.db());
            }();
            anchors.info("event=audit_anchor when={} head={}:{}", when, seq, hash);
        } catch (const std::exception& e) {
            spdlog::error("event=audit_anchor_failed when={} reason=\"{}\"", when, e.what());
        }
    };
    anchor("start");

    // Failed authentications are counted in memory; a finished minute's counts reach the store
    // within 15 s even when no further failure comes to flush them.
    constexpr auto kHousekeeping = std::chrono::seconds(15);
    constexpr int kTicksPerAnchor = 40;  // ten minutes
    boost::asio::steady_timer housekeeping(io);
    int ticks = 0;
    std::function<void()> keep_house = [&] {
        housekeeping.expires_after(kHousekeeping);
        housekeeping.async_wait([&](const boost::system::error_code& ec) {
            if (!ec) {
                api::flush_failed_authentications(service.context(), false);
                if (++ticks % kTicksPerAnchor == 0) {
                    anchor("periodic");
                }
                keep_house();
            }
        });
    };
    keep_house();

    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&io, &server, &service, &housekeeping, &backlog](
                           const boost::system::error_code&, int signal_number) {
        // Graceful: no new connections, /readyz says so, requests in flight finish, the backlog
        // stops after its batch in hand (the rest stays queued for the next start).
        spdlog::info("event=shutdown signal={} open_connections={}", signal_number,
                     server.open_connections());
        service.context().draining = true;
        backlog.stop();
        housekeeping.cancel();
        server.shutdown([&io] { io.stop(); });
    });

    // The backlog is already being delivered on the writing connection, which a module's status
    // reads (its stored settings): take a turn.
    const auto statuses = [&] {
        const auto turn = writer.lock();
        return host.registry().statuses();
    }();
    const auto enabled = std::count_if(statuses.begin(), statuses.end(), [](const auto& s) {
        return s.state == modules::ModuleState::enabled;
    });
    const std::string executable = executable_path().string();
    std::cout << fmt::format(
        "IRO Oversight host {} is up (pid {}).\n\n"
        "  data directory   {}\n"
        "  database         {}\n"
        "  plugin directory {}\n"
        "  control socket   {}\n"
        "  HTTP API         {}/api/v1 (OpenAPI: {}/api/v1/openapi.json)\n"
        "  panel            {}/panel/children/<child id>\n\n"
        "Modules ({} of {} enabled):\n{}\n"
        "Case events queued at start, being delivered in the background: {}\n"
        "Write-back to the CMS: {}\n\n"
        "Administer it from another terminal, for example:\n"
        "  {} --data-dir {} modules list\n"
        "  {} --data-dir {} modules show midpoint-prompts\n\n"
        "Serving. Press Ctrl-C to stop.\n",
        product_version(), ::getpid(), config.data_dir.string(), config.database_path().string(),
        config.plugin_dir.string(), config.control_socket_path().string(), base_url, base_url,
        base_url, enabled, statuses.size(), render_module_table(statuses), backlog_at_start,
        config.cms ? "to " + config.cms->base_url : std::string("not configured"), executable,
        config.data_dir.string(), executable, config.data_dir.string());
    std::cout.flush();
    spdlog::info("event=host_ready pid={} modules={} enabled={} http={}", ::getpid(),
                 statuses.size(), enabled, base_url);

    io.run();
    // Before the modules stop: a batch in hand still calls their hooks on the writing connection.
    backlog.stop_and_wait();
    api::flush_failed_authentications(service.context(), true);
    anchor("stop");
    writeback.reset();
    host.registry().stop_all();
    spdlog::info("event=host_stopped");
    return 0;
}

}  // namespace

void add_serve_command(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    auto* cmd = app.add_subcommand(
        "serve", "Run the host: load modules, serve the HTTP API and panel until stopped");
    auto listen = std::make_shared<std::string>();
    cmd->add_option("--listen", *listen,
                    "ADDRESS:PORT for HTTP, over the configuration (default 127.0.0.1:8080; port 0 "
                    "picks a free one)");
    cmd->callback([&options, &exit_code, listen] {
        exit_code = run_guarded([&] { return serve(options, *listen); });
    });
}

}  // namespace iro::cli
