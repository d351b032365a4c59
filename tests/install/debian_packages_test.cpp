// The Debian packages as a council's IT team meets them, on this machine itself (as CI runs it, as
// root): cpack builds them from this build tree; they install with dpkg; the service's own command
// line, read from the installed systemd unit, runs as the service's user against the packaged
// configuration and serves; an upgrade to a rebuilt version whose default configuration changed
// keeps the operator's edit and the store; a purge nobody answers keeps the store, and one told to
// delete it leaves the machine as it was.
//
// The rebuilt version is the same packages repacked with dpkg-deb under a new Debian revision and
// a changed conffile: what dpkg does with conffiles depends on the package metadata and the
// maintainer scripts, not on the binaries, and rebuilding those would double the test's time.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "net/http_client.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

namespace iro {
namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;

// Modules before the host they depend on, the order purge wants.
constexpr std::array<const char*, 6> kPackages{
    "iro-oversight-notes", "iro-oversight-midpoint-prompts", "iro-oversight-quality-alerts",
    "iro-oversight-qaf",   "iro-oversight-plugin-sdk",       "iro-oversight"};
constexpr const char* kUser = "iro-oversight";
constexpr const char* kConfig = "/etc/iro-oversight/host.json";
constexpr const char* kDataDir = "/var/lib/iro-oversight";
constexpr const char* kUnit = "/lib/systemd/system/iro-oversight.service";

void write_text(const fs::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

bool installed(const std::string& package) {
    const auto r = test::run_command(
        {"/usr/bin/dpkg-query", "-W", "-f=${db:Status-Status}", package}, std::chrono::seconds(30));
    return r.exit_code == 0 && r.out == "installed";
}

std::string field(const std::string& package, const std::string& name) {
    return test::run_command({"/usr/bin/dpkg-query", "-W", "-f=${" + name + "}", package}).out;
}

bool user_exists(const std::string& name) {
    return test::run_command({"/usr/bin/getent", "passwd", name}).exit_code == 0;
}
bool group_exists(const std::string& name) {
    return test::run_command({"/usr/bin/getent", "group", name}).exit_code == 0;
}

// Every path under the directories a package could leave something in, minus what dpkg, apt and
// the system keep changing themselves.
std::set<std::string> system_files() {
    std::set<std::string> files;
    for (const char* root : {"/etc", "/usr/bin", "/usr/lib", "/usr/include", "/usr/share/doc",
                             "/lib/systemd", "/var/lib"}) {
        std::error_code ec;
        for (auto it = fs::recursive_directory_iterator(
                 root, fs::directory_options::skip_permission_denied, ec);
             it != fs::recursive_directory_iterator(); it.increment(ec)) {
            const std::string path = it->path().string();
            if (path.rfind("/var/lib/dpkg", 0) == 0 || path.rfind("/var/lib/apt", 0) == 0 ||
                path.rfind("/var/lib/systemd/deb-systemd-helper", 0) == 0 ||
                path == "/etc/ld.so.cache" || path == "/etc/.pwd.lock" ||
                path.find("/etc/passwd") == 0 || path.find("/etc/group") == 0 ||
                path.find("/etc/shadow") == 0 || path.find("/etc/gshadow") == 0 ||
                path.find("/etc/subuid") == 0 || path.find("/etc/subgid") == 0) {
                if (it->is_directory(ec) && path.rfind("/var/lib/dpkg", 0) == 0) {
                    it.disable_recursion_pending();
                }
                continue;
            }
            files.insert(path);
        }
    }
    return files;
}

std::string difference(const std::set<std::string>& a, const std::set<std::string>& b) {
    std::string out;
    for (const auto& path : a) {
        if (b.count(path) == 0) {
            out += "  " + path + "\n";
        }
    }
    return out;
}

// The unit's ExecStart, split into words (no quoting in ours).
std::vector<std::string> exec_start(const std::string& unit) {
    std::smatch m;
    if (!std::regex_search(unit, m, std::regex("\\nExecStart=([^\\n]+)"))) {
        return {};
    }
    std::istringstream words(m[1].str());
    std::vector<std::string> argv;
    for (std::string w; words >> w;) {
        argv.push_back(w);
    }
    return argv;
}

// As the unit runs it: the service user's uid, gid and groups, then exec (no fork, so signals
// reach the host itself).
std::vector<std::string> as_service_user(std::vector<std::string> argv) {
    argv.insert(argv.begin(), {"/usr/bin/setpriv", std::string("--reuid=") + kUser,
                               std::string("--regid=") + kUser, "--init-groups", "--"});
    return argv;
}

class DebianPackagesTest : public testing::Test {
  protected:
    void SetUp() override {
        if (::geteuid() != 0) {
            GTEST_SKIP() << "installs packages on this machine: needs root (CI runs as root)";
        }
        if (IRO_SANITIZED) {
            GTEST_SKIP() << "the packages are made from the release preset, not a sanitizer build";
        }
        for (const auto& p : kPackages) {
            ASSERT_FALSE(installed(p))
                << p << " is installed on this machine; this test installs and purges it, so "
                << "remove it first (dpkg --purge " << p << ")";
        }
        ASSERT_FALSE(user_exists(kUser)) << "a user " << kUser << " exists already";
    }

    // Whatever happened, the machine is left without the packages.
    void TearDown() override {
        if (::geteuid() != 0 || IRO_SANITIZED) {
            return;
        }
        std::vector<std::string> purge{"/usr/bin/dpkg", "--purge"};
        bool any = false;
        for (const auto& p : kPackages) {
            if (!field(p, "db:Status-Status").empty() &&
                field(p, "db:Status-Status") != "not-installed") {
                purge.push_back(p);
                any = true;
            }
        }
        if (any) {
            // Told to delete the store: what the test installed goes, whatever happened.
            const fs::path answers = dir.path() / "teardown.debconf";
            write_text(answers, "iro-oversight iro-oversight/purge-store boolean true\n");
            test::run_command({"/usr/bin/debconf-set-selections", answers.string()});
            purge.insert(purge.begin(), {"/usr/bin/env", "DEBIAN_FRONTEND=noninteractive"});
            test::run_command(purge);
        }
        // A purge that kept the store (the test stopped between the two purges): SetUp found no
        // such user, so the user and the data directory are the test's.
        if (user_exists(kUser)) {
            std::error_code ignored;
            fs::remove_all(kDataDir, ignored);
            test::run_command({"/usr/sbin/deluser", "--quiet", "--system", kUser});
            test::run_command({"/usr/sbin/delgroup", "--quiet", "--system", kUser});
        }
    }

    // Builds the packages with cpack; returns the .deb files by package name.
    std::map<std::string, fs::path> build_packages(const fs::path& out) {
        test::run_succeeding(
            {IRO_CPACK_COMMAND, "--config", std::string(IRO_BUILD_DIR) + "/CPackConfig.cmake", "-B",
             out.string()},
            std::chrono::seconds(600));
        std::map<std::string, fs::path> debs;
        for (const auto& entry : fs::directory_iterator(out)) {
            if (entry.path().extension() == ".deb") {
                const auto name = test::run_succeeding({"/usr/bin/dpkg-deb", "--field",
                                                        entry.path().string(), "Package"})
                                      .out;
                debs[name.substr(0, name.find('\n'))] = entry.path();
            }
        }
        return debs;
    }

    // The same packages under Debian revision `revision`, with the host's default configuration
    // changed: what a rebuilt release with a new default looks like to dpkg.
    std::vector<std::string> rebuilt(const std::map<std::string, fs::path>& debs,
                                     const fs::path& out, const std::string& old_version,
                                     const std::string& new_version) {
        fs::create_directories(out);
        std::vector<std::string> files;
        for (const auto& [name, deb] : debs) {
            const fs::path tree = out / name;
            test::run_succeeding({"/usr/bin/dpkg-deb", "-R", deb.string(), tree.string()});
            auto control = test::read_text(tree / "DEBIAN/control");
            for (std::size_t at = 0; (at = control.find(old_version, at)) != std::string::npos;) {
                control.replace(at, old_version.size(), new_version);
                at += new_version.size();
            }
            write_text(tree / "DEBIAN/control", control);
            if (name == "iro-oversight") {
                const fs::path conf = tree / fs::path(kConfig).relative_path();
                auto text = test::read_text(conf);
                const std::string from = "\"module_error_threshold\": 3";
                text.replace(text.find(from), from.size(), "\"module_error_threshold\": 5");
                write_text(conf, text);
                // md5sums must describe the new file, as a real build's would.
                const auto sum =
                    test::run_succeeding({"/usr/bin/md5sum", conf.string()}).out.substr(0, 32);
                auto md5s = test::read_text(tree / "DEBIAN/md5sums");
                const std::string rel = fs::path(kConfig).relative_path().string();
                const auto line = md5s.find("  " + rel);
                if (line != std::string::npos) {
                    md5s.replace(line - 32, 32, sum);
                    write_text(tree / "DEBIAN/md5sums", md5s);
                }
            }
            const fs::path rebuilt_deb = out / (name + "_").append(new_version).append(".deb");
            test::run_succeeding({"/usr/bin/dpkg-deb", "--root-owner-group", "-b", tree.string(),
                                  rebuilt_deb.string()});
            files.push_back(rebuilt_deb.string());
        }
        return files;
    }

    test::TempDir dir;
};

TEST_F(DebianPackagesTest, InstallServeUpgradeKeepingTheOperatorsConfigurationThenPurgeClean) {
    const auto before = system_files();
    const auto debs = build_packages(dir.path() / "packages");
    for (const auto& p : kPackages) {
        ASSERT_EQ(debs.count(p), 1U) << "cpack made no package " << p;
    }

    // What dpkg-shlibdeps found, and the modules tied to their host's exact version.
    const auto host_depends = test::run_succeeding({"/usr/bin/dpkg-deb", "--field",
                                                    debs.at("iro-oversight").string(), "Depends"})
                                  .out;
    for (const char* lib :
         {"libc6", "libstdc++6", "libsqlite3-0", "libcurl4", "libssl3", "libboost-filesystem1.74.0",
          "libboost-regex1.74.0", "libxlsxwriter", "adduser", "debconf"}) {
        EXPECT_THAT(host_depends, HasSubstr(lib));
    }
    const auto version = test::run_succeeding({"/usr/bin/dpkg-deb", "--field",
                                               debs.at("iro-oversight").string(), "Version"})
                             .out;
    const std::string v = version.substr(0, version.find('\n'));
    EXPECT_THAT(test::run_succeeding({"/usr/bin/dpkg-deb", "--field",
                                      debs.at("iro-oversight-qaf").string(), "Depends"})
                    .out,
                HasSubstr("iro-oversight (= " + v + ")"));
    EXPECT_THAT(test::run_succeeding(
                    {"/usr/bin/dpkg-deb", "--info", debs.at("iro-oversight").string(), "conffiles"})
                    .out,
                HasSubstr(kConfig));

    std::vector<std::string> install{"/usr/bin/dpkg", "--install"};
    for (const auto& p : kPackages) {
        install.push_back(debs.at(p).string());
    }
    test::run_succeeding(install);
    for (const auto& p : kPackages) {
        EXPECT_TRUE(installed(p)) << p;
    }
    ASSERT_TRUE(user_exists(kUser));
    struct stat data {};
    ASSERT_EQ(::stat(kDataDir, &data), 0);
    EXPECT_EQ(data.st_mode & 0777, 0750U);
    EXPECT_NE(data.st_uid, 0U) << "the data directory belongs to the service user";
    struct stat conf {};
    ASSERT_EQ(::stat(kConfig, &conf), 0);
    EXPECT_EQ(conf.st_mode & 0777, 0640U);

    // The service's command line, from the installed unit, as its user.
    const auto unit = test::read_text(kUnit);
    EXPECT_THAT(unit, HasSubstr("\nUser=iro-oversight\n"));
    const auto command = exec_start(unit);
    ASSERT_FALSE(command.empty()) << unit;
    {
        test::BackgroundProcess service(as_service_user(command));
        const auto out = service.wait_for_output("Serving.", std::chrono::seconds(60));
        EXPECT_THAT(out, HasSubstr("http://127.0.0.1:8080"));
        net::HttpClient client;
        net::HttpRequest ready;
        ready.method = "GET";
        ready.url = "http://127.0.0.1:8080/readyz";
        const auto response = client.send(ready);
        EXPECT_TRUE(response.answered) << response.transport_error;
        EXPECT_EQ(response.status, 200) << response.body;
        // An administrator's command reaches the running service; no variable says where
        // anything is.
        const auto listed =
            test::run_succeeding(as_service_user({"/usr/bin/iro-host", "modules", "list"}));
        for (const char* id : {"oversight-notes", "midpoint-prompts", "quality-alerts", "qaf"}) {
            EXPECT_THAT(listed.out, HasSubstr(id));
        }
        EXPECT_THAT(listed.out, testing::Not(HasSubstr("(No iro-host is serving")));
        // Root would leave files the service cannot write: refused, with what to do instead.
        const auto as_root = test::run_command({"/usr/bin/iro-host", "users", "list"});
        EXPECT_NE(as_root.exit_code, 0);
        EXPECT_THAT(as_root.err, HasSubstr("sudo -u iro-oversight"));
        EXPECT_EQ(service.stop(SIGTERM), 0) << service.stderr_text();
    }
    ASSERT_TRUE(fs::exists(fs::path(kDataDir) / "iro-oversight.sqlite3"));

    // The operator edits the configuration; the next release changes its default.
    auto edited = test::read_text(kConfig);
    const std::string level = "\"log_level\": \"info\"";
    ASSERT_NE(edited.find(level), std::string::npos) << edited;
    edited.replace(edited.find(level), level.size(), "\"log_level\": \"warning\"");
    write_text(kConfig, edited);
    const std::string next = v.substr(0, v.rfind('-')) + "-99";
    auto upgrade = rebuilt(debs, dir.path() / "rebuilt", v, next);
    upgrade.insert(upgrade.begin(), {"/usr/bin/dpkg", "--force-confold", "--install"});
    test::run_succeeding(upgrade);
    EXPECT_EQ(field("iro-oversight", "Version"), next);
    EXPECT_EQ(test::read_text(kConfig), edited) << "the operator's configuration was replaced";
    EXPECT_THAT(test::read_text(std::string(kConfig) + ".dpkg-dist"),
                HasSubstr("\"module_error_threshold\": 5"));
    EXPECT_TRUE(fs::exists(fs::path(kDataDir) / "iro-oversight.sqlite3"))
        << "the upgrade lost the store";
    EXPECT_TRUE(user_exists(kUser));
    const auto after_upgrade =
        test::run_succeeding(as_service_user({"/usr/bin/iro-host", "modules", "list"}));
    EXPECT_THAT(after_upgrade.out, HasSubstr("quality-alerts"));

    // A purge nobody answers (no terminal, as an automated removal runs) keeps the store and the
    // user who owns it: the question defaults to keep.
    test::run_succeeding(as_service_user({"/usr/bin/iro-host", "modules", "disable", "qaf"}));
    const fs::path store = fs::path(kDataDir) / "iro-oversight.sqlite3";
    const auto purge_all = [] {
        std::vector<std::string> purge{"/usr/bin/env", "DEBIAN_FRONTEND=noninteractive",
                                       "/usr/bin/dpkg", "--purge"};
        purge.insert(purge.end(), kPackages.begin(), kPackages.end());
        return test::run_succeeding(purge);
    };
    const auto kept = purge_all();
    for (const auto& p : kPackages) {
        EXPECT_FALSE(installed(p)) << p;
    }
    EXPECT_TRUE(fs::exists(store)) << "purge deleted the store without being told to";
    EXPECT_TRUE(user_exists(kUser));
    EXPECT_FALSE(fs::exists(kConfig));
    EXPECT_THAT(kept.err, HasSubstr("kept /var/lib/iro-oversight"));

    // Installed again, the host goes on from the kept store.
    test::run_succeeding(install);
    EXPECT_THAT(test::run_succeeding(as_service_user({"/usr/bin/iro-host", "modules", "list"})).out,
                testing::ContainsRegex("qaf +[0-9.]+ +disabled"));

    // Told to (the answer preseeded, as an administrator scripting a removal would), purge
    // deletes the store and the user, and leaves the machine as it was.
    const fs::path answers = dir.path() / "purge-store.debconf";
    write_text(answers, "iro-oversight iro-oversight/purge-store boolean true\n");
    test::run_succeeding({"/usr/bin/debconf-set-selections", answers.string()});
    purge_all();
    for (const auto& p : kPackages) {
        EXPECT_FALSE(installed(p)) << p;
    }
    EXPECT_FALSE(fs::exists(store));
    EXPECT_FALSE(user_exists(kUser));
    EXPECT_FALSE(group_exists(kUser));
    const auto after = system_files();
    EXPECT_EQ(difference(after, before), "") << "left behind by purge";
    EXPECT_EQ(difference(before, after), "") << "removed by install and purge";
}

}  // namespace
}  // namespace iro
