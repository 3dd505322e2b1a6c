// The loader of compiled code (emit/native_code.hpp): a library is built once per C text,
// compiler and flags and found in the cache afterwards; no compiler, a compile error, a library
// without the entry points and a cache that cannot be made are clear errors. Skips when there is
// no C compiler.
#include "emit/native_code.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

namespace tenet::emit {
namespace {

// The smallest library the loader accepts: the entry points it looks up.
const char* const kProgram =
    "#include <stdint.h>\n#include <stdlib.h>\n"
    "typedef struct tenet_ctx tenet_ctx;\n"
    "tenet_ctx* tenet_ctx_new(void) { return (tenet_ctx*)malloc(1); }\n"
    "void tenet_ctx_free(tenet_ctx* ctx) { free(ctx); }\n"
    "int tenet_decide(tenet_ctx* ctx, int d, const void* f, const uint8_t* s, void* out) {\n"
    "  (void)ctx; (void)d; (void)f; (void)s; (void)out; return 1; }\n"
    "int tenet_decide_all(tenet_ctx* ctx, const void* f, const uint8_t* s, void* out, uint8_t* fallback) {\n"
    "  (void)ctx; (void)f; (void)s; (void)out; fallback[0] = 1; return 1; }\n"
    "int tenet_row_values(tenet_ctx* ctx, const void* const* v, const uint8_t* const* s, size_t i, void* out,\n"
    "                     void* res) {\n"
    "  (void)ctx; (void)v; (void)s; (void)i; (void)out; (void)res; return 1; }\n"
    "const unsigned char tenet_decision_compiled[1] = { 0 };\n";

std::string fresh_dir(const std::string& name) {
    std::string dir = ::testing::TempDir() + "/tenet_native_" + name;
    std::filesystem::remove_all(dir);
    return dir;
}

NativeOptions options_in(const std::string& dir) {
    NativeOptions options;
    options.cache_dir = dir;
    options.name = "loader";
    return options;
}

class NativeCodeTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (NativeCode::compiler().empty()) GTEST_SKIP() << "no C compiler (cc or $CC) on PATH";
    }
};

TEST_F(NativeCodeTest, TheSecondLoadFindsTheLibraryInTheCache) {
    std::string dir = fresh_dir("cache");
    std::string error;
    NativeCode first;
    int compilations = 0;
    NativeOptions options = options_in(dir);
    std::string announced;
    size_t announced_bytes = 0;
    options.before_compiling = [&](const std::string& library, size_t c_bytes) {
        ++compilations;
        announced = library;
        announced_bytes = c_bytes;
    };
    ASSERT_TRUE(first.load(kProgram, options, &error)) << error;
    EXPECT_TRUE(first.compiled());
    EXPECT_EQ(compilations, 1);
    EXPECT_EQ(announced, first.library_path());
    EXPECT_EQ(announced_bytes, std::string(kProgram).size());
    auto built = std::filesystem::last_write_time(first.library_path());

    NativeCode second;
    ASSERT_TRUE(second.load(kProgram, options, &error)) << error;
    EXPECT_FALSE(second.compiled());
    EXPECT_EQ(compilations, 1);
    EXPECT_EQ(second.library_path(), first.library_path());
    EXPECT_EQ(std::filesystem::last_write_time(second.library_path()), built);
    void* fresh = second.new_context();  // a context of the loaded code's own
    ASSERT_NE(fresh, nullptr);
    second.free_context(fresh);
    uint8_t fallback = 0;
    second.decide_all(second.context(), nullptr, nullptr, nullptr, &fallback);
    EXPECT_EQ(fallback, 1);

    // other flags or another text: another library
    NativeCode other;
    options.flags = "-O0";
    ASSERT_TRUE(other.load(kProgram, options, &error)) << error;
    EXPECT_TRUE(other.compiled());
    EXPECT_NE(other.library_path(), first.library_path());
    NativeCode changed;
    ASSERT_TRUE(changed.load(std::string(kProgram) + "int tenet_extra;\n", options, &error)) << error;
    EXPECT_TRUE(changed.compiled());
    EXPECT_NE(changed.library_path(), other.library_path());
    // nothing half-written is left behind: two texts and two libraries per build, nothing else
    size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        std::string ext = entry.path().extension().string();
        EXPECT_TRUE(ext == ".c" || ext == ".so") << entry.path();
        EXPECT_EQ(entry.path().stem().string().find('.'), std::string::npos) << entry.path();
        ++files;
    }
    EXPECT_EQ(files, 6u);
}

