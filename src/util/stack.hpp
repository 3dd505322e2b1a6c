// Stack depth: how much a recursive algorithm may still use, and a way to give it plenty.
//
// Exports: stack_floor, run_with_large_stack. The parser, checker, compiler and evaluator recurse
// on the structure of a ruleset (nesting, chains of rules). Their depth is limited, but a host may
// call Tenet on a thread with a small stack; so compilation runs on a thread of its own with a
// large stack, and evaluation, which runs on the caller's thread, checks the stack it has left.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

namespace tenet::util {

// The lowest address the current thread's stack may grow to, keeping `reserve` bytes spare; 0 when
// the platform does not say (then callers rely on their depth limits alone).
uintptr_t stack_floor(size_t reserve);

// The address of a local of the caller: where its stack is now.
inline uintptr_t stack_here() {
    char probe;
    return reinterpret_cast<uintptr_t>(&probe);
}

// Runs f on a new thread with a stack of `bytes` (reserved address space, touched only as used),
// waits for it, and rethrows what it threw. Calls f directly when the calling thread has `bytes`
// of stack left already, or when no thread can be made.
void run_with_large_stack(const std::function<void()>& f, size_t bytes = size_t{256} << 20);

}  // namespace tenet::util
