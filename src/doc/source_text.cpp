// The section matcher (source_text.hpp): line starts -> labelled paragraphs; citations -> keys.
#include "doc/source_text.hpp"

#include <cctype>
#include <map>

namespace tenet::doc {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }
bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool lower(char c) { return c >= 'a' && c <= 'z'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool iequals_prefix(std::string_view s, std::string_view p) {
    if (s.size() < p.size()) return false;
    for (size_t i = 0; i < p.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(p[i])))
            return false;
    return true;
}

// A manual section number at the start of s: `6.007.2`, `6.011.11` (digits, a dot, three
// digits, then more dotted groups). Returns its length, 0 when there is none.
size_t section_number(std::string_view s) {
    size_t i = 0;
    while (i < s.size() && digit(s[i])) ++i;
    if (i == 0 || i > 2 || i + 4 > s.size() || s[i] != '.') return 0;
    if (!digit(s[i + 1]) || !digit(s[i + 2]) || !digit(s[i + 3])) return 0;
    i += 4;
    while (i + 1 < s.size() && s[i] == '.' && digit(s[i + 1])) {
        ++i;
        while (i < s.size() && digit(s[i])) ++i;
    }
    if (i < s.size() && (digit(s[i]) || std::isalpha(static_cast<unsigned char>(s[i])))) return 0;
    return i;
}

// A section number OCR damaged: `6.00632` is 6.006.32 and `6.0023` is 6.002.3 (dots dropped; the
// second group has three digits), `6011` is 6.011, `6,020` is 6.020, `6.Q13` is 6.013.
size_t ocr_section_number(std::string_view s, std::string* number) {
    size_t end = s.find(' ');
    if (end == std::string_view::npos || end < 4 || end > 10) return 0;
    std::string t(s.substr(0, end));
    for (size_t i = 1; i < t.size(); ++i)
        if (t[i] == 'O' || t[i] == 'Q' || t[i] == 'o') t[i] = '0';
    if (t[1] == ',') t[1] = '.';  // `6,020`
    size_t dot = t.find('.');
    if (dot == std::string::npos) {
        if (t.size() != 4 || t.find_first_not_of("0123456789") != std::string::npos) return 0;
        t.insert(1, ".");
    } else if (t.find('.', dot + 1) == std::string::npos && t.size() - dot - 1 > 3 && t.size() - dot - 1 <= 6) {
        t.insert(dot + 4, ".");
    }
    if (section_number(t) != t.size()) return 0;
    *number = t;
    return end;
}

// `6.007.2 Payment Limit...`, `6.002.1 _ Eligibility`, `6.014.33 20% Rule`: a number, then a
// title that does not start in lower case (`6.006.1 through 6.006.32` is a sentence). `repaired`:
// the number was read through OCR damage.
size_t section_heading(std::string_view line, std::string* number, bool* repaired) {
    size_t n = section_number(line);
    *repaired = n == 0;
    if (n) *number = std::string(line.substr(0, n));
    else n = ocr_section_number(line, number);
    if (n == 0) return 0;
    size_t i = n;
    while (i < line.size() && (line[i] == ' ' || line[i] == '_' || line[i] == '-' || line[i] == '\t')) ++i;
    if (i == n || i >= line.size() || !std::isalnum(static_cast<unsigned char>(line[i])) || lower(line[i])) return 0;
    return n;
}

// Margin notes the manual prints before a paragraph: `Revised 3/98 1. who are...`.
std::string_view strip_margin_note(std::string_view line) {
    for (std::string_view note : {"Revised ", "Added ", "Effective "}) {
        if (!starts_with(line, note)) continue;
        size_t i = note.size();
        while (i < line.size() && (digit(line[i]) || line[i] == '/')) ++i;
        if (i > note.size() && i < line.size() && line[i] == ' ') return trim(line.substr(i));
    }
    return line;
}

// `X.` then a space or the end of the line (the KWP text puts `A.` on a line of its own).
bool marker(std::string_view s, size_t len) {
    return s.size() > len && s[len] == '.' && (s.size() == len + 1 || s[len + 1] == ' ' || s[len + 1] == '\t');
}

