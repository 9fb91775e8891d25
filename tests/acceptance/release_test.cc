// The released forms of the provider: the static release binary (only
// glibc dynamic), the Registry archive, and a filesystem mirror that
// `terraform init` uses offline.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "internal/goplugin/handshake.h"
#include "tests/harness/plugin_client.h"
#include "tests/harness/sandbox.h"
#include "tests/harness/terraform.h"

namespace gandimail::testing {
namespace {

namespace fs = std::filesystem;

// Why this build has no static release binary (its CMake message), or
// empty when it has one.
constexpr char kStaticUnavailable[] = GANDIMAIL_STATIC_UNAVAILABLE;

std::string Script(const std::string& name) {
  return std::string(GANDIMAIL_SOURCE_DIR) + "/scripts/" + name;
}

std::string ReleaseBinDir() { return BinDir() + "/release"; }

std::string ReleaseBinary() {
  return ReleaseBinDir() + "/terraform-provider-gandimail";
}

std::string NoStaticReleaseReason() {
  return std::string("no static release binary in this build: ") +
         kStaticUnavailable;
}

// The libraries that are glibc itself (on glibc < 2.34 libpthread, libdl
// and librt are still separate files of it) and the kernel's vDSO.
bool IsGlibcPart(const std::string& soname) {
  static const std::set<std::string> kGlibc = {
      "linux-vdso.so.1", "ld-linux-x86-64.so.2", "libc.so.6", "libm.so.6",
      "libpthread.so.0", "libdl.so.2",           "librt.so.1"};
  return kGlibc.count(soname) > 0;
}

struct LddEntry {
  std::string soname;  // as the binary names it
  std::string path;    // where the loader found it; empty for the vDSO
};

// `ldd` lines: "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)",
// "\t/lib64/ld-linux-x86-64.so.2 (0x...)", "\tlinux-vdso.so.1 (0x...)".
std::vector<LddEntry> ParseLdd(const std::string& out) {
  std::vector<LddEntry> entries;
  std::vector<std::string> lines = absl::StrSplit(out, '\n');
  for (const std::string& line : lines) {
    std::vector<std::string> words =
        absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipWhitespace());
    if (words.empty()) continue;
    LddEntry entry;
    entry.soname = fs::path(words[0]).filename().string();
    if (words.size() > 2 && words[1] == "=>") {
      entry.path = words[2];
    } else if (words[0].front() == '/') {
      entry.path = words[0];
    }
    entries.push_back(entry);
  }
  return entries;
}

// A version like "2.35" as numbers, for ordering.
std::vector<int> VersionNumbers(const std::string& text) {
  std::vector<int> numbers;
  std::vector<std::string> parts = absl::StrSplit(text, '.');
  for (const std::string& part : parts) {
    numbers.push_back(std::stoi(part));
  }
  return numbers;
}

// Every symbol version the binary imports ("GLIBC_2.34", "GLIBCXX_3.4",
// "OPENSSL_3.0.0", "GLIBC_PRIVATE", ...), from `objdump -T`.
std::set<std::string> ImportedSymbolVersions(const std::string& objdump) {
  static const std::regex kVersion(R"(\(?([A-Z][A-Z0-9_]*_[0-9A-Z.]+)\)?)");
  std::set<std::string> versions;
  std::vector<std::string> lines = absl::StrSplit(objdump, '\n');
  for (const std::string& line : lines) {
    if (line.find("*UND*") == std::string::npos) continue;
    std::vector<std::string> words =
        absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipWhitespace());
    std::smatch match;
    for (const std::string& word : words) {
      if (std::regex_match(word, match, kVersion)) versions.insert(match[1]);
    }
  }
  return versions;
}

// The glibc floor README.md states: "glibc 2.35 or later".
std::string ReadmeGlibcFloor() {
  std::string readme =
      ReadFile(std::string(GANDIMAIL_SOURCE_DIR) + "/README.md");
  std::smatch match;
  static const std::regex kFloor(R"(glibc ([0-9]+\.[0-9]+) or later)");
  return std::regex_search(readme, match, kFloor) ? match[1].str() : "";
}

