// The multipart/form-data parser accepts what browsers and curl send and refuses anything ambiguous.
#include "http/multipart.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/error.hpp"

namespace {

using cc::http::parse_multipart;

constexpr const char* kType = "multipart/form-data; boundary=XyZ";

int status_of(std::string_view body, std::string_view type = kType) {
  try {
    parse_multipart(body, type);
  } catch (const cc::Error& e) {
    return e.status();
  }
  return 200;
}

TEST(Multipart, ParsesFieldsAndFilesWithBinaryData) {
  std::string binary("\x00\x01\r\n--X\xff", 8);
  std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nhello\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a b.pdf\"\r\n"
      "Content-Type: application/pdf\r\n\r\n" +
      binary + "\r\n--XyZ--\r\n";
  auto parts = parse_multipart(body, kType);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].name, "title");
  EXPECT_FALSE(parts[0].filename);
  EXPECT_EQ(parts[0].content_type, "text/plain");
  EXPECT_EQ(parts[0].data, "hello");
  EXPECT_EQ(parts[1].name, "file");
  EXPECT_EQ(parts[1].filename, "a b.pdf");
  EXPECT_EQ(parts[1].content_type, "application/pdf");
  EXPECT_EQ(parts[1].data, binary);
}

TEST(Multipart, QuotedBoundaryPreambleAndExtendedFilename) {
  std::string body =
      "ignored preamble\r\n--a'b\r\n"
      "Content-Disposition: form-data; name=\"file\"; filename=\"x.txt\"; "
      "filename*=UTF-8''%C3%A9t%C3%A9.txt\r\n"
      "\r\ndata\r\n--a'b--";
  auto parts = parse_multipart(body, "multipart/form-data; boundary=\"a'b\"");
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].filename, "\xC3\xA9t\xC3\xA9.txt");  // filename* wins
  EXPECT_EQ(parts[0].data, "data");
}

TEST(Multipart, EmptyPartData) {
  auto parts =
      parse_multipart("--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n\r\n--XyZ--", kType);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_TRUE(parts[0].data.empty());
}

TEST(Multipart, WrongMediaTypeIs415) {
  EXPECT_EQ(status_of("{}", "application/json"), 415);
  EXPECT_EQ(status_of("", ""), 415);
}

TEST(Multipart, MalformedBodiesAre400) {
  EXPECT_EQ(status_of("--XyZ\r\n", "multipart/form-data"), 400);  // no boundary parameter
  EXPECT_EQ(status_of("--XyZ\r\n", std::string("multipart/form-data; boundary=") + std::string(71, 'b')),
            400);
  EXPECT_EQ(status_of("no delimiter at all"), 400);
  EXPECT_EQ(status_of("--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nunterminated"), 400);
  EXPECT_EQ(status_of("--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--"), 400);        // no disposition
  EXPECT_EQ(status_of("--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--"), 400);  // no name
  EXPECT_EQ(status_of("--XyZ\r\nContent-Disposition: attachment; name=\"f\"\r\n\r\nx\r\n--XyZ--"), 400);
  EXPECT_EQ(status_of("--XyZ\r\nContent-Disposition: form-data; name=\"f\r\n\r\nx\r\n--XyZ--"),
            400);  // open quote
  EXPECT_EQ(status_of("--XyZ\r\nbroken header line\r\n\r\nx\r\n--XyZ--"), 400);
  EXPECT_EQ(status_of("--XyZgarbage"), 400);
}

TEST(Multipart, HugeHeaderBlocksAndTooManyPartsAre400) {
  std::string big =
      "--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\nX-Pad: " + std::string(9000, 'a') +
      "\r\n\r\nx\r\n--XyZ--";
  EXPECT_EQ(status_of(big), 400);
  std::string many;
  for (int i = 0; i < 17; ++i) many += "--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nx\r\n";
  many += "--XyZ--";
  EXPECT_EQ(status_of(many), 400);
}

}  // namespace
