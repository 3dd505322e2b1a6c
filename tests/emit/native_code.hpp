// The C of `tenet compile --emit c`, compiled by the system C compiler and loaded: what the
// compiled-code tests and benches run.
//
// Exports: CompiledResult (tenet_result of docs/COMPILED.md), CColumn (tenet_column), COutput
// (tenet_output), NativeCode.
#pragma once

#include <cstdint>
#include <string>

#include "value/value.hpp"

namespace tenet::emit_test {

// The layout of the generated tenet_result: a value in value/value.hpp's layout, its state, and
// for an error the fault and the node that failed.
struct CompiledResult {
    eval::Value v;
    eval::State s;
    uint8_t fault;
    uint32_t node;
};
static_assert(sizeof(CompiledResult) == 24, "tenet_result is 24 bytes");

struct CColumn {
    const int64_t* values = nullptr;
    const uint8_t* bools = nullptr;
    int32_t scale = 0;
    const uint8_t* present = nullptr;
};

// The generated tenet_output: one decision's typed result column (tenet/columns.hpp's layout).
struct COutput {
    uint8_t* states = nullptr;  // tenet::RowState
    uint8_t* bools = nullptr;
    int64_t* int64s = nullptr;  // int; money in whole cents
    int32_t* int32s = nullptr;  // date, enum
    int64_t* numerators = nullptr;
    int64_t* denominators = nullptr;
};

class NativeCode {
public:
    NativeCode() = default;
    ~NativeCode();
    NativeCode(const NativeCode&) = delete;
    NativeCode& operator=(const NativeCode&) = delete;

    // The C compiler found on PATH ($CC, else cc), or "" when there is none.
    static std::string compiler();
    // Writes `c_text` to DIR/NAME.c, compiles it with `cc -O2 -shared -fPIC` (and `extra_flags`)
    // and loads it. False with *error (the compiler's output) when it fails.
    bool build(const std::string& c_text, const std::string& dir, const std::string& name, std::string* error,
               const std::string& extra_flags = "");

    // 0: *out holds decision d for the case; 1: the interpreter must evaluate it.
    int decide(int d, const eval::Value* facts, const eval::State* states, CompiledResult* out) const {
        return decide_(ctx_, d, facts, reinterpret_cast<const uint8_t*>(states), out);
    }
    // The address of a generated function by name (tenet_batch_NAME...), or null.
    void* symbol(const std::string& name) const;
    void* context() const { return ctx_; }

private:
    void* handle_ = nullptr;
    void* ctx_ = nullptr;
    int (*decide_)(void*, int, const eval::Value*, const uint8_t*, CompiledResult*) = nullptr;
    void (*free_ctx_)(void*) = nullptr;
};

}  // namespace tenet::emit_test
