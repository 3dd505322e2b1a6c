// Compiling the generated C with the system compiler and loading it with dlopen.
#include "native_code.hpp"

#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace tenet::emit_test {

NativeCode::~NativeCode() {
    if (ctx_ && free_ctx_) free_ctx_(ctx_);
    if (handle_) dlclose(handle_);
}

std::string NativeCode::compiler() {
    const char* cc = std::getenv("CC");
    std::string name = cc && *cc ? cc : "cc";
    std::string probe = "command -v '" + name + "' >/dev/null 2>&1";
    return std::system(probe.c_str()) == 0 ? name : "";
}

bool NativeCode::build(const std::string& c_text, const std::string& dir, const std::string& name, std::string* error,
                       const std::string& extra_flags) {
    std::string cc = compiler();
    if (cc.empty()) {
        *error = "no C compiler on PATH (cc or $CC)";
        return false;
    }
    std::string source = dir + "/" + name + ".c", library = dir + "/" + name + ".so", log = dir + "/" + name + ".log";
    {
        std::ofstream out(source, std::ios::binary);
        out << c_text;
        if (!out) {
            *error = "cannot write " + source;
            return false;
        }
    }
    std::string command = cc + " -std=c99 -O2 -shared -fPIC -Wall -Werror " + extra_flags + " -o '" + library + "' '" +
                          source + "' >'" + log + "' 2>&1";
    if (std::system(command.c_str()) != 0) {
        std::ifstream in(log);
        *error = command + "\n" + std::string(std::istreambuf_iterator<char>(in), {});
        return false;
    }
    handle_ = dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle_) {
        *error = dlerror();
        return false;
    }
    decide_ = reinterpret_cast<decltype(decide_)>(dlsym(handle_, "tenet_decide"));
    auto new_ctx = reinterpret_cast<void* (*)()>(dlsym(handle_, "tenet_ctx_new"));
    free_ctx_ = reinterpret_cast<void (*)(void*)>(dlsym(handle_, "tenet_ctx_free"));
    if (!decide_ || !new_ctx || !free_ctx_) {
        *error = "the library lacks tenet_decide, tenet_ctx_new or tenet_ctx_free";
        return false;
    }
    ctx_ = new_ctx();
    return true;
}

void* NativeCode::symbol(const std::string& name) const { return handle_ ? dlsym(handle_, name.c_str()) : nullptr; }

}  // namespace tenet::emit_test