int number_at(std::string_view s, size_t* len) {
    size_t i = 0;
    int n = 0;
    while (i < s.size() && i < 3 && digit(s[i])) n = n * 10 + (s[i++] - '0');
    *len = i;
    return i ? n : -1;
}

bool all_caps_title(std::string_view s) {
    int letters = 0;
    for (char c : s) {
        if (lower(c)) return false;
        if (upper(c)) ++letters;
    }
    return letters >= 3;
}

std::string anchor_id(const std::string& label) {
    std::string id;
    for (unsigned char c : label) {
        if (std::isalnum(c) || c == '.' || c == '-' || c == '_') id += static_cast<char>(c);
        else if (c == ' ' || c == '(' || c == ')') {
            if (!id.empty() && id.back() != '-') id += '-';
        }
        // `¶` and other symbols are dropped: the key already says which paragraph
    }
    while (!id.empty() && id.back() == '-') id.pop_back();
    return "p-" + id;
}

// The outline state of the part of the document being read.
struct Outline {
    char letter = 0;  // 'A'..: the current lettered paragraph
    int number = 0;   // 1..: under the letter (or the section)
    char small = 0;   // 'a'..: under the number
    void reset() { letter = 0, number = 0, small = 0; }
};

class Matcher {
public:
    Matcher(SourceText* out) : out_(*out) {}

    void run() {
        find_sections();
        for (uint32_t i = 0; i < out_.lines.size(); ++i) line(i, trim(out_.lines[i]));
        close(static_cast<uint32_t>(out_.lines.size()));
        link_parents();
    }

private:
    enum class Region { Front, Mou, Attachments, Manual };

    // The last occurrence of each section number is the section; earlier ones are contents lines.
    void find_sections() {
        std::map<uint32_t, std::string> headings;
        std::unordered_map<std::string, bool> clean_chapters;  // `6` of clean numbers: repairs must agree
        for (uint32_t i = 0; i < out_.lines.size(); ++i) {
            std::string number;
            bool repaired = false;
            if (!section_heading(trim(out_.lines[i]), &number, &repaired)) continue;
            headings[i] = (repaired ? "?" : "") + number;
            if (!repaired) clean_chapters[number.substr(0, number.find('.'))] = true;
        }
        std::unordered_map<std::string, uint32_t> last;
        for (auto& [line, number] : headings) {
            if (number[0] == '?') {
                number.erase(0, 1);
                if (!clean_chapters.count(number.substr(0, number.find('.')))) continue;
            }
            last[number] = line;
        }
        for (auto& [number, line] : last) section_lines_[line] = number;
    }

    void line(uint32_t i, std::string_view l) {
        if (l.empty()) return;
        if (region_ == Region::Front && l == "MEMORANDUM OF UNDERSTANDING") {
            region_ = Region::Mou;
            open(i, "MOU", {"MOU"}, "MOU");
            return;
        }
        if (region_ != Region::Manual && starts_with(l, "Attachments A") && l.size() < 24) {
            region_ = Region::Attachments;
            if (current_ < 0 || !out_.paragraphs[current_].label.empty()) open(i, "", {}, "Attachments");
            return;
        }
        if (region_ == Region::Attachments && starts_with(l, "ATTACHMENT ") && l.size() == 12 && upper(l[11])) {
            attachment_footer(i, l[11]);
            return;
        }
        if (auto section = section_lines_.find(i); section != section_lines_.end()) {
            region_ = Region::Manual;
            const std::string& number = section->second;
            section_ = number;
            outline_.reset();
            size_t second_dot = number.find('.', number.find('.') + 1);
            open(i, number, {number}, number.substr(0, second_dot));
            return;
        }
        if (exhibit(i, l)) return;
        if (region_ == Region::Mou) return mou(i, l);
        if (region_ == Region::Manual) return outline(i, strip_margin_note(l), section_, section_ + " ");
        if (region_ == Region::Front && !mou_seen_) return outline(i, l, "", "");
    }

