// OutputFile (output_file.hpp): temporary file, fsync, rename.
#include "cli/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>

namespace tenet::cli {

namespace {

constexpr size_t kBufferBytes = 1 << 20;

// The temporary file being written, removed if the command is interrupted (SIGINT, SIGTERM,
// SIGHUP). SIGKILL cannot be caught: then the temporary file stays beside the target, named
// so that it is recognisable, and the target is untouched.
char g_temp_path[PATH_MAX];

void remove_temp_and_die(int sig) {
    if (g_temp_path[0]) ::unlink(g_temp_path);
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

std::string folder_of(const std::string& path) {
    size_t slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

OutputFile::~OutputFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!temp_.empty()) {
        ::unlink(temp_.c_str());
        g_temp_path[0] = '\0';
    }
}

bool OutputFile::open(const std::string& target, const std::vector<std::string>& inputs) {
    target_ = target;
    struct stat out;
    bool exists = ::stat(target.c_str(), &out) == 0;
    if (exists) {
        if (S_ISDIR(out.st_mode)) {
            std::cerr << target << ": is a directory\n";
            return false;
        }
        for (const std::string& input : inputs) {
            struct stat in;
            if (::stat(input.c_str(), &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
                std::cerr << target << ": error: the output is the input " << input
                          << "; it is left as it is (write the output to another file)\n";
                return false;
            }
        }
        if (::access(target.c_str(), W_OK) != 0) {  // a read-only file stays so, though a rename could replace it
            std::cerr << target << ": error: cannot write: " << std::strerror(errno) << "\n";
            return false;
        }
        if (!S_ISREG(out.st_mode)) {
            fd_ = ::open(target.c_str(), O_WRONLY | O_CLOEXEC);
            if (fd_ < 0) {
                std::cerr << target << ": error: cannot write: " << std::strerror(errno) << "\n";
                return false;
            }
            stream_ = true;
            return true;
        }
        // through a symbolic link, the file it names is replaced, not the link
        char resolved[PATH_MAX];
        if (::realpath(target.c_str(), resolved)) target_ = resolved;
    }
    std::string folder = folder_of(target_);
    std::string name = target_.substr(target_.rfind('/') == std::string::npos ? 0 : target_.rfind('/') + 1);
    temp_ = folder + "/" + name + ".tenet-partial-XXXXXX";
    if (temp_.size() >= PATH_MAX) {
        std::cerr << target << ": error: the path is too long\n";
        temp_.clear();
        return false;
    }
    std::strcpy(g_temp_path, temp_.c_str());
    fd_ = ::mkstemp(g_temp_path);
    if (fd_ < 0) {
        std::cerr << target << ": error: cannot create a file in " << folder << ": " << std::strerror(errno) << "\n";
        g_temp_path[0] = '\0';
        temp_.clear();
        return false;
    }
    temp_ = g_temp_path;
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, remove_temp_and_die);
    // the permissions the target has, or those a new file gets
    mode_t mode;
    if (exists) {
        mode = out.st_mode & 07777;
    } else {
        mode_t mask = ::umask(0);
        ::umask(mask);
        mode = 0666 & ~mask;
    }
    ::fchmod(fd_, mode);
    buffer_.reserve(kBufferBytes);
    return true;
}

bool OutputFile::flush() {
    size_t done = 0;
    while (!failed_ && done < buffer_.size()) {
        ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            std::cerr << target_ << ": error: writing failed: " << std::strerror(errno) << "\n";
            failed_ = true;
        } else {
            done += static_cast<size_t>(n);
        }
    }
    buffer_.clear();
    return !failed_;
}

bool OutputFile::write(std::string_view text) {
    if (fd_ < 0 || failed_) return false;
    buffer_.append(text);
    return buffer_.size() < kBufferBytes || flush();
}

bool OutputFile::commit() {
    if (fd_ < 0 || !flush()) return false;
    if (stream_) {
        ::close(fd_);
        fd_ = -1;
        return true;
    }
    if (::fsync(fd_) != 0) {
        std::cerr << target_ << ": error: writing failed: " << std::strerror(errno) << "\n";
        return false;
    }
    ::close(fd_);
    fd_ = -1;
    if (::rename(temp_.c_str(), target_.c_str()) != 0) {
        std::cerr << target_ << ": error: cannot replace the file: " << std::strerror(errno) << "\n";
        return false;
    }
    temp_.clear();
    g_temp_path[0] = '\0';
    // the rename itself reaches the disk with the folder
    int dir = ::open(folder_of(target_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return true;
}

}  // namespace tenet::cli
