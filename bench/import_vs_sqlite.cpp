// Benchmark: `iro-host import ssda903` of an extract against the floor for loading its bytes,
// sqlite3's own `.import` of the same Header, Episodes and Reviews files into plain tables.
// Each contender runs as a child process on a fresh database, alternating, so both see the same
// machine state; wall time and peak resident memory (wait4's ru_maxrss) are reported side by
// side, as the median of the runs.

#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Sample {
    double seconds = 0;
    long peak_kib = 0;
};

// Runs argv with stdin from `input` (or /dev/null) and stdout/stderr to /dev/null.
Sample run(const std::vector<std::string>& argv, const std::string& input) {
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid < 0) {
        throw std::runtime_error("fork failed");
    }
    if (pid == 0) {
        const std::string in = input.empty() ? "/dev/null" : input;
        if (!freopen(in.c_str(), "r", stdin) || !freopen("/dev/null", "w", stdout)) {
            _exit(127);
        }
        std::vector<char*> args;
        args.reserve(argv.size() + 1);
        for (const auto& a : argv) {
            args.push_back(const_cast<char*>(a.c_str()));
        }
        args.push_back(nullptr);
        execvp(args[0], args.data());
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    if (wait4(pid, &status, 0, &usage) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        throw std::runtime_error(argv[0] + " failed (status " + std::to_string(status) + ")");
    }
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    return {elapsed.count(), usage.ru_maxrss};
}

Sample median(std::vector<Sample> samples) {
    auto middle = [&](auto key) {
        std::sort(samples.begin(), samples.end(),
                  [&](const Sample& a, const Sample& b) { return key(a) < key(b); });
        return key(samples[samples.size() / 2]);
    };
    Sample m;
    m.seconds = middle([](const Sample& s) { return s.seconds; });
    m.peak_kib =
        static_cast<long>(middle([](const Sample& s) { return static_cast<double>(s.peak_kib); }));
    return m;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"iro-host import ssda903 against sqlite3 .import of the same CSV files"};
    std::string host;
    std::string extract;
    std::string sqlite = "sqlite3";
    std::string work = fs::temp_directory_path() / "iro-bench-import";
    int runs = 5;
    app.add_option("--iro-host", host, "The iro-host binary")->required();
    app.add_option("--extract", extract, "SSDA903 extract directory")->required();
    app.add_option("--sqlite3", sqlite, "The sqlite3 shell (default: sqlite3 on PATH)");
    app.add_option("--work-dir", work, "Scratch directory (emptied)");
    app.add_option("--runs", runs, "Runs of each contender (default 5)");
    CLI11_PARSE(app, argc, argv);

    try {
        fs::remove_all(work);
        fs::create_directories(work);
        const fs::path script = fs::path(work) / "import.sql";
        {
            std::ofstream out(script);
            out << ".bail on\n.mode csv\n";
            for (const char* file : {"header", "episodes", "reviews"}) {
                out << ".import '" << (fs::path(extract) / (std::string(file) + ".csv")).string()
                    << "' " << file << "\n";
            }
        }
        std::vector<Sample> ours;
        std::vector<Sample> floor;
        for (int i = 0; i < runs; ++i) {
            const fs::path data = fs::path(work) / ("iro-" + std::to_string(i));
            ours.push_back(run({host, "--data-dir", data.string(), "import", "ssda903", extract,
                                "--as-of", "2019-03-31", "--show-warnings", "0"},
                               ""));
            const fs::path db = fs::path(work) / ("plain-" + std::to_string(i) + ".sqlite3");
            floor.push_back(run({sqlite, db.string()}, script.string()));
        }
        const Sample a = median(ours);
        const Sample b = median(floor);
        std::cout << fmt::format("SSDA903 import of {} (median of {} runs each)\n\n", extract,
                                 runs);
        std::cout << fmt::format("  {:<44} {:>10} {:>14}\n", "", "wall (s)", "peak RSS (MiB)");
        std::cout << fmt::format("  {:<44} {:>10.3f} {:>14.1f}\n",
                                 "iro-host import ssda903 (checks, diff, events)", a.seconds,
                                 static_cast<double>(a.peak_kib) / 1024.0);
        std::cout << fmt::format("  {:<44} {:>10.3f} {:>14.1f}\n",
                                 "sqlite3 .import of the 3 CSVs (the floor)", b.seconds,
                                 static_cast<double>(b.peak_kib) / 1024.0);
        std::cout << fmt::format("  {:<44} {:>10.2f}x {:>13.2f}x\n", "ratio (target: within 3x)",
                                 a.seconds / b.seconds,
                                 static_cast<double>(a.peak_kib) / static_cast<double>(b.peak_kib));
        fs::remove_all(work);
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "iro-bench-import: " << e.what() << "\n";
        return 1;
    }
}
