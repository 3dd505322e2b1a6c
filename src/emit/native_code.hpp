// The C of `tenet compile --emit c`, built by the system C compiler and loaded with dlopen: what
// the compiled engine (api/compiled_engine.cpp), the compiled-code tests and the benches run.
//
// Exports: CompiledResult (tenet_result of docs/COMPILED.md), CColumn (tenet_column), COutput
// (tenet_output), NativeOptions, NativeCode. A library is built once per C text, compiler and flags into a cache
// directory and loaded from there afterwards (docs/COMPILED.md, "Inside Tenet").
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "value/value.hpp"

namespace tenet::emit {

// The layout of the generated tenet_result: a value in value/value.hpp's layout, its state, and
// for an error the fault and the node that failed.
struct CompiledResult {
    eval::Value v;
    eval::State s;
    uint8_t fault;
    uint32_t node;
};
static_assert(sizeof(CompiledResult) == 24, "tenet_result is 24 bytes");

// The generated tenet_column: one fact's typed column (docs/COMPILED.md).
struct CColumn {
    const void* values = nullptr;  // signed integers of `width` bytes
    const uint8_t* bools = nullptr;
    int32_t scale = 0;
    const uint8_t* present = nullptr;
    int32_t width = 0;  // 1, 2, 4 or 8; 0 is 8
};

// The generated tenet_output: one decision's typed result column (tenet/columns.hpp's layout).
struct COutput {
    uint8_t* states = nullptr;  // tenet::RowState
    uint8_t* bools = nullptr;
    int64_t* int64s = nullptr;  // int; money in whole cents
    int32_t* int32s = nullptr;  // date, enum
    int64_t* numerators = nullptr;
    int64_t* denominators = nullptr;
    int64_t* scaled = nullptr;  // decimal, percent (in points) at `scale`, instead of the fraction
    int32_t scale = 0;
};

struct NativeOptions {
    std::string compiler;        // a command, split by the shell ("ccache gcc"); empty: $CC, else cc
    std::string flags = "-O2";   // besides -std=c99 -shared -fPIC
    std::string cache_dir;       // empty: default_cache_dir()
    std::string name = "tenet";  // the libraries are NAME-HASH.so
    // After building a library, the least recently loaded ones (any NAME) are removed until the
    // libraries and their texts take at most this many bytes; the one just built always stays.
    uint64_t cache_limit = kDefaultCacheLimit;
    static constexpr uint64_t kDefaultCacheLimit = uint64_t{1} << 30;
    // called just before the compiler runs, with the library it writes and the size of the C
    std::function<void(const std::string& library, size_t c_bytes)> before_compiling;
    // asked every tenth of a second while the compiler runs: true stops it (its whole process
    // group), and load() fails with kCancelled
    std::function<bool()> cancelled;
    static constexpr const char* kCancelled = "the C compiler was stopped: the build was cancelled";
};

class NativeCode {
public:
    NativeCode() = default;
    ~NativeCode();
    NativeCode(const NativeCode&) = delete;
    NativeCode& operator=(const NativeCode&) = delete;

    // The C compiler command ($CC, else cc) when its program is on PATH, or "".
    static std::string compiler();
    // $TENET_CACHE_DIR, else $XDG_CACHE_HOME/tenet, else $HOME/.cache/tenet; "" when none is set.
    static std::string default_cache_dir();

    // Loads the library built from `c_text` with `options`: from the cache when it holds one built
    // from the same text by the same compiler with the same flags, else compiles it there first
    // (into a temporary name renamed into place, so that another process never loads half a
    // file). False with *error saying what failed: no compiler, no cache directory, the
    // compiler's own messages, or the loader's.
    bool load(const std::string& c_text, const NativeOptions& options, std::string* error);
    // The tests' and benches' way: load() with DIR as the cache, `-O2 -Wall -Werror` and then
    // `extra_flags`, the libraries named NAME-HASH.so.
    bool build(const std::string& c_text, const std::string& dir, const std::string& name, std::string* error,
               const std::string& extra_flags = "");

    // Whether the last load() ran the compiler (false: the cache had the library).
    bool compiled() const { return compiled_; }
    const std::string& library_path() const { return library_; }

    // 0: *out holds decision d for the case; 1: the interpreter must evaluate it.
    int decide(int d, const eval::Value* facts, const eval::State* states, CompiledResult* out) const {
        return decide_(ctx_, d, facts, reinterpret_cast<const uint8_t*>(states), out);
    }
    // Every decision of a case with the scratch `ctx` (new_context()): out[d], and fallback[d] = 1
    // for those the interpreter must evaluate; both hold as many entries as the ruleset has
    // decisions. Values out point into `ctx` until its next use.
    void decide_all(void* ctx, const eval::Value* facts, const eval::State* states, CompiledResult* out,
                    uint8_t* fallback) const {
        decide_all_(ctx, facts, reinterpret_cast<const uint8_t*>(states), out, fallback);
    }
    // Row i of facts already converted, a column per fact (values[f][i], states[f][i]), with the
    // scratch `ctx` (tenet_row_values): its results written into row i of the typed columns out[d]
    // (states null: not written) and left in res[d], where a list's or record's value is read,
    // until ctx's next use. 0, or 1 when the interpreter must evaluate the row.
    int row_values(void* ctx, const eval::Value* const* values, const eval::State* const* states, size_t i,
                   COutput* out, CompiledResult* res) const {
        return row_values_(ctx, values, reinterpret_cast<const uint8_t* const*>(states), i, out, res);
    }
    // Whether the code computes decision d (tenet_decision_compiled); those it does not are the
    // interpreter's on every case.
    bool computes(size_t d) const { return decision_compiled_[d] != 0; }
    // A context is the scratch of one thread (tenet_ctx_new); null when out of memory.
    void* new_context() const { return new_ctx_(); }
    void free_context(void* ctx) const { free_ctx_(ctx); }
    // The address of a generated function by name (tenet_batch_NAME...), or null.
    void* symbol(const std::string& name) const;
    // The context decide() uses.
    void* context() const { return ctx_; }

private:
    bool compile(const std::string& c_text, const std::string& command, const std::string& source,
                 const std::string& library, const std::function<bool()>& cancelled, std::string* error);
    bool open(std::string* error);

    void* handle_ = nullptr;
    void* ctx_ = nullptr;
    bool compiled_ = false;
    std::string library_;
    int (*decide_)(void*, int, const eval::Value*, const uint8_t*, CompiledResult*) = nullptr;
    int (*decide_all_)(void*, const eval::Value*, const uint8_t*, CompiledResult*, uint8_t*) = nullptr;
    int (*row_values_)(void*, const eval::Value* const*, const uint8_t* const*, size_t, COutput*,
                       CompiledResult*) = nullptr;
    const unsigned char* decision_compiled_ = nullptr;
    void* (*new_ctx_)() = nullptr;
    void (*free_ctx_)(void*) = nullptr;
};

}  // namespace tenet::emit