    // `Exhibit H: Notice...`, `EXHIBIT A`: the first line that names an exhibit anchors it.
    bool exhibit(uint32_t i, std::string_view l) {
        if (!starts_with(l, "Exhibit ") && !starts_with(l, "EXHIBIT ")) return false;
        std::string_view rest = l.substr(8);
        size_t n = 0;
        if (rest.empty() || !upper(rest[0])) return false;
        n = 1;
        if (rest.size() > 2 && rest[1] == '-' && digit(rest[2])) n = 3;
        std::string_view after = rest.substr(n);
        if (!(after.empty() || after[0] == ':' || (after[0] == ' ' && l.size() < 16))) return false;
        std::string id(rest.substr(0, n));
        if (out_.by_key.count(join_key({"Exhibit", id}))) return false;
        open(i, "Exhibit " + id, {"Exhibit", id}, "Exhibits");
        return true;
    }

    // The attachment text precedes its `ATTACHMENT X` line: that line names the open paragraph.
    void attachment_footer(uint32_t i, char letter) {
        std::vector<std::string> key = {"Att.", std::string(1, letter)};
        std::string label = std::string("Att. ") + letter;
        if (current_ >= 0 && out_.paragraphs[current_].label.empty() && !out_.by_key.count(join_key(key))) {
            Paragraph& p = out_.paragraphs[current_];
            p.label = label;
            p.id = anchor_id(label);
            p.key = key;
            out_.by_key[join_key(key)] = current_;
        }
        open(i + 1, "", {}, "Attachments");
    }

    void mou(uint32_t i, std::string_view l) {
        size_t len = 0;
        int n = number_at(l, &len);
        if (n == mou_.number + 1 && marker(l, len) && all_caps_title(l.substr(len + 1))) {
            mou_.number = n, mou_.small = 0, roman_.clear();
            open(i, "MOU ¶" + std::to_string(n), {"MOU", std::to_string(n)}, "MOU");
            return;
        }
        if (mou_.number == 0) return;
        std::string para = std::to_string(mou_.number);
        if (l.size() > 2 && lower(l[0]) && l[1] == ')' &&
            (l[0] == 'a' ? mou_.small == 0 || true : l[0] == mou_.small + 1) &&
            (l[0] == 'a' || l[0] == mou_.small + 1)) {
            mou_.small = l[0];
            roman_.clear();
            std::string sub = para + "." + l[0];
            std::string_view rest = l.substr(2);
            std::vector<std::string> key = {"MOU", para, std::string(1, l[0])};
            if (starts_with(rest, "(i)")) {
                roman_ = "i";
                key.push_back("i");
                open(i, "MOU ¶" + sub + "(i)", key, "MOU");
                out_.by_key.emplace(join_key({"MOU", para, std::string(1, l[0])}), current_);
            } else {
                open(i, "MOU ¶" + sub, key, "MOU");
            }
            return;
        }
        if (mou_.small == 0 || l[0] != '(') return;
        // `(d)(ii) Sanction Procedures.`: the letter repeated before a new roman paragraph
        if (l.size() > 4 && l[1] == mou_.small && l[2] == ')' && l[3] == '(') l.remove_prefix(3);
        size_t close_at = l.find(')');
        if (close_at == std::string_view::npos || close_at < 2 || close_at > 5) return;
        std::string inner(l.substr(1, close_at - 1));
        std::string sub = para + "." + mou_.small;
        bool is_roman = inner.find_first_not_of("ivx") == std::string::npos;
        if (is_roman) {
            roman_ = inner;
            open(i, "MOU ¶" + sub + "(" + inner + ")", {"MOU", para, std::string(1, mou_.small), inner}, "MOU");
        } else if (inner.size() == 1 && upper(inner[0])) {
            std::vector<std::string> key = {"MOU", para, std::string(1, mou_.small)};
            std::string label = "MOU ¶" + sub;
            if (!roman_.empty()) key.push_back(roman_), label += "(" + roman_ + ")";
            key.push_back(inner);
            open(i, label + "(" + inner + ")", key, "MOU");
        }
    }

