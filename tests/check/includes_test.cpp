// What a ruleset may read: `extends` and `import` reach .tenet files inside the root file's
// folder and the include roots the host names, never an absolute path, a path leading out (also
// through a symbolic link); a refused file is not read, so no line of it is ever quoted. (Devices
// and large files: tests/check/devices_test.cpp, run under a timeout.)
#include <gtest/gtest.h>

#include <filesystem>

#include "support/support.hpp"
#include "support/temp_folder.hpp"

namespace tenet {
namespace {

namespace fs = std::filesystem;
using testing::compile_text;
using testing::diagnostics_text;
using testing::headlines;
using testing::TempFolder;

const char kLibrary[] = "library lib\nparameter base: money = $8,240 cite \"HHS\"\n";
const char kWhere[] =
    "`extends` and `import` name a .tenet file by its path from the file that names it, "
    "inside the ruleset's folder or an include root";

std::string first_headline(const CompileResult& r) {
    EXPECT_FALSE(r.ok());
    auto h = headlines(r);
    return h.empty() ? "" : h[0];
}

TEST(Includes, AbsolutePathsAreRefusedAtThePathUnread) {
    int reads = 0;
    CompileOptions options;
    options.reader = [&](const std::string&, std::string* text, std::string*) {
        ++reads;
        *text = "root:x:0:0:root:/root:/bin/bash\n";
        return true;
    };
    auto r = compile_source("test.tenet", "ruleset t\nextends \"/etc/passwd\"\nimport \"/etc/shadow\"\n", options);
    ASSERT_EQ(headlines(r).size(), 2u) << diagnostics_text(r);
    EXPECT_EQ(headlines(r)[0], "test.tenet:2:9: error: `/etc/passwd` is an absolute path: " + std::string(kWhere));
    EXPECT_EQ(headlines(r)[1], "test.tenet:3:8: error: `/etc/shadow` is an absolute path: " + std::string(kWhere));
    EXPECT_EQ(reads, 0);
    EXPECT_EQ(diagnostics_text(r).find("root:"), std::string::npos);
}

TEST(Includes, PathsLeadingOutOfTheFolderAreRefused) {
    std::map<std::string, std::string> files{{"../lib.tenet", kLibrary}, {"../../../etc/hostname.tenet", kLibrary}};
    EXPECT_EQ(first_headline(compile_text("ruleset t\nextends \"../../../etc/hostname\"\n", files)),
              "test.tenet:2:9: error: `../../../etc/hostname` is not a .tenet file: " + std::string(kWhere));
    EXPECT_EQ(first_headline(compile_text("ruleset t\nimport \"../../../etc/hostname.tenet\"\n", files)),
              "test.tenet:2:8: error: `../../../etc/hostname.tenet` leads outside the ruleset's folder and its "
              "include roots: " +
                  std::string(kWhere));
    EXPECT_EQ(first_headline(compile_text("ruleset t\nimport \"sub/../../lib.tenet\"\n", files)),
              "test.tenet:2:8: error: `sub/../../lib.tenet` leads outside the ruleset's folder and its include "
              "roots: " +
                  std::string(kWhere));
    EXPECT_EQ(first_headline(compile_text("ruleset t\nimport \"\"\n", files)),
              "test.tenet:2:8: error: `` is empty: " + std::string(kWhere));
    // going down and back up inside the folder is fine
    std::map<std::string, std::string> inside{{"lib.tenet", kLibrary}};
    auto ok =
        compile_text("ruleset t\nimport \"sub/../lib.tenet\"\ndecision d: money cite \"x\" = base\n", inside, false);
    EXPECT_TRUE(ok.ok()) << diagnostics_text(ok);
}

TEST(Includes, AnIncludeRootWidensTheFolder) {
    std::map<std::string, std::string> files{{"shared/lib.tenet", kLibrary}};
    CompileOptions options;
    options.warnings = false;
    options.reader = [&](const std::string& path, std::string* text, std::string* error) {
        auto it = files.find(path);
        if (it == files.end()) return *error = "No such file", false;
        return *text = it->second, true;
    };
    const std::string county = "ruleset t\nimport \"../shared/lib.tenet\"\ndecision d: money cite \"x\" = base\n";
    auto refused = compile_source("county/t.tenet", county, options);
    EXPECT_NE(first_headline(refused).find("county/t.tenet:2:8: error: `../shared/lib.tenet` leads outside"),
              std::string::npos);
    options.include_roots = {"shared"};
    auto allowed = compile_source("county/t.tenet", county, options);
    EXPECT_TRUE(allowed.ok()) << diagnostics_text(allowed);
}

TEST(Includes, ASymbolicLinkOutOfTheFolderIsRefused) {
    TempFolder outside, folder;
    outside.write("secret.tenet", "library secret\nparameter base: money = $1 cite \"x\"\n");
    folder.write("t.tenet", "ruleset t\nimport \"link.tenet\"\nimport \"dir/secret.tenet\"\n");
    fs::create_symlink(outside.path / "secret.tenet", folder.path / "link.tenet");
    fs::create_directory_symlink(outside.path, folder.path / "dir");
    auto r = compile_file((folder.path / "t.tenet").string());
    ASSERT_EQ(headlines(r).size(), 2u) << diagnostics_text(r);
    EXPECT_NE(headlines(r)[0].find("t.tenet:2:8: error: `link.tenet` leads outside"), std::string::npos);
    EXPECT_NE(headlines(r)[1].find("t.tenet:3:8: error: `dir/secret.tenet` leads outside"), std::string::npos);
    // a link that stays inside is followed
    folder.write("real/lib.tenet", kLibrary);
    fs::create_directory_symlink(folder.path / "real", folder.path / "alias");
    folder.write("u.tenet", "ruleset u\nimport \"alias/lib.tenet\"\ndecision d: money cite \"x\" = base\n");
    CompileOptions quiet;
    quiet.warnings = false;
    auto ok = compile_file((folder.path / "u.tenet").string(), quiet);
    EXPECT_TRUE(ok.ok()) << diagnostics_text(ok);
}

}  // namespace
}  // namespace tenet