TEST(ReleaseTest, StaticBinaryNeedsNoLibraryButGlibc) {
  if (kStaticUnavailable[0] != '\0') GTEST_SKIP() << NoStaticReleaseReason();
  RunResult ldd = testing::Run({"ldd", ReleaseBinary()}, "", {});
  ASSERT_EQ(ldd.exit_code, 0) << ldd.out << ldd.err;
  std::cout << "ldd " << ReleaseBinary() << ":\n" << ldd.out;

  std::vector<std::string> foreign;
  std::vector<LddEntry> entries = ParseLdd(ldd.out);
  for (const LddEntry& entry : entries) {
    if (!IsGlibcPart(entry.soname)) foreign.push_back(entry.soname);
  }

  EXPECT_FALSE(entries.empty()) << ldd.out;
  EXPECT_TRUE(foreign.empty())
      << "the release binary needs libraries other than glibc's: "
      << absl::StrJoin(foreign, ", ");
}

TEST(ReleaseTest, StaticBinaryNeedsNoNewerGlibcThanReadmeStates) {
  if (kStaticUnavailable[0] != '\0') GTEST_SKIP() << NoStaticReleaseReason();
  RunResult objdump = testing::Run({"objdump", "-T", ReleaseBinary()}, "", {});
  ASSERT_EQ(objdump.exit_code, 0) << objdump.err;
  std::string floor = ReadmeGlibcFloor();
  ASSERT_FALSE(floor.empty()) << "README.md states no \"glibc X.Y or later\"";

  std::string newest = "2.0";
  std::vector<std::string> foreign;
  for (const std::string& version : ImportedSymbolVersions(objdump.out)) {
    std::string number = version.substr(version.rfind('_') + 1);
    bool glibc = version.rfind("GLIBC_", 0) == 0 && version != "GLIBC_PRIVATE";
    if (!glibc) {
      foreign.push_back(version);
    } else if (VersionNumbers(number) > VersionNumbers(newest)) {
      newest = number;
    }
  }
  std::cout << "highest glibc symbol version needed: GLIBC_" << newest
            << " (README states " << floor << ")\n";
  ::testing::Test::RecordProperty("max_glibc", newest);

  EXPECT_TRUE(foreign.empty()) << "symbol versions not from glibc's public "
                                  "ABI: "
                               << absl::StrJoin(foreign, ", ");
  EXPECT_LE(VersionNumbers(newest), VersionNumbers(floor))
      << "the binary needs GLIBC_" << newest << "; README.md says " << floor;
}

// Builds a root that holds nothing but the binary, /tmp, and the files of
// glibc that the loader resolves for it (at the same paths), so that any
// other library the binary needs is missing there; returns false with
// `error` set if a file could not be copied.
bool MakeGlibcOnlyRoot(const std::string& root, std::string* error) {
  RunResult ldd = testing::Run({"ldd", ReleaseBinary()}, "", {});
  for (const LddEntry& entry : ParseLdd(ldd.out)) {
    if (entry.path.empty() || !IsGlibcPart(entry.soname)) continue;
    fs::path target = fs::path(root) / fs::path(entry.path).relative_path();
    std::error_code code;
    fs::create_directories(target.parent_path(), code);
    fs::copy_file(fs::canonical(entry.path), target, code);
    if (code) {
      *error = entry.path + ": " + code.message();
      return false;
    }
  }
  fs::create_directories(fs::path(root) / "tmp");
  fs::copy_file(ReleaseBinary(),
                fs::path(root) / "terraform-provider-gandimail");
  return true;
}

