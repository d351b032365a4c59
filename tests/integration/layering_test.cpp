// The host's layers as the build declares them: `cmake --graphviz` of this source tree must show
// every host target linking only to layers below its own, SQLite linked by the core alone, and
// each heavy library in the one target that needs it; and no source file may include a header
// of a layer above its own, or of a sibling feature. Layers: host_adapter/CMakeLists.txt.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

namespace iro::test {
namespace {

namespace fs = std::filesystem;

// A host target's rank: it may link only targets of a lower rank. Two targets of one rank are
// siblings and may not link each other.
const std::map<std::string, int>& ranks() {
    static const std::map<std::string, int> ranks{
        {"iro_store_schema", 0},
        {"iro_core", 1},
        {"iro_identity", 2},
        {"iro_records", 3},
        {"iro_feature_report_tables", 4},
        {"iro_feature_oversight_notes", 5},
        {"iro_feature_midpoint_prompts", 5},
        {"iro_feature_quality_alerts", 5},
        {"iro_feature_qaf", 5},
        {"iro_feature_review_reports", 6},
        {"iro_feature_annual_report", 6},
        {"iro_plugin_host", 7},
        {"iro_face_control", 8},
        {"iro_face_http", 8},
        {"iro_face_cli", 9},
        {"iro-host", 10},
    };
    return ranks;
}

const std::set<std::string>& faces() {
    static const std::set<std::string> faces{"iro_face_control", "iro_face_http", "iro_face_cli"};
    return faces;
}

// External libraries and the only host targets allowed to link each one.
const std::map<std::string, std::set<std::string>>& library_homes() {
    static const std::map<std::string, std::set<std::string>> homes{
        {"SQLite::SQLite3", {"iro_store_schema", "iro_core"}},
        {"CLI11::CLI11", {"iro_face_cli"}},
        {"PkgConfig::XLSXWRITER",
         {"iro_feature_report_tables", "iro_feature_qaf", "iro_feature_annual_report"}},
        {"OpenSSL::Crypto", {"iro_core"}},
        {"Boost::regex", {"iro_core"}},
        {"date::date-tz", {"iro_core"}},
    };
    return homes;
}

struct Graph {
    std::map<std::string, std::set<std::string>> links;  // target -> what it links
};

// Reads a graphviz file as CMake writes it: `"node3" [ label = "iro_core", ... ];` and
// `"node3" -> "node7"  // iro_core -> SQLite::SQLite3`.
Graph read_graph(const fs::path& dot) {
    std::ifstream in(dot);
    const std::regex node(R"re(^\s*"(node\d+)"\s*\[\s*label\s*=\s*"([^"\\]+))re");
    const std::regex edge(R"re(^\s*"(node\d+)"\s*->\s*"(node\d+)")re");
    std::map<std::string, std::string> names;
    std::vector<std::pair<std::string, std::string>> edges;
    std::string line;
    while (std::getline(in, line)) {
        std::smatch m;
        if (std::regex_search(line, m, edge)) {
            edges.emplace_back(m[1], m[2]);
        } else if (std::regex_search(line, m, node)) {
            names[m[1]] = m[2];
        }
    }
    Graph graph;
    for (const auto& [from, to] : edges) {
        graph.links[names.at(from)].insert(names.at(to));
    }
    return graph;
}

// The graph of this source tree, configured afresh in the build tree (the configure of the
// tree under test is not disturbed).
const Graph& host_graph() {
    static const Graph graph = [] {
        const TempDir dir;
        const auto build = dir.path() / "build";
        fs::create_directories(build);
        // Every target, with the external libraries, in one file.
        std::ofstream(build / "CMakeGraphVizOptions.cmake")
            << "set(GRAPHVIZ_GENERATE_PER_TARGET FALSE)\nset(GRAPHVIZ_GENERATE_DEPENDERS FALSE)\n";
        const auto dot = build / "host.dot";
        run_succeeding({IRO_CMAKE_COMMAND, "-S", IRO_SOURCE_DIR, "-B", build.string(), "-G",
                        IRO_CMAKE_GENERATOR, "-DIRO_DEVELOPER_MODE=OFF",
                        "--graphviz=" + dot.string()});
        return read_graph(dot);
    }();
    return graph;
}

TEST(Layering, EveryHostTargetIsPlacedInALayer) {
    const auto& graph = host_graph();
    for (const auto& [target, rank] : ranks()) {
        EXPECT_TRUE(graph.links.count(target) > 0) << target << " is not in the build's graph";
    }
    // A new host library must be given its layer here before it can link anything.
    for (const auto& [target, links] : graph.links) {
        const bool host_library = target.rfind("iro_feature_", 0) == 0 ||
                                  target.rfind("iro_face_", 0) == 0 || target == "iro_identity" ||
                                  target == "iro_records" || target == "iro_plugin_host";
        EXPECT_TRUE(!host_library || ranks().count(target) > 0)
            << target << " is a host layer target missing from ranks()";
    }
}

TEST(Layering, HostTargetsLinkOnlyDownward) {
    for (const auto& [target, links] : host_graph().links) {
        const auto rank = ranks().find(target);
        if (rank == ranks().end()) {
            continue;  // tests, benchmarks, plugins
        }
        for (const auto& dependency : links) {
            const auto below = ranks().find(dependency);
            if (below != ranks().end()) {
                EXPECT_LT(below->second, rank->second)
                    << target << " links " << dependency << ", which is not below it";
            }
        }
    }
}

TEST(Layering, FacesDoNotLinkSqliteAndLibrariesStayInTheirTargets) {
    const auto& graph = host_graph();
    for (const auto& face : faces()) {
        EXPECT_EQ(graph.links.at(face).count("SQLite::SQLite3"), 0U)
            << face << " links SQLite: a face parses, calls and formats; the store is the core's";
    }
    for (const auto& [target, links] : graph.links) {
        if (ranks().count(target) == 0) {
            continue;
        }
        for (const auto& [library, homes] : library_homes()) {
            EXPECT_TRUE(links.count(library) == 0 || homes.count(target) > 0)
                << target << " links " << library << ", which belongs elsewhere";
        }
    }
}

// The target a host source file belongs to, by its folder.
std::string target_of(const fs::path& relative) {
    const auto first = relative.begin()->string();
    if (first == "core") {
        return "iro_core";
    }
    if (first == "identity" || first == "records") {
        return "iro_" + first;
    }
    if (first == "plugin_host") {
        return "iro_plugin_host";
    }
    const auto second = std::next(relative.begin())->string();
    if (first == "features") {
        return "iro_feature_" + second;
    }
    if (first == "faces") {
        if (second == "cli") {
            return "iro_face_cli";
        }
        return second == "control" ? "iro_face_control" : "iro_face_http";
    }
    return "";
}

TEST(Layering, NoFileIncludesAHeaderAboveItsLayerOrOfASiblingFeature) {
    const fs::path host = fs::path(IRO_SOURCE_DIR) / "host_adapter";
    const std::vector<std::string> roots{"core",     "identity",    "records",
                                         "features", "plugin_host", "faces"};
    const std::regex include(R"re(^\s*#\s*include\s*"([^"]+)")re");
    int files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(host)) {
        const auto ext = entry.path().extension();
        if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) {
            continue;
        }
        const auto from = target_of(fs::relative(entry.path(), host));
        ASSERT_TRUE(ranks().count(from) > 0) << entry.path() << " is in no layer's folder";
        ++files;
        std::ifstream in(entry.path());
        std::string line;
        while (std::getline(in, line)) {
            std::smatch m;
            if (!std::regex_search(line, m, include)) {
                continue;
            }
            for (const auto& root : roots) {
                const auto header = host / root / m[1].str();
                if (!fs::exists(header)) {
                    continue;
                }
                const auto to = target_of(fs::relative(header, host));
                const bool faces_header = root == "faces";
                EXPECT_TRUE(to == from || ranks().at(to) < ranks().at(from))
                    << entry.path() << " (" << from << ") includes " << m[1] << " of " << to;
                EXPECT_FALSE(faces_header && from.rfind("iro_feature_", 0) == 0)
                    << entry.path() << " is a feature and includes the face header " << m[1];
            }
        }
    }
    EXPECT_GT(files, 200);
}

TEST(Layering, FacesIssueNoSql) {
    // A face parses, calls the layers below and formats; statements live with the records they
    // read. The words as an SQL statement opens them, in a string literal.
    const std::regex sql(R"re("\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|PRAGMA|BEGIN)\s)re");
    const fs::path faces = fs::path(IRO_SOURCE_DIR) / "host_adapter" / "faces";
    for (const auto& entry : fs::recursive_directory_iterator(faces)) {
        if (!entry.is_regular_file()) {
            continue;
        }
        std::ifstream in(entry.path());
        std::string line;
        int number = 0;
        while (std::getline(in, line)) {
            ++number;
            EXPECT_FALSE(std::regex_search(line, sql))
                << entry.path() << ":" << number << " issues SQL: " << line;
        }
    }
}

}  // namespace
}  // namespace iro::test