    // `A.`, `1.`, `a.` in sequence under `base` (a section number, or nothing for an outline document).
    void outline(uint32_t i, std::string_view l, const std::string& base, const std::string& prefix) {
        if (!l.empty() && l[0] == '[') l.remove_prefix(1);  // KWP brackets a struck paragraph: `[9.`
        if (starts_with(l, "•"))
            l = trim(l.substr(std::string_view("•").size()));  // OCR reads a margin mark as a bullet
        if (l.empty()) return;
        // OCR drops the dot: `C Cost of repair...` is paragraph C when C comes next
        bool dotless =
            l.size() > 3 && upper(l[0]) && l[1] == ' ' && upper(l[2]) && outline_.letter && l[0] == outline_.letter + 1;
        std::string chapter = base.empty() ? std::string() : out_.paragraphs[current_].chapter;
        auto key_of = [&](std::vector<std::string> parts) {
            if (!base.empty()) parts.insert(parts.begin(), base);
            return parts;
        };
        std::string L(1, outline_.letter);
        if (upper(l[0]) && (marker(l, 1) || dotless) &&
            (l[0] == outline_.letter + 1 || (l[0] == 'A' && outline_.letter == 0))) {
            outline_.letter = l[0], outline_.number = 0, outline_.small = 0;
            L = std::string(1, l[0]);
            open(i, prefix + L, key_of({L}), base.empty() ? L : chapter);
            return;
        }
        size_t len = 0;
        int n = number_at(l, &len);
        if (n > 0 && marker(l, len) && n == outline_.number + 1 && (outline_.letter || !base.empty())) {
            outline_.number = n, outline_.small = 0;
            std::string N = std::to_string(n);
            if (outline_.letter) open(i, prefix + L + "." + N, key_of({L, N}), base.empty() ? L : chapter);
            else open(i, prefix + N, key_of({N}), chapter);
            return;
        }
        if (lower(l[0]) && marker(l, 1) && outline_.number &&
            (l[0] == outline_.small + 1 || (l[0] == 'a' && outline_.small == 0))) {
            outline_.small = l[0];
            std::string S(1, l[0]), N = std::to_string(outline_.number);
            std::vector<std::string> key = outline_.letter ? key_of({L, N, S}) : key_of({N, S});
            std::string label = outline_.letter ? L + "." + N : N;
            label += base.empty() ? "." + S : " " + S;
            open(i, prefix + label, key, base.empty() ? L : chapter);
        }
    }

    void open(uint32_t line, std::string label, std::vector<std::string> key, std::string chapter) {
        close(line);
        if (!key.empty() && out_.by_key.count(join_key(key))) {
            label.clear();  // a second list lettered from A in one section: text, not an anchor
            key.clear();
        }
        Paragraph p;
        p.id = label.empty() ? std::string() : anchor_id(label);
        p.label = std::move(label);
        p.key = std::move(key);
        p.chapter = std::move(chapter);
        p.first_line = line;
        p.end_line = line;
        if (region_ == Region::Mou) mou_seen_ = true;
        current_ = static_cast<int>(out_.paragraphs.size());
        if (!p.key.empty()) out_.by_key[join_key(p.key)] = current_;
        out_.paragraphs.push_back(std::move(p));
    }

    void close(uint32_t line) {
        if (current_ >= 0) out_.paragraphs[current_].end_line = line;
        else if (line > 0) {
            Paragraph p;  // the text before the first anchor
            p.end_line = line;
            out_.paragraphs.push_back(p);
        }
    }

    void link_parents() {
        for (size_t i = 0; i < out_.paragraphs.size(); ++i) {
            Paragraph& p = out_.paragraphs[i];
            if (p.key.empty()) continue;
            std::vector<std::string> up = p.key;
            if (up.size() > 1) up.pop_back();
            else if (!shorten_section(&up)) continue;
            int parent = -1;
            while (!up.empty() && (parent = out_.find_exact(up)) < 0) {
                if (up.size() > 1) up.pop_back();
                else if (!shorten_section(&up)) break;
            }
            if (parent != static_cast<int>(i)) p.parent = parent;
        }
    }