TEST(ReleaseTest, StaticBinaryServesSchemaWithOnlyGlibcInItsRoot) {
  if (kStaticUnavailable[0] != '\0') GTEST_SKIP() << NoStaticReleaseReason();
  if (geteuid() != 0) GTEST_SKIP() << "chroot(8) needs root";
  TempDir root;
  std::string error;
  ASSERT_TRUE(MakeGlibcOnlyRoot(root.path(), &error)) << error;
  PluginClient plugin;
  Child child({"chroot", root.path(), "/terraform-provider-gandimail"},
              {{goplugin::kMagicCookieKey, goplugin::kMagicCookieValue},
               {"PLUGIN_PROTOCOL_VERSIONS", "6"},
               {"PLUGIN_CLIENT_CERT", plugin.cert().cert_pem},
               {"PLUGIN_UNIX_SOCKET_DIR", "/tmp"},
               {"TMPDIR", "/tmp"},
               {"TF_LOG", "\x01"}});

  std::vector<std::string> fields = SplitHandshake(child.ReadLine(10000));
  ASSERT_EQ(fields.size(), 6u) << child.Stderr();
  ASSERT_EQ(fields[2], "unix");
  fields[3] = root.path() + fields[3];  // the socket, seen from outside
  grpc::Status schema = GetProviderSchema(plugin.Connect(fields));
  CallShutdown(plugin.Connect(fields));

  EXPECT_TRUE(schema.ok()) << schema.error_message() << child.Stderr();
  EXPECT_EQ(child.Wait(5000), 0) << child.Stderr();
}

TEST(ReleaseTest, ArchiveRefusesBinaryNeedingDebianLibraries) {
  TempDir out;

  RunResult packed = testing::Run(
      {Script("release.sh"), BinDir(), out.path(), "0.1.0"}, "", {});

  EXPECT_NE(packed.exit_code, 0) << packed.out;
  EXPECT_NE(packed.err.find("not only glibc"), std::string::npos) << packed.err;
}

TEST(ReleaseTest, ArchiveHoldsVersionedBinaryWithChecksums) {
  if (kStaticUnavailable[0] != '\0') GTEST_SKIP() << NoStaticReleaseReason();
  TempDir out;
  RunResult packed = testing::Run(
      {Script("release.sh"), ReleaseBinDir(), out.path(), "0.1.0"}, "", {});
  ASSERT_EQ(packed.exit_code, 0) << packed.err;
  std::string prefix = out.path() + "/terraform-provider-gandimail_0.1.0";
  RunResult listing =
      testing::Run({"unzip", "-l", prefix + "_linux_amd64.zip"}, "", {});
  EXPECT_NE(listing.out.find("terraform-provider-gandimail_v0.1.0"),
            std::string::npos)
      << listing.out;
  EXPECT_NE(ReadFile(prefix + "_manifest.json").find("\"6.0\""),
            std::string::npos);
  RunResult sums =
      testing::Run({"sha256sum", "-c", prefix + "_SHA256SUMS"}, out.path(), {});
  EXPECT_EQ(sums.exit_code, 0) << sums.out << sums.err;
}

TEST(ReleaseTest, OfflineInitFromFilesystemMirrorApplies) {
  if (kStaticUnavailable[0] != '\0') GTEST_SKIP() << NoStaticReleaseReason();
  Sandbox sandbox;
  ASSERT_FALSE(sandbox.url().empty()) << sandbox.startup_error();
  ASSERT_EQ(sandbox.AddDomain({{"name", "example.com"}}).status, 201);
  TerraformDir tf(sandbox.url(), Sandbox::kToken);
  std::string mirror = tf.path() + "/mirror";
  ASSERT_EQ(testing::Run(
                {Script("install-mirror.sh"), ReleaseBinDir(), mirror, "0.1.0"},
                "", {})
                .exit_code,
            0);
  // Only the mirror: no dev_overrides and no network installation.
  WriteFile(tf.path() + "/terraformrc",
            "provider_installation {\n  filesystem_mirror {\n    path = \"" +
                mirror + "\"\n  }\n}\n");
  tf.WriteConfig(R"(
terraform {
  required_providers {
    gandimail = { source = "gandimail/gandimail", version = "= 0.1.0" }
  }
}
data "gandimail_email_offer" "this" {
  domain = "example.com"
}
output "status" {
  value = data.gandimail_email_offer.this.status
}
)");
  RunResult init = tf.Run({"init", "-no-color", "-input=false"});
  ASSERT_EQ(init.exit_code, 0) << init.out << init.err;
  EXPECT_NE(init.out.find("Installing gandimail/gandimail v0.1.0"),
            std::string::npos)
      << init.out;
  RunResult apply = tf.Run({"apply", "-auto-approve", "-no-color"});
  EXPECT_EQ(apply.exit_code, 0) << apply.out << apply.err;
}

}  // namespace
}  // namespace gandimail::testing
