// The file store writes complete files under generated names and refuses every name it did not generate.
#include "storage/file_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/crypto.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using cc::storage::FileStore;

class FileStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { cc::crypto::initialize(); }
  cc::testing::TempDir dir;
};

TEST_F(FileStoreTest, SavesReadsAndRemoves) {
  FileStore store(dir.path() / "uploads");
  std::string bytes("binary\0data", 11);
  auto stored = store.save(bytes, "bin");
  EXPECT_TRUE(FileStore::valid_name(stored.stored_name));
  EXPECT_EQ(stored.size, 11);
  EXPECT_EQ(stored.sha256_hex, cc::crypto::sha256_hex(bytes));
  EXPECT_EQ(store.read(stored.stored_name), bytes);
  EXPECT_TRUE(store.exists(stored.stored_name));
  EXPECT_TRUE(store.remove(stored.stored_name));
  EXPECT_FALSE(store.read(stored.stored_name));
  EXPECT_TRUE(fs::is_empty(dir.path() / "uploads" / "tmp"));
}

TEST_F(FileStoreTest, GeneratedNamesDiffer) {
  FileStore store(dir.path());
  EXPECT_NE(store.save("a", "txt").stored_name, store.save("a", "txt").stored_name);
}

TEST_F(FileStoreTest, RefusesNamesItDidNotGenerate) {
  FileStore store(dir.path() / "uploads");
  std::ofstream(dir.path() / "secret.txt") << "outside";
  for (std::string name : {"../secret.txt", "/etc/passwd", "secret.txt", "0123456789abcdef0123456789abcdef",
                           "0123456789abcdef0123456789abcdeg.txt", "0123456789abcdef0123456789abcdef.TXT",
                           "0123456789abcdef0123456789abcdef.txt/../../secret.txt", ""}) {
    EXPECT_FALSE(FileStore::valid_name(name)) << name;
    EXPECT_FALSE(store.read(name)) << name;
    EXPECT_FALSE(store.remove(name)) << name;
  }
  EXPECT_TRUE(fs::exists(dir.path() / "secret.txt"));
  EXPECT_THROW(store.save("x", "../x"), std::invalid_argument);
  EXPECT_THROW(store.save("x", ""), std::invalid_argument);
}

TEST_F(FileStoreTest, DoesNotFollowSymlinks) {
  FileStore store(dir.path() / "uploads");
  std::ofstream(dir.path() / "target.txt") << "outside";
  std::string name = "0123456789abcdef0123456789abcdef.txt";
  fs::create_symlink(dir.path() / "target.txt", dir.path() / "uploads" / name);
  EXPECT_FALSE(store.read(name));
  EXPECT_FALSE(store.exists(name));
}

TEST_F(FileStoreTest, LeftoverTemporaryFilesAreRemovedAtStart) {
  fs::create_directories(dir.path() / "uploads" / "tmp");
  std::ofstream(dir.path() / "uploads" / "tmp" / "0123456789abcdef0123456789abcdef.txt.part") << "half";
  FileStore store(dir.path() / "uploads");
  EXPECT_TRUE(fs::is_empty(dir.path() / "uploads" / "tmp"));
}

}  // namespace