    // 6.006.211 is under 6.006.21, which is under 6.006.2, under 6.006.
    static bool shorten_section(std::vector<std::string>* key) {
        if (key->size() != 1 || section_number((*key)[0]) != (*key)[0].size()) return false;
        std::string& s = (*key)[0];
        size_t last = s.rfind('.');
        if (s.size() - last > 2) s.pop_back();
        else s.erase(last);
        return section_number(s) == s.size();
    }

private:
    SourceText& out_;
    Region region_ = Region::Front;
    bool mou_seen_ = false;
    std::unordered_map<uint32_t, std::string> section_lines_;  // line -> section number
    std::string section_;
    Outline outline_, mou_;
    std::string roman_;
    int current_ = -1;
};

// `4.d(ii)(D)` -> 4, d, ii, D; `B.1.g` -> B, 1, g; `C.5 c` -> C, 5, c; `[A.9]` (struck in KWP) -> A, 9.
void split_parts(std::string_view s, std::vector<std::string>* out) {
    std::string part;
    for (char c : s) {
        if (c == '.' || c == '(' || c == ')' || c == '[' || c == ']' || c == ' ' || c == '\t') {
            if (!part.empty()) out->push_back(part), part.clear();
        } else {
            part += c;
        }
    }
    if (!part.empty()) out->push_back(part);
}

// A quoted title opens after a space or `(` (`Chair's` is no quote) and ends at the next quote.
bool opens_quote(std::string_view s, size_t i) {
    return s[i] == '\'' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '(');
}

// The `)` that closes the `(` at i, past nested parentheses and quoted titles; npos when none does.
size_t closing(std::string_view s, size_t i) {
    int depth = 0;
    for (size_t j = i; j < s.size(); ++j) {
        if (opens_quote(s, j)) {
            j = s.find('\'', j + 1);
            if (j == std::string_view::npos) return j;
        } else if (s[j] == '(') {
            ++depth;
        } else if (s[j] == ')' && --depth == 0) {
            return j;
        }
    }
    return std::string_view::npos;
}

// `6.002.1 (ineligible) B`: one lower-case word in parentheses with more of the reference after it
// names which list of the section is meant (the section letters two lists from A). It stays in the
// key: no paragraph has it, so the reference resolves to the section instead of the first list's B.
bool names_a_list(std::string_view s, size_t i) {
    size_t close = s.find(')', i);
    if (close == std::string_view::npos || close == i + 1 || close + 2 >= s.size() || s[close + 1] != ' ') return false;
    for (size_t j = i + 1; j < close; ++j)
        if (!lower(s[j])) return false;
    return true;
}

// Drops ` (Revised 12/98)`, ` ('twelve (12) months')`, `'Eligibility Income Levels'`.
std::string strip_qualifiers(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        size_t close = std::string_view::npos;
        if (s[i] == '(' && i > 0 && s[i - 1] == ' ' && !names_a_list(s, i)) close = closing(s, i);
        else if (opens_quote(s, i)) close = s.find('\'', i + 1);
        else {
            out += s[i];
            continue;
        }
        if (close == std::string_view::npos) break;
        i = close;
    }
    return std::string(trim(out));
}

std::vector<std::string> key_of(std::string_view ref, const std::vector<std::string>& document_names) {
    std::string s = strip_qualifiers(ref);
    std::string_view v = s;
    if (starts_with(v, "Plan ")) v = trim(v.substr(5));
    std::vector<std::string> key;
    if (size_t n = section_number(v)) {
        key.emplace_back(v.substr(0, n));
        split_parts(v.substr(n), &key);
        return key;
    }
    if (starts_with(v, "MOU")) {
        v = trim(v.substr(3));
        if (starts_with(v, "¶")) v = trim(v.substr(std::string_view("¶").size()));
        key.push_back("MOU");
        split_parts(v, &key);
        return key;
    }
    for (std::string_view att : {"Att. ", "Attachment "}) {
        if (!starts_with(v, att)) continue;
        key.push_back("Att.");
        split_parts(v.substr(att.size()), &key);
        return key;
    }
    if (starts_with(v, "Exhibit ")) {
        key.push_back("Exhibit");
        split_parts(v.substr(8), &key);
        return key;
    }
    for (const std::string& name : document_names) {
        if (!iequals_prefix(v, name) || v.size() <= name.size() || v[name.size()] != ' ') continue;
        split_parts(v.substr(name.size()), &key);
        return key;
    }
    return key;
}

}  // namespace

