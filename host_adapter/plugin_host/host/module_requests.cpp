#include "host/module_requests.hpp"

#include <array>
#include <string_view>
#include <utility>

#include "common/error.hpp"

namespace iro::host {

namespace {

using plugin::RequestStatus;

constexpr std::array<std::pair<RequestStatus, std::string_view>, 5> kStatuses{{
    {RequestStatus::ok, "ok"},
    {RequestStatus::invalid, "invalid"},
    {RequestStatus::forbidden, "forbidden"},
    {RequestStatus::not_found, "not_found"},
    {RequestStatus::failed, "failed"},
}};

std::string_view status_name(RequestStatus status) {
    for (const auto& [value, name] : kStatuses) {
        if (value == status) {
            return name;
        }
    }
    return "failed";
}

RequestStatus status_of(const std::string& name) {
    for (const auto& [value, known] : kStatuses) {
        if (known == name) {
            return value;
        }
    }
    throw Error(ErrorKind::invalid, "unknown request status '" + name + "'");
}

// A string member, or iro::Error naming it.
std::string text(const nlohmann::json& json, const char* pointer) {
    const nlohmann::json::json_pointer at(pointer);
    if (!json.contains(at) || !json.at(at).is_string()) {
        throw Error(ErrorKind::invalid, std::string(pointer) + " must be a string");
    }
    return json.at(at).get<std::string>();
}

}  // namespace

DeliveredRequest run_and_deliver(Host& host, const plugin::Request& request) {
    DeliveredRequest delivered{host.registry().handle_request(request), {}};
    if (delivered.result.outcome.status == RequestStatus::ok) {
        delivered.delivery =
            dispatch::drain_case_events(host.database(), host.registry(), host.clock());
    }
    return delivered;
}

nlohmann::json request_to_json(const plugin::Request& request) {
    return {{"name", request.name},
            {"actor", {{"worker_id", request.actor.worker_id}, {"role", request.actor.role}}},
            {"input", request.input}};
}

plugin::Request request_from_json(const nlohmann::json& json) {
    if (!json.is_object() || !json.contains("input")) {
        throw Error(ErrorKind::invalid, "/input is missing");
    }
    return {text(json, "/name"),
            {text(json, "/actor/worker_id"), text(json, "/actor/role")},
            json.at("input")};
}

nlohmann::json to_json(const DeliveredRequest& delivered) {
    const auto& outcome = delivered.result.outcome;
    return {{"module_id", delivered.result.module_id},
            {"status", status_name(outcome.status)},
            {"message", outcome.message},
            {"reply", outcome.reply},
            {"delivery",
             {{"events", delivered.delivery.events},
              {"hook_failures", delivered.delivery.hook_failures},
              {"undeliverable", delivered.delivery.undeliverable},
              {"failures", delivered.delivery.failures}}}};
}

DeliveredRequest delivered_from_json(const nlohmann::json& json) {
    DeliveredRequest delivered;
    delivered.result.module_id = text(json, "/module_id");
    delivered.result.outcome.status = status_of(text(json, "/status"));
    delivered.result.outcome.message = text(json, "/message");
    delivered.result.outcome.reply = json.value("reply", nlohmann::json::object());
    const auto delivery = json.value("delivery", nlohmann::json::object());
    delivered.delivery.events = delivery.value("events", 0);
    delivered.delivery.hook_failures = delivery.value("hook_failures", 0);
    delivered.delivery.undeliverable = delivery.value("undeliverable", 0);
    delivered.delivery.failures = delivery.value("failures", std::vector<std::string>());
    return delivered;
}

}  // namespace iro::host
