// Uploads are recognised by declared type, name and content; names are made safe for display and headers.
#include "domain/document_types.hpp"

#include <gtest/gtest.h>

namespace {

using cc::classify_document;
using cc::sanitize_filename;
using cc::valid_utf8;

TEST(DocumentTypes, DeclaredTypeMustAgreeWithTheContent) {
  EXPECT_EQ(classify_document("application/pdf", "a.pdf", "%PDF-1.4 ...")->extension, "pdf");
  EXPECT_FALSE(classify_document("application/pdf", "a.pdf", "<html>"));
  EXPECT_EQ(classify_document("image/png", "x", std::string("\x89PNG\r\n\x1a\n....", 12))->extension, "png");
  EXPECT_FALSE(classify_document("image/png", "x.png", "GIF89a"));
  EXPECT_EQ(classify_document("image/jpeg", "x", "\xFF\xD8\xFF\xE0")->extension, "jpg");
  EXPECT_EQ(classify_document("text/plain; charset=utf-8", "n.txt", "h\xC3\xA9llo")->mime, "text/plain");
  EXPECT_FALSE(classify_document("text/plain", "n.txt", std::string("bin\0ary", 7)));
  EXPECT_EQ(classify_document("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                              "d.docx", std::string("PK\x03\x04rest", 8))
                ->extension,
            "docx");
}

TEST(DocumentTypes, UnknownOrOctetStreamFallsBackToTheExtension) {
  EXPECT_EQ(classify_document("application/octet-stream", "notes.MD", "# hi")->mime, "text/markdown");
  EXPECT_EQ(classify_document("", "data.csv", "a,b\n1,2")->mime, "text/csv");
  EXPECT_FALSE(classify_document("application/octet-stream", "tool.exe", "MZ"));
  EXPECT_FALSE(classify_document("application/x-msdownload", "tool.txt", "MZ"));
  EXPECT_FALSE(classify_document("", "noextension", "text"));
}

TEST(DocumentTypes, Utf8Validation) {
  EXPECT_TRUE(valid_utf8("plain ascii"));
  EXPECT_TRUE(valid_utf8("\xE2\x82\xAC \xF0\x9F\x98\x80"));
  EXPECT_FALSE(valid_utf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(valid_utf8("\xE2\x82"));          // truncated
  EXPECT_FALSE(valid_utf8("\x80"));              // stray continuation
}

TEST(DocumentTypes, FileNamesLoseDirectoriesQuotesAndControlCharacters) {
  EXPECT_EQ(sanitize_filename("../../etc/passwd"), "passwd");
  EXPECT_EQ(sanitize_filename("C:\\Windows\\evil.txt"), "evil.txt");
  EXPECT_EQ(sanitize_filename(std::string("a\0b\r\n\"c\";.txt", 13)), "abc.txt");
  EXPECT_EQ(sanitize_filename("...hidden"), "hidden");
  EXPECT_EQ(sanitize_filename("/"), "document");
  EXPECT_EQ(sanitize_filename("  "), "document");
  std::string long_name(300, 'a');
  EXPECT_EQ(sanitize_filename(long_name).size(), 255u);
  std::string multibyte(254, 'a');
  multibyte += "\xC3\xA9\xC3\xA9";  // the cut at 255 would split the first é
  EXPECT_TRUE(valid_utf8(sanitize_filename(multibyte)));
}

}  // namespace