TEST_F(NativeCodeTest, ALibraryWhoseTextChangedUnderItsNameIsBuiltAgain) {
    std::string dir = fresh_dir("stale");
    std::string error;
    NativeCode first;
    ASSERT_TRUE(first.load(kProgram, options_in(dir), &error)) << error;
    // the text beside the library is what it was built from: another one there means the name
    // no longer says what the library holds
    std::string source = first.library_path().substr(0, first.library_path().size() - 3) + ".c";
    ASSERT_TRUE(std::filesystem::exists(source));
    std::filesystem::resize_file(source, 10);
    NativeCode second;
    ASSERT_TRUE(second.load(kProgram, options_in(dir), &error)) << error;
    EXPECT_TRUE(second.compiled());
}

// A file of `bytes` bytes last written `age` ago.
void write_file(const std::filesystem::path& path, size_t bytes, std::chrono::hours age) {
    {
        std::FILE* f = std::fopen(path.c_str(), "w");
        ASSERT_NE(f, nullptr);
        std::fclose(f);
    }
    std::filesystem::resize_file(path, bytes);
    std::filesystem::last_write_time(path, std::filesystem::file_time_type::clock::now() - age);
}

TEST_F(NativeCodeTest, TheCacheDropsTheLeastRecentlyLoadedLibrariesBeyondItsLimit) {
    std::string dir = fresh_dir("prune");
    std::filesystem::create_directories(dir);
    namespace fs = std::filesystem;
    using std::chrono::hours;
    // three earlier builds of 100,000 bytes each, loaded 30, 20 and 5 hours ago
    write_file(dir + "/old-00000000000000a1.so", 60000, hours(30));
    write_file(dir + "/old-00000000000000a1.c", 40000, hours(30));
    write_file(dir + "/old-00000000000000b2.so", 60000, hours(1));  // built late, loaded long ago
    write_file(dir + "/old-00000000000000b2.c", 40000, hours(20));
    write_file(dir + "/old-00000000000000c3.so", 60000, hours(5));
    write_file(dir + "/old-00000000000000c3.c", 40000, hours(5));
    // a build that died two days ago, one still running, and files that are not the loader's
    write_file(dir + "/old-00000000000000d4.Ab3xYz.c", 500, hours(48));
    write_file(dir + "/old-00000000000000d4.Ab3xYz.so", 500, hours(48));
    write_file(dir + "/old-00000000000000e5.Qr7sTu.c", 500, hours(2));
    write_file(dir + "/notes.c", 5000, hours(100));
    write_file(dir + "/old-123.so", 5000, hours(100));

    // a library of our own (some 16 kB), last loaded 25 hours ago
    NativeOptions options = options_in(dir);
    NativeCode built;
    std::string error;
    ASSERT_TRUE(built.load(kProgram, options, &error)) << error;
    std::string built_text = built.library_path().substr(0, built.library_path().size() - 3) + ".c";
    fs::last_write_time(built_text, fs::file_time_type::clock::now() - hours(25));
    ASSERT_LT(fs::file_size(built.library_path()), 40000u);
    // room for one old build beside the new one: a1, ours and b2 go, by when they were loaded
    options.cache_limit = 140000;
    options.flags = "-O1";
    NativeCode again;
    ASSERT_TRUE(again.load(kProgram, options, &error)) << error;
    ASSERT_TRUE(again.compiled());
    EXPECT_TRUE(fs::exists(again.library_path()));
    EXPECT_FALSE(fs::exists(built.library_path()));
    EXPECT_FALSE(fs::exists(built_text));
    EXPECT_FALSE(fs::exists(dir + "/old-00000000000000a1.so"));
    EXPECT_FALSE(fs::exists(dir + "/old-00000000000000a1.c"));
    EXPECT_FALSE(fs::exists(dir + "/old-00000000000000b2.so"));
    EXPECT_FALSE(fs::exists(dir + "/old-00000000000000b2.c"));
    EXPECT_TRUE(fs::exists(dir + "/old-00000000000000c3.so"));
    EXPECT_TRUE(fs::exists(dir + "/old-00000000000000c3.c"));
    EXPECT_FALSE(fs::exists(dir + "/old-00000000000000d4.Ab3xYz.c"));
    EXPECT_FALSE(fs::exists(dir + "/old-00000000000000d4.Ab3xYz.so"));
    EXPECT_TRUE(fs::exists(dir + "/old-00000000000000e5.Qr7sTu.c"));
    EXPECT_TRUE(fs::exists(dir + "/notes.c"));
    EXPECT_TRUE(fs::exists(dir + "/old-123.so"));

    // a library the cache no longer holds is built again, and the one just built always stays
    options.cache_limit = 0;
    options.flags = "-O2";
    NativeCode rebuilt;
    ASSERT_TRUE(rebuilt.load(kProgram, options, &error)) << error;
    EXPECT_TRUE(rebuilt.compiled());
    EXPECT_EQ(rebuilt.library_path(), built.library_path());
    EXPECT_TRUE(fs::exists(rebuilt.library_path()));
    EXPECT_FALSE(fs::exists(again.library_path()));
    EXPECT_FALSE(fs::exists(dir + "/old-00000000000000c3.so"));
    uint8_t fallback = 0;
    again.decide_all(again.context(), nullptr, nullptr, nullptr, &fallback);  // still mapped
    EXPECT_EQ(fallback, 1);
}

