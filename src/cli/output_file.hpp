// An output file written whole or not at all. The text goes to a temporary file in the target's
// folder, which is flushed to the disk and renamed over the target only by commit(): a run that
// fails, is interrupted or is killed (even by SIGKILL) leaves the previous file as it was. The
// target must not be one of the run's inputs: `--cases x.jsonl --out x.jsonl` is refused before
// anything is written. A target that is not a regular file (/dev/stdout, a pipe) is written as a
// stream.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tenet::cli {

class OutputFile {
public:
    OutputFile() = default;
    ~OutputFile();  // removes the temporary file unless committed
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    // False, with the reason on stderr, when `target` is a directory, is the same file as one of
    // `inputs` (same device and inode), or its folder cannot hold a new file.
    bool open(const std::string& target, const std::vector<std::string>& inputs);
    bool write(std::string_view text);  // false (and a message) when the disk refuses
    bool commit();                      // flush, fsync, rename over the target, fsync the folder

private:
    bool flush();

    std::string target_, temp_;
    int fd_ = -1;
    bool stream_ = false;  // writing straight to a pipe or device
    bool failed_ = false;
    std::string buffer_;
};

}  // namespace tenet::cli
