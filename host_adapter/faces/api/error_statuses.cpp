#include "api/error_statuses.hpp"

namespace iro::api {

unsigned http_status(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::invalid:
            return 422;
        case ErrorKind::forbidden:
            return 403;
        case ErrorKind::not_found:
            return 404;
        case ErrorKind::conflict:
            return 409;
        case ErrorKind::unavailable:
            return 503;
        case ErrorKind::failed:
            return 500;
    }
    return 500;
}

}  // namespace iro::api
