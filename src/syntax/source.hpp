// Source files and the diagnostics that point into them.
//
// Exports: SourceFile (one file's text and line table), SourceSet (the files of one
// compilation, by id), DiagnosticSink (collects diagnostics as Spans and turns them into the
// public tenet::Diagnostic with line and column when asked).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/ast.hpp"
#include "tenet/diagnostic.hpp"

namespace tenet::syntax {

class SourceFile {
public:
    SourceFile(uint32_t id, std::string path, std::string text);

    uint32_t id() const { return id_; }
    const std::string& path() const { return path_; }
    const std::string& text() const { return text_; }

    // 1-based line and column (column in user-perceived characters) of a byte offset.
    void position(uint32_t offset, uint32_t* line, uint32_t* column) const;
    std::string_view line_text(uint32_t line) const;

private:
    uint32_t id_;
    std::string path_;
    std::string text_;
    std::vector<uint32_t> line_starts_;
};

class SourceSet {
public:
    // Adds a file and returns it; ids are dense, starting at 0.
    const SourceFile& add(std::string path, std::string text);
    const SourceFile& file(uint32_t id) const { return *files_.at(id); }
    size_t size() const { return files_.size(); }

private:
    std::vector<std::unique_ptr<SourceFile>> files_;
};

class DiagnosticSink {
public:
    explicit DiagnosticSink(const SourceSet& sources) : sources_(sources) {}

    void error(Span at, std::string message);
    void warning(Span at, std::string message);
    // Attaches a note to the most recent diagnostic.
    void note(Span at, std::string message);
    // A diagnostic about a whole file or without a position.
    void file_error(std::string file, std::string message);

    bool has_errors() const { return errors_ > 0; }
    size_t error_count() const { return errors_; }
    const std::vector<Diagnostic>& diagnostics() const { return diags_; }
    std::vector<Diagnostic> take() { return std::move(diags_); }

private:
    Diagnostic make(Severity s, Span at, std::string message) const;

    const SourceSet& sources_;
    std::vector<Diagnostic> diags_;
    size_t errors_ = 0;
};

}  // namespace tenet::syntax
