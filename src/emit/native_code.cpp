// Building the generated C with the system compiler into a cache of libraries, and loading them
// with dlopen.
#include "native_code.hpp"

#include <dlfcn.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <system_error>
#include <vector>

namespace tenet::emit {

namespace {

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

// Runs `command` through the shell: its output (stdout and stderr) and whether it exited 0.
bool run(const std::string& command, std::string* output) {
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (!pipe) return false;
    char buffer[4096];
    for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) output->append(buffer, n);
    int status = pclose(pipe);
    return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

enum class RunEnd { Succeeded, Failed, Cancelled };

// Runs `command` through /bin/sh, keeping the first MiB of its output (stdout and stderr). With
// `cancelled`, in a process group of its own, killed whole when `cancelled` says so: a compiler
// that takes most of an hour over a large ruleset must not hold up a service that is stopping.
// Without, in the caller's group, so that a Ctrl-C at the terminal stops the compiler too.
RunEnd run_cancellable(const std::string& command, std::string* output, const std::function<bool()>& cancelled) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return RunEnd::Failed;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    if (cancelled) {
        posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
        posix_spawnattr_setpgroup(&attributes, 0);
    }
    std::string sh = "sh", dash_c = "-c", line = command;
    char* argv[] = {sh.data(), dash_c.data(), line.data(), nullptr};
    pid_t pid = -1;
    int spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    close(fds[1]);
    if (spawned != 0) {
        close(fds[0]);
        output->append("cannot start /bin/sh: ").append(std::strerror(spawned));
        return RunEnd::Failed;
    }
    bool killed = false;
    while (!killed) {
        if (cancelled && cancelled()) {
            kill(-pid, SIGKILL);
            killed = true;
            break;
        }
        pollfd readable{fds[0], POLLIN, 0};
        int ready = poll(&readable, 1, 100);
        if (ready < 0 && errno != EINTR) break;
        if (ready <= 0) continue;
        char buffer[4096];
        ssize_t n = read(fds[0], buffer, sizeof buffer);
        if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) break;
        if (n > 0 && output->size() < (size_t{1} << 20)) output->append(buffer, static_cast<size_t>(n));
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (killed) return RunEnd::Cancelled;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? RunEnd::Succeeded : RunEnd::Failed;
}

// The program of a compiler command ("ccache gcc" -> "ccache"): what must be on PATH.
std::string program_of(const std::string& command) {
    size_t start = command.find_first_not_of(" \t");
    if (start == std::string::npos) return "";
    size_t end = command.find_first_of(" \t", start);
    return command.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// FNV-1a, 64 bits: names a library after what it was built from. A collision cannot load the
// wrong code: load() also compares the C text kept beside the library.
uint64_t fnv1a(const std::string& text, uint64_t h = 14695981039346656037ull) {
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

std::string hex(uint64_t v) {
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(v));
    return buffer;
}

bool same_text(const std::string& path, const std::string& text) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::string kept((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return kept == text;
}

// A new file DIR/STEM.XXXXXX.SUFFIX of its own (mkstemps), closed; "" when it cannot be made.
std::string temporary(const std::string& dir, const std::string& stem, const std::string& suffix) {
    std::string path = dir + "/" + stem + ".XXXXXX" + suffix;
    int fd = mkstemps(path.data(), static_cast<int>(suffix.size()));
    if (fd < 0) return "";
    close(fd);
    return path;
}

// The first lines of a compiler's messages: enough to see the cause, not megabytes of them.
std::string first_lines(const std::string& text, int lines) {
    size_t at = 0;
    for (int i = 0; i < lines && at != std::string::npos; ++i) {
        at = text.find('\n', at);
        if (at != std::string::npos) ++at;
    }
    return at == std::string::npos ? text : text.substr(0, at) + "...\n";
}

// The compiler command to use (`command`, else $CC, else cc), and whether its program is on PATH.
bool find_compiler(std::string* command) {
    if (command->empty()) *command = env("CC");
    if (program_of(*command).empty()) *command = "cc";
    std::string ignored;
    return run("command -v " + shell_quote(program_of(*command)), &ignored);
}

// "NAME-HASH", HASH 16 hex digits: the stem of a library and of the text it was built from.
bool is_entry_stem(const std::string& stem) {
    if (stem.size() < 18 || stem[stem.size() - 17] != '-') return false;
    return std::all_of(stem.end() - 16, stem.end(),
                       [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

// "NAME-HASH.XXXXXX": a file of a build in progress, or of one that died.
bool is_temporary_stem(const std::string& stem) {
    return stem.size() > 7 && stem[stem.size() - 7] == '.' && is_entry_stem(stem.substr(0, stem.size() - 7));
}

// Keeps the cache within `limit` bytes: removes the least recently loaded libraries with their
// texts (load() touches the text), never `keep`, and the files of builds that died. Files not
// named like the loader's are not its to remove. Failures are ignored: the cache is only a cache,
// and a library another process still has loaded stays mapped there when its file is removed.
void prune_cache(const std::string& dir, uint64_t limit, const std::string& keep) {
    namespace fs = std::filesystem;
    struct Entry {
        fs::file_time_type used = fs::file_time_type::min();
        uint64_t bytes = 0;
        std::vector<fs::path> files;
    };
    std::map<std::string, Entry> entries;
    uint64_t total = 0;
    auto now = fs::file_time_type::clock::now();
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& path = it->path();
        std::string ext = path.extension().string(), stem = path.stem().string();
        if ((ext != ".c" && ext != ".so") || !it->is_regular_file(ec)) continue;
        auto written = fs::last_write_time(path, ec);
        if (ec) continue;
        if (is_temporary_stem(stem)) {
            // a build of Weld at -O2 has taken most of an hour: a day-old one is dead
            if (now - written > std::chrono::hours(24)) fs::remove(path, ec);
            continue;
        }
        if (!is_entry_stem(stem)) continue;
        Entry& entry = entries[stem];
        uint64_t bytes = fs::file_size(path, ec);
        if (ec) continue;
        entry.bytes += bytes;
        total += bytes;
        entry.files.push_back(path);
        if (ext == ".c") entry.used = written;
    }
    std::vector<std::pair<fs::file_time_type, std::string>> oldest_first;
    for (const auto& [stem, entry] : entries) {
        if (stem != keep) oldest_first.emplace_back(entry.used, stem);
    }
    std::sort(oldest_first.begin(), oldest_first.end());
    for (const auto& [used, stem] : oldest_first) {
        if (total <= limit) break;
        for (const fs::path& file : entries[stem].files) fs::remove(file, ec);
        total -= entries[stem].bytes;
    }
}

}  // namespace

NativeCode::~NativeCode() {
    if (ctx_ && free_ctx_) free_ctx_(ctx_);
    if (handle_) dlclose(handle_);
}

std::string NativeCode::compiler() {
    std::string command;
    return find_compiler(&command) ? command : "";
}

std::string NativeCode::default_cache_dir() {
    if (!env("TENET_CACHE_DIR").empty()) return env("TENET_CACHE_DIR");
    if (!env("XDG_CACHE_HOME").empty()) return env("XDG_CACHE_HOME") + "/tenet";
    if (!env("HOME").empty()) return env("HOME") + "/.cache/tenet";
    return "";
}

bool NativeCode::build(const std::string& c_text, const std::string& dir, const std::string& name, std::string* error,
                       const std::string& extra_flags) {
    NativeOptions options;
    options.flags = "-O2 -Wall -Werror " + extra_flags;
    options.cache_dir = dir;
    options.name = name;
    return load(c_text, options, error);
}

bool NativeCode::load(const std::string& c_text, const NativeOptions& options, std::string* error) {
    if (handle_) {
        *error = "this NativeCode has loaded a library already";
        return false;
    }
    std::string cc = options.compiler;
    if (!find_compiler(&cc)) {
        *error = "no C compiler: `" + program_of(cc) + "` is not on PATH (set $CC to one)";
        return false;
    }
    std::string version;
    run(cc + " --version", &version);  // part of the compiler's identity; a compiler without it is named alone
    std::string dir = options.cache_dir.empty() ? default_cache_dir() : options.cache_dir;
    if (dir.empty()) {
        *error = "no directory for compiled code: set $TENET_CACHE_DIR (or $XDG_CACHE_HOME or $HOME)";
        return false;
    }
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        *error = "cannot create the directory for compiled code " + dir + ": " + ec.message();
        return false;
    }
    std::string command = cc + " -std=c99 -shared -fPIC " + options.flags;
    std::string stem = options.name + "-" + hex(fnv1a(c_text, fnv1a(command + '\0' + version + '\0')));
    std::string source = dir + "/" + stem + ".c";
    library_ = dir + "/" + stem + ".so";
    compiled_ = !(std::filesystem::exists(library_, ec) && same_text(source, c_text));
    if (!compiled_) {
        // loaded now: the last to be removed when the cache is pruned
        std::filesystem::last_write_time(source, std::filesystem::file_time_type::clock::now(), ec);
        if (open(error)) return true;
        if (handle_) return false;  // loaded, but not the loader's library
        compiled_ = true;           // gone since (another process pruned it), or damaged
    }
    if (options.before_compiling) options.before_compiling(library_, c_text.size());
    if (!compile(c_text, command, source, library_, options.cancelled, error)) return false;
    prune_cache(dir, options.cache_limit, stem);
    return open(error);
}

// Writes the text and the library under temporary names and renames them into place: the library
// last, so that whoever finds it finds the text it was built from beside it.
bool NativeCode::compile(const std::string& c_text, const std::string& command, const std::string& source,
                         const std::string& library, const std::function<bool()>& cancelled, std::string* error) {
    std::string dir = std::filesystem::path(source).parent_path().string();
    std::string stem = std::filesystem::path(source).stem().string();
    std::string temp_source = temporary(dir, stem, ".c"), temp_library = temporary(dir, stem, ".so");
    auto clean = [&] {
        std::error_code ignored;
        if (!temp_source.empty()) std::filesystem::remove(temp_source, ignored);
        if (!temp_library.empty()) std::filesystem::remove(temp_library, ignored);
    };
    if (temp_source.empty() || temp_library.empty()) {
        *error = "cannot create a file in the directory for compiled code " + dir;
        clean();
        return false;
    }
    {
        std::ofstream out(temp_source, std::ios::binary);
        out << c_text;
        if (!out.flush()) {
            *error = "cannot write " + temp_source;
            clean();
            return false;
        }
    }
    std::string line = command + " -o " + shell_quote(temp_library) + " " + shell_quote(temp_source);
    std::string messages;
    RunEnd end = run_cancellable(line, &messages, cancelled);
    if (end != RunEnd::Succeeded) {
        *error = end == RunEnd::Cancelled ? NativeOptions::kCancelled
                                          : "the C compiler failed: " + line + "\n" + first_lines(messages, 40);
        clean();
        return false;
    }
    std::error_code ec;
    std::filesystem::rename(temp_source, source, ec);
    if (!ec) std::filesystem::rename(temp_library, library, ec);
    if (ec) {
        *error = "cannot move the compiled code into " + library + ": " + ec.message();
        clean();
        return false;
    }
    return true;
}

bool NativeCode::open(std::string* error) {
    handle_ = dlopen(library_.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle_) {
        const char* why = dlerror();
        *error = "cannot load " + library_ + ": " + (why ? why : "dlopen failed");
        return false;
    }
    decide_ = reinterpret_cast<decltype(decide_)>(dlsym(handle_, "tenet_decide"));
    decide_all_ = reinterpret_cast<decltype(decide_all_)>(dlsym(handle_, "tenet_decide_all"));
    new_ctx_ = reinterpret_cast<decltype(new_ctx_)>(dlsym(handle_, "tenet_ctx_new"));
    free_ctx_ = reinterpret_cast<decltype(free_ctx_)>(dlsym(handle_, "tenet_ctx_free"));
    row_values_ = reinterpret_cast<decltype(row_values_)>(dlsym(handle_, "tenet_row_values"));
    decision_compiled_ = static_cast<const unsigned char*>(dlsym(handle_, "tenet_decision_compiled"));
    if (!decide_ || !decide_all_ || !new_ctx_ || !free_ctx_ || !row_values_ || !decision_compiled_) {
        *error = library_ +
                 " lacks tenet_decide, tenet_decide_all, tenet_row_values, tenet_decision_compiled, tenet_ctx_new or "
                 "tenet_ctx_free";
        return false;
    }
    ctx_ = new_ctx_();
    if (!ctx_) {
        *error = "out of memory for the compiled code's context";
        return false;
    }
    return true;
}

void* NativeCode::symbol(const std::string& name) const { return handle_ ? dlsym(handle_, name.c_str()) : nullptr; }

}  // namespace tenet::emit