std::string join_key(const std::vector<std::string>& key) {
    std::string s;
    for (const auto& k : key) {
        if (!s.empty()) s += '\x1f';
        s += k;
    }
    return s;
}

int SourceText::find_exact(const std::vector<std::string>& key) const {
    auto it = by_key.find(join_key(key));
    return it == by_key.end() ? -1 : it->second;
}

int SourceText::find(const std::vector<std::string>& key, bool* exact) const {
    *exact = true;
    // What the citation names must exist: the section (6.007.9 is not 6.007), the MOU paragraph,
    // the attachment or exhibit. Only the parts below it may fall back to the nearest paragraph.
    size_t named = !key.empty() && (key[0] == "MOU" || key[0] == "Att." || key[0] == "Exhibit") ? 2 : 1;
    for (size_t n = key.size(); n >= named && n > 0; --n) {
        int p = find_exact(std::vector<std::string>(key.begin(), key.begin() + n));
        if (p >= 0) return p;
        *exact = false;
    }
    return -1;
}

SourceText parse_source_text(std::string name, std::string path, std::string_view text) {
    SourceText out;
    out.name = std::move(name);
    out.path = std::move(path);
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view l = text.substr(start, end - start);
        if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
        out.lines.emplace_back(l);
        start = end + 1;
    }
    Matcher(&out).run();
    // A line printed at the top of many pages is the running header, not the text.
    std::unordered_map<std::string_view, int> seen;
    for (const std::string& l : out.lines)
        if (trim(l).size() > 20) ++seen[trim(l)];
    out.running_header.resize(out.lines.size());
    for (size_t i = 0; i < out.lines.size(); ++i) {
        auto it = seen.find(trim(out.lines[i]));
        out.running_header[i] = it != seen.end() && it->second >= kRunningHeaderRepeats;
    }
    return out;
}

namespace {

// The positions of `sep` outside parentheses and quoted titles (`('$1,500')`, `(OCR '51,500'; ...)`).
std::vector<size_t> top_level(std::string_view s, char sep) {
    std::vector<size_t> at;
    int depth = 0;
    bool quoted = false;
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (quoted ? c == '\'' : opens_quote(s, i)) quoted = !quoted;
        else if (quoted) continue;
        else if (c == '(') ++depth;
        else if (c == ')' && depth > 0) --depth;
        else if (c == sep && depth == 0) at.push_back(i);
    }
    at.push_back(s.size());
    return at;
}

}  // namespace

std::vector<Reference> parse_citation(std::string_view cite, const std::vector<std::string>& document_names) {
    std::vector<Reference> out;
    size_t start = 0;
    for (size_t end : top_level(cite, ';')) {
        std::string_view one = trim(cite.substr(start, end - start));
        start = end + 1;
        if (one.empty()) continue;
        // `6.011.31 C, D`: later pieces replace the last parts of the first's key
        std::vector<size_t> commas = top_level(one, ',');
        size_t comma = commas.size() > 1 ? commas[0] : std::string_view::npos;
        std::string_view first = comma == std::string_view::npos ? one : trim(one.substr(0, comma));
        Reference r{std::string(first), key_of(first, document_names)};
        std::vector<std::string> base = r.key;
        out.push_back(r);
        for (size_t c = 1; c < commas.size() && !base.empty(); ++c) {
            std::string_view piece = trim(one.substr(commas[c - 1] + 1, commas[c] - commas[c - 1] - 1));
            std::vector<std::string> parts;
            split_parts(strip_qualifiers(piece), &parts);
            if (parts.empty() || parts.size() >= base.size()) break;
            std::vector<std::string> key(base.begin(), base.end() - parts.size());
            key.insert(key.end(), parts.begin(), parts.end());
            out.push_back({std::string(piece), key});
        }
    }
    return out;
}

}  // namespace tenet::doc
