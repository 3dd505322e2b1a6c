// A ruleset file is looked at before it is read: a device, a pipe or a file past the size limit
// is refused with a message, never read. Before, /dev/zero (as the root or through a link) was
// read while memory grew and a pipe blocked the compile: run under a ctest TIMEOUT.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "support/support.hpp"
#include "support/temp_folder.hpp"
#include "syntax/parser.hpp"

namespace tenet {
namespace {

namespace fs = std::filesystem;
using testing::diagnostics_text;
using testing::headlines;
using testing::TempFolder;

std::string first_headline(const CompileResult& r) {
    EXPECT_FALSE(r.ok());
    auto h = headlines(r);
    return h.empty() ? "" : h[0];
}

TEST(Devices, OnlyRegularFilesWithinTheSizeLimitAreRead) {
    // /dev/zero as the root file: refused before reading, which never ended
    auto device = compile_file("/dev/zero");
    EXPECT_EQ(first_headline(device),
              "/dev/zero: error: cannot read the ruleset: is not a regular file (a device, a pipe or a socket); "
              "a ruleset is read from a file");
    TempFolder folder;
    // a named pipe inside the folder: opening it for reading would wait for a writer forever
    ASSERT_EQ(mkfifo((folder.path / "pipe.tenet").c_str(), 0600), 0);
    folder.write("t.tenet", "ruleset t\nimport \"pipe.tenet\"\nimport \"big.tenet\"\n");
    folder.write("big.tenet", "library big\n" + std::string(syntax::kMaxSourceBytes, '#') + "\n");
    auto r = compile_file((folder.path / "t.tenet").string());
    ASSERT_EQ(headlines(r).size(), 2u) << diagnostics_text(r);
    EXPECT_NE(headlines(r)[0].find("t.tenet:2:8: error: cannot read `" + (folder.path / "pipe.tenet").string() +
                                   "`: is not a regular file"),
              std::string::npos)
        << headlines(r)[0];
    EXPECT_NE(headlines(r)[1].find("`: is larger than 1 MiB (the limit of a ruleset file)"), std::string::npos)
        << headlines(r)[1];
}

}  // namespace
}  // namespace tenet
