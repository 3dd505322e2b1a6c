// The language server's plumbing: Content-Length framing however reads split the stream, UTF-16
// positions on non-ASCII text, file URIs, incremental edits.
#include <gtest/gtest.h>

#include "lsp/message_reader.hpp"
#include "lsp/text.hpp"

namespace tenet::lsp {
namespace {

using R = MessageReader::Result;

TEST(MessageReader, FramesMessagesSplitAnywhere) {
    std::string stream = frame("{\"a\":1}") + frame("{}") + frame("[\"é\"]");
    for (size_t cut = 0; cut <= stream.size(); ++cut) {
        MessageReader reader;
        std::vector<std::string> bodies;
        std::string body, error;
        reader.feed(stream.substr(0, cut));
        while (reader.next(&body, &error) == R::Message) bodies.push_back(body);
        reader.feed(stream.substr(cut));
        while (reader.next(&body, &error) == R::Message) bodies.push_back(body);
        EXPECT_EQ(bodies, (std::vector<std::string>{"{\"a\":1}", "{}", "[\"é\"]"})) << "cut at " << cut;
    }
}

TEST(MessageReader, BadHeadersAreReportedAndSkipped) {
    MessageReader reader;
    std::string body, error;
    reader.feed("Content-Length: 1x\r\n\r\nContent-Type: utf-8\r\n\r\nno colon\r\n\r\n" + frame("{}"));
    EXPECT_EQ(reader.next(&body, &error), R::BadHeader);
    EXPECT_EQ(error, "Content-Length is not a number");
    EXPECT_EQ(reader.next(&body, &error), R::BadHeader);
    EXPECT_EQ(error, "a message without a Content-Length header");
    EXPECT_EQ(reader.next(&body, &error), R::BadHeader);
    EXPECT_EQ(error, "a header line without ':'");
    EXPECT_EQ(reader.next(&body, &error), R::Message);
    EXPECT_EQ(body, "{}");
    EXPECT_EQ(reader.next(&body, &error), R::NeedMore);
}

TEST(MessageReader, AnOversizedBodyIsDiscardedAsItArrives) {
    MessageReader reader;
    std::string body, error;
    size_t size = kMaxMessageBytes + 10;
    reader.feed("Content-Length: " + std::to_string(size) + "\r\n\r\n" + std::string(100, 'x'));
    EXPECT_EQ(reader.next(&body, &error), R::BadHeader);
    EXPECT_NE(error.find("over the limit"), std::string::npos);
    reader.feed(std::string(size - 100, 'y'));  // the rest of the refused body
    reader.feed(frame("{}"));
    EXPECT_EQ(reader.next(&body, &error), R::Message);
    EXPECT_EQ(body, "{}");
}

TEST(MessageReader, AHeaderWithoutEndIsRefusedOnceTooLong) {
    MessageReader reader;
    std::string body, error;
    reader.feed(std::string(kMaxHeaderBytes, 'h'));
    EXPECT_EQ(reader.next(&body, &error), R::NeedMore);
    reader.feed("h");
    EXPECT_EQ(reader.next(&body, &error), R::BadHeader);
}

TEST(LineIndex, CountsUtf16CodeUnits) {
    // "é" is 2 bytes and 1 unit; "𝄞" (U+1D11E) 4 bytes and 2 units
    std::string text = "ab\né𝄞x\n";
    LineIndex index(text);
    EXPECT_EQ(index.position(static_cast<uint32_t>(text.find("𝄞"))).character, 1u);  // after é
    uint32_t x = static_cast<uint32_t>(text.find('x'));
    Position p = index.position(x);
    EXPECT_EQ(p.line, 1u);
    EXPECT_EQ(p.character, 3u);
    EXPECT_EQ(index.offset(p), x);
    EXPECT_EQ(index.offset({1, 99}), text.size() - 1);  // past the line's end: its end
    EXPECT_EQ(index.offset({99, 0}), text.size());      // past the text: its end
}

TEST(Text, IncrementalEditsAndUris) {
    std::string text = "rule a\nrule bé = 1\n";
    apply_change(&text, {1, 5}, {1, 7}, "c");
    EXPECT_EQ(text, "rule a\nrule c = 1\n");
    std::string path;
    ASSERT_TRUE(uri_to_path("file:///home/a%20b/x/../w%C3%A9ld.tenet", &path));
    EXPECT_EQ(path, "/home/a b/wéld.tenet");
    EXPECT_EQ(path_to_uri(path), "file:///home/a%20b/w%C3%A9ld.tenet");
    EXPECT_FALSE(uri_to_path("untitled:Untitled-1", &path));
    EXPECT_FALSE(uri_to_path("file://%00", &path));
}

}  // namespace
}  // namespace tenet::lsp
