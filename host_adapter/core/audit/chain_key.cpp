#include "audit/chain_key.hpp"

#include <fstream>
#include <stdexcept>

#include "crypto/key_file.hpp"

namespace iro::audit {

namespace {

constexpr std::size_t kKeyBytes = 32;
constexpr std::string_view kFromLabel = "keyed-from ";

}  // namespace

std::filesystem::path chain_key_path(const std::filesystem::path& data_dir) {
    return data_dir / "audit-chain.key";
}

ChainKey load_or_create_chain_key(const std::filesystem::path& data_dir, store::Database& db) {
    const auto file = chain_key_path(data_dir);
    if (!std::filesystem::exists(file)) {
        auto next = db.prepare("SELECT COALESCE(max(seq), 0) + 1 FROM audit_log");
        next.step();
        auth::create_key_file_if_missing(file, kKeyBytes,
                                         std::string(kFromLabel) + std::to_string(next.integer(0)));
    }
    auto key = read_chain_key(data_dir);
    if (!key) {
        throw std::runtime_error("cannot read the audit chain key " + file.string());
    }
    return *key;
}

std::optional<ChainKey> read_chain_key(const std::filesystem::path& data_dir) {
    const auto file = chain_key_path(data_dir);
    if (!std::filesystem::exists(file)) {
        return std::nullopt;
    }
    ChainKey key;
    key.secret = auth::read_key_file(file, kKeyBytes);
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);  // the key
    std::getline(in, line);
    try {
        if (line.rfind(kFromLabel, 0) != 0) {
            throw std::invalid_argument("no keyed-from line");
        }
        key.keyed_from = std::stoll(line.substr(kFromLabel.size()));
    } catch (const std::exception&) {
        throw std::runtime_error("the audit chain key " + file.string() +
                                 " is damaged: its second line must be 'keyed-from <entry>'");
    }
    return key;
}

}  // namespace iro::audit
