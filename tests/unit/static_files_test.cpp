// Static files: the web UI's page, its hashed assets and top-level files, MIME types, and nothing outside
// the root however the name is spelled.
#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using cc::http::StaticFiles;

void write(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

std::string header(const cc::http::Response& r, std::string_view name) {
  auto value = r.header(name);
  return value ? std::string(*value) : std::string();
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write(dir.path() / "share" / "web" / "index.html", "<!doctype html><title>app</title>");
    write(dir.path() / "share" / "web" / "assets" / "index-3f2a9c.js", "console.log(1)");
    write(dir.path() / "share" / "web" / "assets" / "inter-latin.woff2", "wOF2");
    write(dir.path() / "share" / "web" / "favicon.svg", "<svg/>");
    write(dir.path() / "share" / "swagger-ui" / "swagger-ui.css", "body{}");
    write(dir.path() / "secret.txt", "outside the root");
  }
  cc::testing::TempDir dir;
};

TEST_F(StaticFilesTest, TheAppPageIsRevalidatedOnEveryLoadAndCarriesTheContentSecurityPolicy) {
  StaticFiles files(dir.path() / "share");
  ASSERT_TRUE(files.app_available());
  auto page = files.serve_app_page();
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(header(*page, "Cache-Control"), "no-cache");
  EXPECT_EQ(header(*page, "Content-Security-Policy"), StaticFiles::kAppContentSecurityPolicy);
  EXPECT_NE(page->body.find("<title>app</title>"), std::string::npos);
}

TEST_F(StaticFilesTest, HashedAssetsAreImmutableForAYear) {
  StaticFiles files(dir.path() / "share");
  auto js = files.serve_app_asset("index-3f2a9c.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(header(*js, "Cache-Control"), "public, max-age=31536000, immutable");
  auto font = files.serve_app_asset("inter-latin.woff2");
  ASSERT_TRUE(font);
  EXPECT_EQ(font->content_type, "font/woff2");
  EXPECT_FALSE(files.serve_app_asset("missing-123.js"));
}

TEST_F(StaticFilesTest, TopLevelFilesButNotTheIndexUnderItsOwnName) {
  StaticFiles files(dir.path() / "share");
  auto icon = files.serve_app_file("favicon.svg");
  ASSERT_TRUE(icon);
  EXPECT_EQ(icon->content_type, "image/svg+xml");
  EXPECT_FALSE(files.serve_app_file("index.html"));
}

TEST_F(StaticFilesTest, NamesThatLeaveTheRootAreRefused) {
  StaticFiles files(dir.path() / "share");
  for (std::string_view name : {"../secret.txt", "web/../../secret.txt", "/etc/passwd", "web//index.html",
                                "web/./index.html", "web\\index.html", ""}) {
    EXPECT_FALSE(files.serve(name, "no-cache")) << name;
  }
  EXPECT_FALSE(files.serve_app_asset("../index.html"));
  EXPECT_FALSE(files.serve_app_asset("../../secret.txt"));
  EXPECT_FALSE(files.serve_app_file("../secret.txt"));
  EXPECT_FALSE(files.serve(std::string("web/index.html\0x", 16), "no-cache"));
}

TEST_F(StaticFilesTest, ASymlinkLeadingOutOfTheRootIsRefused) {
  fs::create_symlink(dir.path() / "secret.txt", dir.path() / "share" / "web" / "assets" / "leak.js");
  StaticFiles files(dir.path() / "share");
  EXPECT_FALSE(files.serve_app_asset("leak.js"));
}

TEST_F(StaticFilesTest, ARebuiltFileIsServedWithoutARestart) {
  StaticFiles files(dir.path() / "share");
  ASSERT_EQ(files.serve_app_page()->body, "<!doctype html><title>app</title>");
  auto path = dir.path() / "share" / "web" / "index.html";
  write(path, "<!doctype html><title>new build</title>");
  fs::last_write_time(path, fs::last_write_time(path) + std::chrono::seconds(5));
  EXPECT_EQ(files.serve_app_page()->body, "<!doctype html><title>new build</title>");
}

TEST_F(StaticFilesTest, WithoutABuiltUiThereIsNoPage) {
  StaticFiles files(dir.path() / "empty");
  EXPECT_FALSE(files.app_available());
  EXPECT_FALSE(files.serve_app_page());
}

TEST(StaticFilesMime, KnownTypesAndASafeDefault) {
  EXPECT_EQ(StaticFiles::mime_type("a.css"), "text/css; charset=utf-8");
  EXPECT_EQ(StaticFiles::mime_type("a.mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(StaticFiles::mime_type("a.json"), "application/json");
  EXPECT_EQ(StaticFiles::mime_type("a.png"), "image/png");
  EXPECT_EQ(StaticFiles::mime_type("a.webmanifest"), "application/manifest+json");
  EXPECT_EQ(StaticFiles::mime_type("a.unknown"), "application/octet-stream");
  EXPECT_EQ(StaticFiles::mime_type("noextension"), "application/octet-stream");
}

}  // namespace
