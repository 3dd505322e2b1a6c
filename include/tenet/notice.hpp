// Notices to families: texts in ICU MessageFormat kept beside a ruleset, filled with the values
// of its decisions and formatted for the reader's locale (docs/NOTICES.md).
//
//   std::vector<tenet::Diagnostic> diags;
//   auto notice = tenet::NoticeTemplates::load(*ruleset, "sanction", &diags);   // null on errors
//   tenet::Session session(ruleset);
//   tenet::NoticeResult r = tenet::render_notice(session, decoded_case, *notice, "es");
//
// A NoticeTemplates is immutable once loaded and may be shared between threads; rendering uses
// the session's evaluation frame, so it belongs to the session's thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tenet/diagnostic.hpp"
#include "tenet/tenet.hpp"

namespace tenet {

class NoticeTemplates {
public:
    struct Impl;
    // The templates of one notice (`sanction`) for a ruleset compiled from a file: by
    // convention DIR/notices/STEM_NOTICE.LANG.properties beside DIR/STEM.tenet. Null, with
    // diagnostics at the template's file, line and column, when they are missing or wrong.
    static std::shared_ptr<const NoticeTemplates> load(const Ruleset& ruleset, const std::string& notice,
                                                       std::vector<Diagnostic>* diagnostics);
    explicit NoticeTemplates(std::unique_ptr<Impl> impl);
    ~NoticeTemplates();

    const std::string& notice() const;
    std::vector<std::string> languages() const;  // "en", "es": those with a template
    const Impl& impl() const { return *impl_; }

private:
    std::unique_ptr<Impl> impl_;
};

// Checks every notice template found beside the ruleset (`tenet check`): a message naming a
// value that is not a decision, a message missing in one language, a malformed MessageFormat
// pattern, an argument used in a way its type does not allow. Empty when there are no templates.
std::vector<Diagnostic> check_notice_templates(const Ruleset& ruleset);

struct NoticeResult {
    enum class Status {
        Rendered,         // `text` is the notice
        NothingToNotify,  // the notice's condition is false for this case; `text` says so
        BadInput,         // `errors`: missing facts the notice needs, or a value it cannot show
    };
    Status status = Status::BadInput;
    std::string text;
    std::vector<InputError> errors;
};

// Renders the notice for a case in `lang` ("en", "es").
NoticeResult render_notice(Session& session, const Case& c, const NoticeTemplates& notice, const std::string& lang);

}  // namespace tenet
