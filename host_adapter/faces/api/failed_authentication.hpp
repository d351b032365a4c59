#pragma once
// What the service does with a request whose credentials fail: count it (auth/
// failed_authentications.hpp), log the first from an address each minute, and say whether the
// address has failed too often to be answered anything but 429.

#include <string_view>

#include "api/endpoint.hpp"

namespace iro::api {

/// Counts a failed authentication of `call` for `reason`. True when its address is over the
/// limit for the minute and presented credentials (a guess): the caller answers 429. A request
/// with no credentials at all is never refused that way, so a browser arriving at the panel is
/// still sent to sign in.
bool count_failed_authentication(const Call& call, Context& context, std::string_view reason);

/// Writes the failure counts of finished minutes (all of them when `everything`) to the store.
/// Takes the writer's turn: not to be called holding it. Never throws a store failure: counts
/// the store cannot take now stay in memory and are logged.
void flush_failed_authentications(Context& context, bool everything);

/// Seconds until the address may try again (the end of the minute), for Retry-After.
int retry_after_failures(const Context& context);

}  // namespace iro::api
