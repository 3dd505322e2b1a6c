// Evaluating a case allocates nothing once a session has warmed up: the frame (slots, arena,
// scratch) is reused from case to case; nor does reading a valid JSON case. Counted with a replacement global operator new, so
// this test is its own program.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include <fstream>

#include "support/support.hpp"

static std::atomic<long> g_allocations{0};

void* operator new(std::size_t n) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace tenet {
namespace {

TEST(Allocation, EvaluatingAWarmSessionAllocatesNothing) {
    auto r = testing::compile_text(R"(
ruleset t
enum Family { single_parent, two_parent }
record Episode { start: date, cured: date? }
record Payment { date: date, amount: money }
facts h {
  grant: money
  family: Family
  hours: decimal
  episodes: list<Episode>
  payments: list<Payment>
}
table required(family: Family) -> int hit unique cite "6.013.1" {
  single_parent => 30
  two_parent    => 35
}
ladder sanction episodes h.episodes from start until cured cite "6.011.11 A" {
  level 1: 25% for 30 days
  level 2: 50% for 30 days
  level 3: 100% for at least 90 days until cured
}
decision adjusted: money cite "x" = round_down(h.grant * (100% - sanction.percent), cent)
decision meets: bool cite "x" = h.hours >= required(h.family)
decision paid: money cite "x" = sum(p.amount for p in h.payments where p.date within 12 months before as_of)
decision level: int cite "x" = sanction.level
)",
                                   {}, false);
    ASSERT_TRUE(r.ok()) << testing::diagnostics_text(r);
    Session session(r.ruleset);
    Case c;
    std::vector<InputError> errors;
    ASSERT_TRUE(session.decode(R"({"as_of":"1999-06-01","h":{"grant":"303.00","family":"two_parent","hours":36,
        "episodes":[{"start":"1999-05-03"}],"payments":[{"date":"1999-01-01","amount":"100.00"}]}})",
                               &c, &errors));
    std::string out;
    out.reserve(4096);
    for (int i = 0; i < 10; ++i) {  // warm up: the frame grows to the program's size
        out.clear();
        session.evaluate_json(c, {}, &out, &errors);
    }
    long before = g_allocations.load();
    for (int i = 0; i < 1000; ++i) {
        out.clear();
        session.evaluate_json(c, {}, &out, &errors);
    }
    long allocations = g_allocations.load() - before;
    EXPECT_EQ(allocations, 0) << "allocations in 1000 evaluations; output: " << out;
    EXPECT_EQ(out, R"({"decisions":{"adjusted":"227.25","meets":true,"paid":"100.00","level":1},"unresolved":{}})");
}

// The fast reader's parser, padded copy and list buffers are kept per thread, and the case's
// vectors and arena are reused: a full Weld case is read without touching the heap.
TEST(Allocation, ReadingAValidCaseIntoAWarmCaseAllocatesNothing) {
    CompileOptions options;
    options.warnings = false;
    options.tests = false;
    CompileResult r = compile_file(TENET_SOURCE_DIR "/rulesets/colorado/weld.tenet", options);
    ASSERT_TRUE(r.ok()) << testing::diagnostics_text(r);
    std::ifstream in(TENET_SOURCE_DIR "/rulesets/colorado/caseload/weld_sample.jsonl");
    std::string text;
    ASSERT_TRUE(std::getline(in, text));
    Session session(r.ruleset);
    Case c;
    std::vector<InputError> errors;
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(session.decode(text, &c, &errors));  // warm up
    long before = g_allocations.load();
    for (int i = 0; i < 1000; ++i) session.decode(text, &c, &errors);
    EXPECT_EQ(g_allocations.load() - before, 0) << "allocations in reading 1000 cases";
    EXPECT_TRUE(errors.empty());
}

}  // namespace
}  // namespace tenet
