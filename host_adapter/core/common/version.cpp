#include "common/version.hpp"

namespace iro {

std::string_view product_version() {
    return IRO_VERSION;
}

}  // namespace iro
