// The editor's open documents and what the checker says about them.
//
// Exports: Document, Analysis, Workspace. Every open document is checked as the root of its
// ruleset, through the library's checker, with the open documents' texts in place of the files
// on disk (unsaved edits count). A change to any file re-checks every open document whose ruleset
// reads it: editing works.tenet re-checks an open weld.tenet.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "check/checker.hpp"
#include "lsp/index.hpp"
#include "tenet/tenet.hpp"

namespace tenet::lsp {

struct Document {
    std::string uri;  // as the client named it
    std::string text;
    int64_t version = 0;
};

struct Analysis {
    std::string root;                           // the document's path
    std::shared_ptr<const check::Model> model;  // kept with errors; null when unreadable
    std::vector<Diagnostic> diagnostics;
    // Where each name is declared and used; built on the first request that needs it, so a
    // keystroke pays only for the check and its diagnostics. Needs a model.
    const Index& index() const;
    std::set<std::string> files;  // the paths the ruleset reads
    // the ruleset's own tests as last run (tenet.runTest), until the next check
    std::map<std::string, TestResult> test_results;

    int file_of(const std::string& path) const;  // source id in the model, -1 when absent

private:
    mutable std::unique_ptr<Index> index_;  // the server has one thread
};

class Workspace {
public:
    void open(const std::string& path, std::string uri, std::string text, int64_t version);
    Document* document(const std::string& path);  // null when not open
    void changed(const std::string& path);        // after editing document(path)->text
    void close(const std::string& path);

    // Checks every document marked by open/changed/close; returns their paths, and the paths of
    // documents closed since (whose diagnostics are to be cleared).
    std::vector<std::string> refresh();
    bool pending() const { return !dirty_.empty() || !closed_.empty(); }

    const Analysis* analysis(const std::string& path) const;  // null unless open
    Analysis* analysis(const std::string& path);
    std::vector<const Analysis*> analyses() const;

    // Reads a file as the checker does, open documents first.
    check::SourceReader reader() const;
    std::string uri_of(const std::string& path) const;

private:
    void mark_readers_of(const std::string& path);

    std::map<std::string, Document> documents_;                  // by path
    std::map<std::string, std::unique_ptr<Analysis>> analyses_;  // by root path
    std::set<std::string> dirty_;
    std::vector<std::string> closed_;
};

}  // namespace tenet::lsp
