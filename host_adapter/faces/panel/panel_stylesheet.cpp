#include "panel/panel_stylesheet.hpp"

#include "crypto/crypto.hpp"

namespace iro::panel {

namespace embedded {
std::string_view embedded_file(std::string_view name);  // generated (cmake/EmbedFiles.cmake)
}  // namespace embedded

std::string_view stylesheet() {
    return embedded::embedded_file("panel.css");
}

const std::string& stylesheet_path() {
    // Twelve hex digits of its SHA-256: a name no other build's stylesheet takes by chance.
    static const std::string kPath =
        "/panel/assets/panel-" + auth::sha256_hex(stylesheet()).substr(0, 12) + ".css";
    return kPath;
}

}  // namespace iro::panel
