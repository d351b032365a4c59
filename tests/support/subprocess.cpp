#include "support/subprocess.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>

namespace iro::test {

namespace {

using Clock = std::chrono::steady_clock;

pid_t spawn(const std::vector<std::string>& argv, int& out_fd, int& err_fd) {
    int out_pipe[2];
    int err_pipe[2];
    if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe failed");
    }
    const pid_t pid = fork();
    if (pid < 0) {
        throw std::runtime_error("fork failed");
    }
    if (pid == 0) {
        dup2(out_pipe[1], STDOUT_FILENO);
        dup2(err_pipe[1], STDERR_FILENO);
        const int devnull = open("/dev/null", O_RDONLY);
        dup2(devnull, STDIN_FILENO);
        std::vector<char*> args;
        args.reserve(argv.size() + 1);
        for (const auto& a : argv) {
            args.push_back(const_cast<char*>(a.c_str()));
        }
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    close(out_pipe[1]);
    close(err_pipe[1]);
    out_fd = out_pipe[0];
    err_fd = err_pipe[0];
    return pid;
}

// Reads whatever is available on the open fds until `done` says stop or the deadline passes.
// Returns false on timeout.
template <class Done>
bool pump(int& out_fd, int& err_fd, std::string& out, std::string& err, Clock::time_point deadline,
          Done done) {
    while (!done()) {
        if (out_fd < 0 && err_fd < 0) {
            return true;
        }
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) {
            return false;
        }
        pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
        const int ready = poll(fds, 2, static_cast<int>(left.count()));
        if (ready < 0) {
            throw std::runtime_error("poll failed");
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) {
                continue;
            }
            char buffer[4096];
            const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
            int& fd = i == 0 ? out_fd : err_fd;
            if (n <= 0) {
                close(fd);
                fd = -1;
            } else {
                (i == 0 ? out : err).append(buffer, static_cast<std::size_t>(n));
            }
        }
    }
    return true;
}

int decode(int status) {
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status);
    }
    if (WIFSIGNALED(status)) {
        return 128 + WTERMSIG(status);
    }
    return -1;
}

}  // namespace

CommandResult run_command(const std::vector<std::string>& argv, std::chrono::seconds timeout) {
    CommandResult result;
    int out_fd = -1;
    int err_fd = -1;
    const pid_t pid = spawn(argv, out_fd, err_fd);
    const bool finished =
        pump(out_fd, err_fd, result.out, result.err, Clock::now() + timeout, [] { return false; });
    if (!finished && pid > 0) {
        kill(pid, SIGKILL);
    }
    if (out_fd >= 0) {
        close(out_fd);
    }
    if (err_fd >= 0) {
        close(err_fd);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    result.exit_code = finished ? decode(status) : -1;
    return result;
}

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& argv) {
    pid_ = spawn(argv, out_fd_, err_fd_);
}

BackgroundProcess::~BackgroundProcess() {
    if (pid_ > 0) {
        kill(pid_, SIGKILL);
        int status = 0;
        waitpid(pid_, &status, 0);
    }
    if (out_fd_ >= 0) {
        close(out_fd_);
    }
    if (err_fd_ >= 0) {
        close(err_fd_);
    }
}

std::string BackgroundProcess::wait_for_output(const std::string& text,
                                               std::chrono::seconds timeout) {
    const bool found = pump(out_fd_, err_fd_, out_, err_, Clock::now() + timeout,
                            [&] { return out_.find(text) != std::string::npos; });
    if (!found || out_.find(text) == std::string::npos) {
        throw std::runtime_error("process did not print \"" + text + "\"; stdout so far:\n" + out_ +
                                 "\nstderr so far:\n" + err_);
    }
    return out_;
}

std::string BackgroundProcess::wait_for_log(const std::string& text, std::chrono::seconds timeout) {
    const bool found = pump(out_fd_, err_fd_, out_, err_, Clock::now() + timeout,
                            [&] { return err_.find(text) != std::string::npos; });
    if (!found || err_.find(text) == std::string::npos) {
        throw std::runtime_error("process did not log \"" + text + "\"; stderr so far:\n" + err_);
    }
    return err_;
}

int BackgroundProcess::stop(int signal, std::chrono::seconds timeout) {
    // Once stopped there is nothing to signal, and kill(-1, ...) would signal every process
    // this user may: a second stop (a test's, then its fixture's) must do nothing.
    if (pid_ <= 0) {
        return -1;
    }
    kill(pid_, signal);
    return wait(timeout);
}

int BackgroundProcess::wait(std::chrono::seconds timeout) {
    if (pid_ <= 0) {
        return -1;
    }
    // Reading to end-of-file is how we learn the process has gone; then reap it.
    const bool drained =
        pump(out_fd_, err_fd_, out_, err_, Clock::now() + timeout, [] { return false; });
    if (!drained) {
        kill(pid_, SIGKILL);
    }
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return drained ? decode(status) : -1;
}

CommandResult run_succeeding(const std::vector<std::string>& argv, std::chrono::seconds timeout) {
    auto result = run_command(argv, timeout);
    std::string line;
    for (const auto& a : argv) {
        line += a + " ";
    }
    EXPECT_EQ(result.exit_code, 0) << line << "\n" << result.out << result.err;
    return result;
}

}  // namespace iro::test
