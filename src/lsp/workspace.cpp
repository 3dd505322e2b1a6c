// Checking open documents with unsaved texts overlaid on the file system.
#include "lsp/workspace.hpp"

#include <algorithm>

#include "eval/constant_evaluator.hpp"
#include "lsp/text.hpp"
#include "util/stack.hpp"

namespace tenet::lsp {

int Analysis::file_of(const std::string& path) const {
    if (!model) return -1;
    for (uint32_t i = 0; i < model->sources.size(); ++i) {
        if (model->sources.file(i).path() == path) return static_cast<int>(i);
    }
    return -1;
}

const Index& Analysis::index() const {
    if (!index_) index_ = std::make_unique<Index>(*model);
    return *index_;
}

void Workspace::open(const std::string& path, std::string uri, std::string text, int64_t version) {
    documents_[path] = Document{std::move(uri), std::move(text), version};
    mark_readers_of(path);
}

Document* Workspace::document(const std::string& path) {
    auto it = documents_.find(path);
    return it == documents_.end() ? nullptr : &it->second;
}

void Workspace::changed(const std::string& path) { mark_readers_of(path); }

void Workspace::close(const std::string& path) {
    if (!documents_.erase(path)) return;
    analyses_.erase(path);
    dirty_.erase(path);
    closed_.push_back(path);
    mark_readers_of(path);  // they read the file on disk again
}

void Workspace::mark_readers_of(const std::string& path) {
    if (documents_.count(path)) dirty_.insert(path);
    for (const auto& [root, a] : analyses_) {
        if (a->files.count(path)) dirty_.insert(root);
    }
}

check::SourceReader Workspace::reader() const {
    return [this](const std::string& path, std::string* text, std::string* error) {
        auto it = documents_.find(path);
        if (it == documents_.end()) return check::read_source_file(path, text, error);
        *text = it->second.text;
        return true;
    };
}

std::vector<std::string> Workspace::refresh() {
    std::vector<std::string> done = std::move(closed_);
    closed_.clear();
    for (const std::string& root : dirty_) {
        if (!documents_.count(root)) continue;
        auto a = std::make_unique<Analysis>();
        a->root = root;
        check::CheckOptions options;
        options.reader = reader();
        options.keep_model_with_errors = true;
        options.constants = eval::constant_evaluators();
        // the checker recurses on the ruleset's structure: it gets a large stack, as compile_file does
        util::run_with_large_stack([&] { a->model = check::check_file(root, &a->diagnostics, options); });
        if (a->model && a->model->root().kind == syntax::FileKind::Library) {
            // an open library is checked as a root to show its own errors; that a library is
            // not a ruleset to run is no error of its text
            const syntax::Span header = a->model->root().header_span;
            auto& ds = a->diagnostics;
            ds.erase(std::remove_if(ds.begin(), ds.end(),
                                    [&](const Diagnostic& d) {
                                        return d.severity == Severity::Error && d.file == root &&
                                               d.offset == header.begin &&
                                               d.message.find("is a library") != std::string::npos;
                                    }),
                     ds.end());
        }
        if (a->model) {
            for (uint32_t i = 0; i < a->model->sources.size(); ++i) a->files.insert(a->model->sources.file(i).path());
        }
        a->files.insert(root);
        analyses_[root] = std::move(a);
        done.push_back(root);
    }
    dirty_.clear();
    return done;
}

const Analysis* Workspace::analysis(const std::string& path) const {
    auto it = analyses_.find(path);
    return it == analyses_.end() ? nullptr : it->second.get();
}

Analysis* Workspace::analysis(const std::string& path) {
    auto it = analyses_.find(path);
    return it == analyses_.end() ? nullptr : it->second.get();
}

std::vector<const Analysis*> Workspace::analyses() const {
    std::vector<const Analysis*> out;
    for (const auto& [root, a] : analyses_) out.push_back(a.get());
    return out;
}

std::string Workspace::uri_of(const std::string& path) const {
    auto it = documents_.find(path);
    return it == documents_.end() ? path_to_uri(path) : it->second.uri;
}

}  // namespace tenet::lsp
