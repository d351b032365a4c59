#pragma once
// The HTTP face's one table from the kinds of iro::Error to statuses (core/error.hpp).

#include "common/error.hpp"

namespace iro::api {

/// 422 invalid, 403 forbidden, 404 not found, 409 conflict, 503 unavailable, 500 failed.
unsigned http_status(ErrorKind kind);

}  // namespace iro::api
