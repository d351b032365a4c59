#include "store/store_file.hpp"

#include "store/migrations.hpp"
#include "store/store_template.hpp"

namespace iro::store {

Database open_store(const std::filesystem::path& path, std::string_view applied_at) {
    create_store_from_template(path, applied_at);
    auto db = Database::open(path);
    migrate(db, applied_at);
    return db;
}

void check_readable(Database& db) {
    auto check = db.prepare("SELECT count(*) FROM children");
    check.step();
}

void use_serving_cache(Database& db) {
    db.exec("PRAGMA cache_size=-65536");
}

}  // namespace iro::store
