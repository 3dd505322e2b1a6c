// The loader of compiled code (emit/native_code.hpp): a library is built once per C text,
// compiler and flags and found in the cache afterwards; no compiler, a compile error, a library
// without the entry points and a cache that cannot be made are clear errors. Skips when there is
// no C compiler.
#include "emit/native_code.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

namespace tenet::emit {
namespace {

// The smallest library the loader accepts: the four entry points it looks up.
const char* const kProgram =
    "#include <stdint.h>\n#include <stdlib.h>\n"
    "typedef struct tenet_ctx tenet_ctx;\n"
    "tenet_ctx* tenet_ctx_new(void) { return (tenet_ctx*)malloc(1); }\n"
    "void tenet_ctx_free(tenet_ctx* ctx) { free(ctx); }\n"
    "int tenet_decide(tenet_ctx* ctx, int d, const void* f, const uint8_t* s, void* out) {\n"
    "  (void)ctx; (void)d; (void)f; (void)s; (void)out; return 1; }\n"
    "int tenet_decide_all(tenet_ctx* ctx, const void* f, const uint8_t* s, void* out, uint8_t* fallback) {\n"
    "  (void)ctx; (void)f; (void)s; (void)out; fallback[0] = 1; return 1; }\n";

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
