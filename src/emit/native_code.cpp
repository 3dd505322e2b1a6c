// Building the generated C with the system compiler into a cache of libraries, and loading them
// with dlopen.
#include "native_code.hpp"

#include <dlfcn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

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
    if (compiled_ && options.before_compiling) options.before_compiling(library_, c_text.size());
    if (compiled_ && !compile(c_text, command, source, library_, error)) return false;
    return open(error);
}

// Writes the text and the library under temporary names and renames them into place: the library
// last, so that whoever finds it finds the text it was built from beside it.
bool NativeCode::compile(const std::string& c_text, const std::string& command, const std::string& source,
                         const std::string& library, std::string* error) {
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
    if (!run(line, &messages)) {
        *error = "the C compiler failed: " + line + "\n" + first_lines(messages, 40);
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
    if (!decide_ || !decide_all_ || !new_ctx_ || !free_ctx_) {
        *error = library_ + " lacks tenet_decide, tenet_decide_all, tenet_ctx_new or tenet_ctx_free";
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