TEST_F(NativeCodeTest, ALoadTouchesTheTextSoThatPruningKeepsWhatIsInUse) {
    std::string dir = fresh_dir("touch");
    NativeCode first;
    std::string error;
    ASSERT_TRUE(first.load(kProgram, options_in(dir), &error)) << error;
    std::string source = first.library_path().substr(0, first.library_path().size() - 3) + ".c";
    auto long_ago = std::filesystem::file_time_type::clock::now() - std::chrono::hours(72);
    std::filesystem::last_write_time(source, long_ago);
    NativeCode second;
    ASSERT_TRUE(second.load(kProgram, options_in(dir), &error)) << error;
    EXPECT_FALSE(second.compiled());
    EXPECT_GT(std::filesystem::last_write_time(source), long_ago + std::chrono::hours(71));
}

TEST_F(NativeCodeTest, ALibraryThatDoesNotLoadIsBuiltAgain) {
    std::string dir = fresh_dir("damaged");
    std::string error, library;
    {
        NativeCode first;  // unloaded at the end of the block: dlopen would find it by its name
        ASSERT_TRUE(first.load(kProgram, options_in(dir), &error)) << error;
        library = first.library_path();
    }
    std::filesystem::remove(library);  // a library cut short (a full disk, say) under the name
    {
        std::FILE* f = std::fopen(library.c_str(), "w");
        ASSERT_NE(f, nullptr);
        std::fputs(
            "\x7f"
            "ELF",
            f);
        std::fclose(f);
    }
    NativeCode second;
    ASSERT_TRUE(second.load(kProgram, options_in(dir), &error)) << error;
    EXPECT_TRUE(second.compiled());
    EXPECT_GT(std::filesystem::file_size(library), 4u);
}

TEST_F(NativeCodeTest, ACancelledBuildStopsTheCompilerAndLeavesNothing) {
    std::string dir = fresh_dir("cancel");
    NativeOptions options = options_in(dir);
    // a compiler that would take a minute (`sleep 60`, a process of the compiler's own)
    std::string slow = fresh_dir("slow_cc");
    std::filesystem::create_directories(slow);
    {
        std::FILE* f = std::fopen((slow + "/slowcc").c_str(), "w");
        ASSERT_NE(f, nullptr);
        std::fputs("#!/bin/sh\ncase \"$1\" in --version) exec cc --version;; esac\nsleep 60\nexec cc \"$@\"\n", f);
        std::fclose(f);
    }
    std::filesystem::permissions(slow + "/slowcc", std::filesystem::perms::owner_all);
    options.compiler = slow + "/slowcc";
    auto start = std::chrono::steady_clock::now();
    options.cancelled = [&] { return std::chrono::steady_clock::now() - start > std::chrono::milliseconds(300); };
    NativeCode code;
    std::string error;
    EXPECT_FALSE(code.load(kProgram, options, &error));
    EXPECT_EQ(error, NativeOptions::kCancelled);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
    EXPECT_TRUE(std::filesystem::is_empty(dir)) << "the build's files are removed";
    // nothing of the group is left running
    std::string left;
    FILE* ps = popen("pgrep -f '^sleep 60$' || true", "r");
    ASSERT_NE(ps, nullptr);
    char buffer[256];
    while (std::fgets(buffer, sizeof buffer, ps)) left += buffer;
    pclose(ps);
    EXPECT_EQ(left, "");
    // not cancelled: built as usual
    options.compiler = "";
    options.cancelled = [] { return false; };
    ASSERT_TRUE(code.load(kProgram, options, &error)) << error;
}

