#pragma once
// Running iro-host as a real process from tests: one-shot commands, and a background server whose
// readiness is read from its output (never guessed with a sleep).

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace iro::test {

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs argv[0] with arguments and waits for it. Fails the calling test's expectations on timeout
/// by killing the child and returning exit_code -1.
CommandResult run_command(const std::vector<std::string>& argv,
                          std::chrono::seconds timeout = std::chrono::seconds(60));

/// run_command, failing the calling test (with the command line and its output) unless it exits 0.
CommandResult run_succeeding(const std::vector<std::string>& argv,
                             std::chrono::seconds timeout = std::chrono::seconds(300));

/// A process left running in the background; killed (SIGKILL) if still alive at destruction.
class BackgroundProcess {
  public:
    explicit BackgroundProcess(const std::vector<std::string>& argv);
    BackgroundProcess(const BackgroundProcess&) = delete;
    BackgroundProcess& operator=(const BackgroundProcess&) = delete;
    ~BackgroundProcess();

    /// Reads stdout until a line containing `text` arrives; returns everything read so far.
    /// Throws std::runtime_error if the process exits or the timeout passes first.
    std::string wait_for_output(const std::string& text,
                                std::chrono::seconds timeout = std::chrono::seconds(60));
    /// Reads until a line containing `text` arrives on stderr (the service's log); returns
    /// stderr so far. Throws std::runtime_error if the process exits or the timeout passes first.
    std::string wait_for_log(const std::string& text,
                             std::chrono::seconds timeout = std::chrono::seconds(60));
    /// Sends `signal` and waits for exit; returns the exit code (128 + signal if killed).
    int stop(int signal, std::chrono::seconds timeout = std::chrono::seconds(60));
    /// Waits for the process to exit by itself; returns its exit code, or -1 (after SIGKILL) when
    /// the timeout passes first.
    int wait(std::chrono::seconds timeout = std::chrono::seconds(120));
    /// Everything the process wrote to stdout so far (drained at stop() and wait()).
    const std::string& stdout_text() const { return out_; }
    /// Everything the process wrote to stderr so far (drained at stop() and wait()).
    const std::string& stderr_text() const { return err_; }
    pid_t pid() const { return pid_; }

  private:
    pid_t pid_ = -1;
    int out_fd_ = -1;
    int err_fd_ = -1;
    std::string out_;
    std::string err_;
};

}  // namespace iro::test