// A Ctrl-C at the terminal reaches the whole foreground process group: the compiler must be in
// it unless the caller can cancel the build itself, which kills the compiler's own group.
TEST_F(NativeCodeTest, TheCompilerIsInTheCallersProcessGroupUnlessTheBuildCanBeCancelled) {
    std::string dir = fresh_dir("group");
    std::filesystem::create_directories(dir);
    std::string script = dir + "/groupcc", record = dir + "/group";
    {
        std::FILE* f = std::fopen(script.c_str(), "w");
        ASSERT_NE(f, nullptr);
        std::fprintf(f,
                     "#!/bin/sh\ncase \"$1\" in --version) exec cc --version;; esac\n"
                     "ps -o pgid= -p $$ | tr -d ' ' > '%s'\nexec cc \"$@\"\n",
                     record.c_str());
        std::fclose(f);
    }
    std::filesystem::permissions(script, std::filesystem::perms::owner_all);
    auto group_of_build = [&](bool cancellable) {
        NativeOptions options = options_in(dir + "/cache");
        options.compiler = script;
        options.flags = cancellable ? "-O1" : "-O0";  // another library each time
        if (cancellable) options.cancelled = [] { return false; };
        NativeCode code;
        std::string error;
        EXPECT_TRUE(code.load(kProgram, options, &error)) << error;
        std::FILE* f = std::fopen(record.c_str(), "r");
        long group = -1;
        if (f) {
            if (std::fscanf(f, "%ld", &group) != 1) group = -1;
            std::fclose(f);
        }
        return group;
    };
    EXPECT_EQ(group_of_build(false), static_cast<long>(getpgrp()));
    long own = group_of_build(true);
    EXPECT_GT(own, 0);
    EXPECT_NE(own, static_cast<long>(getpgrp()));
}

TEST_F(NativeCodeTest, NoCompilerIsAClearError) {
    std::string saved = std::getenv("CC") ? std::getenv("CC") : "";
    bool had = std::getenv("CC") != nullptr;
    setenv("CC", "/nonexistent/cc", 1);
    NativeCode code;
    std::string error;
    bool loaded = code.load(kProgram, options_in(fresh_dir("nocc")), &error);
    EXPECT_EQ(NativeCode::compiler(), "");
    if (had) setenv("CC", saved.c_str(), 1);
    else unsetenv("CC");
    EXPECT_FALSE(loaded);
    EXPECT_EQ(error, "no C compiler: `/nonexistent/cc` is not on PATH (set $CC to one)");
}

TEST_F(NativeCodeTest, ACompileErrorIsReportedWithTheCompilersMessage) {
    std::string dir = fresh_dir("broken");
    NativeCode code;
    std::string error;
    EXPECT_FALSE(code.load("int broken(void) { return undeclared_name; }\n", options_in(dir), &error));
    EXPECT_NE(error.find("the C compiler failed: "), std::string::npos) << error;
    EXPECT_NE(error.find("undeclared_name"), std::string::npos) << error;
    // the temporary files are gone, and no library is left to be found
    EXPECT_TRUE(std::filesystem::is_empty(dir)) << dir;
}

TEST_F(NativeCodeTest, ALibraryWithoutTheEntryPointsIsRefused) {
    NativeCode code;
    std::string error;
    EXPECT_FALSE(code.load("int tenet_nothing_here;\n", options_in(fresh_dir("empty")), &error));
    EXPECT_NE(error.find("lacks tenet_decide"), std::string::npos) << error;
}

TEST_F(NativeCodeTest, ACacheThatCannotBeMadeIsAClearError) {
    std::string file = fresh_dir("file");
    std::filesystem::create_directories(std::filesystem::path(file).parent_path());
    {
        std::FILE* f = std::fopen(file.c_str(), "w");
        ASSERT_NE(f, nullptr);
        std::fclose(f);
    }
    NativeCode code;
    std::string error;
    EXPECT_FALSE(code.load(kProgram, options_in(file + "/below"), &error));
    EXPECT_NE(error.find("cannot create the directory for compiled code " + file + "/below"), std::string::npos)
        << error;
}

TEST(NativeCodeCacheDir, FollowsTheEnvironment) {
    auto saved = [](const char* name) { return std::getenv(name) ? std::string(std::getenv(name)) : std::string(); };
    std::string tenet = saved("TENET_CACHE_DIR"), xdg = saved("XDG_CACHE_HOME"), home = saved("HOME");
    setenv("TENET_CACHE_DIR", "/t", 1);
    setenv("XDG_CACHE_HOME", "/x", 1);
    setenv("HOME", "/h", 1);
    std::string with_tenet = NativeCode::default_cache_dir();
    unsetenv("TENET_CACHE_DIR");
    std::string with_xdg = NativeCode::default_cache_dir();
    unsetenv("XDG_CACHE_HOME");
    std::string with_home = NativeCode::default_cache_dir();
    unsetenv("HOME");
    std::string with_none = NativeCode::default_cache_dir();
    auto restore = [](const char* name, const std::string& v) {
        if (v.empty()) unsetenv(name);
        else setenv(name, v.c_str(), 1);
    };
    restore("TENET_CACHE_DIR", tenet);
    restore("XDG_CACHE_HOME", xdg);
    restore("HOME", home);
    EXPECT_EQ(with_tenet, "/t");
    EXPECT_EQ(with_xdg, "/x/tenet");
    EXPECT_EQ(with_home, "/h/.cache/tenet");
    EXPECT_EQ(with_none, "");
}

}  // namespace
}  // namespace tenet::emit
