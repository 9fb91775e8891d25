#include "internal/goplugin/handshake.h"

#include <gtest/gtest.h>

namespace gandimail::goplugin {
namespace {

TEST(HandshakeTest, RawBase64HasNoPadding) {
  EXPECT_EQ(RawBase64(""), "");
  EXPECT_EQ(RawBase64("f"), "Zg");
  EXPECT_EQ(RawBase64("fo"), "Zm8");
  EXPECT_EQ(RawBase64("foo"), "Zm9v");
  EXPECT_EQ(RawBase64("foob"), "Zm9vYg");
  EXPECT_EQ(RawBase64(std::string("\xff\xfe\x00", 3)), "//4A");
}

TEST(HandshakeTest, LineHasSixFieldsAndNewline) {
  HandshakeLine line{6, "unix", "/tmp/plugin1", "abc"};
  EXPECT_EQ(FormatHandshakeLine(line), "1|6|unix|/tmp/plugin1|grpc|YWJj\n");
}

TEST(HandshakeTest, LineWithoutTlsHasEmptyCertField) {
  HandshakeLine line{6, "tcp", "127.0.0.1:10000", ""};
  EXPECT_EQ(FormatHandshakeLine(line), "1|6|tcp|127.0.0.1:10000|grpc|\n");
}

TEST(HandshakeTest, CookieMustMatchExactly) {
  EXPECT_TRUE(IsMagicCookieValid(kMagicCookieValue));
  EXPECT_FALSE(IsMagicCookieValid(nullptr));
  EXPECT_FALSE(IsMagicCookieValid(""));
  EXPECT_FALSE(IsMagicCookieValid("d602bf8f"));
}

TEST(HandshakeTest, NegotiationAnnouncesOurVersion) {
  EXPECT_EQ(NegotiateProtocolVersion("5,6", 6), 6);
  EXPECT_EQ(NegotiateProtocolVersion(" 6 ", 6), 6);
  EXPECT_EQ(NegotiateProtocolVersion(nullptr, 6), 6);
  // Only 5 offered: we still say 6 and let the client report the mismatch.
  EXPECT_EQ(NegotiateProtocolVersion("5", 6), 6);
}

TEST(HandshakeTest, HandRunMessageHasTwoLines) {
  std::string message = NotAPluginRunMessage("terraform-provider-gandimail");
  EXPECT_EQ(std::count(message.begin(), message.end(), '\n'), 2);
  EXPECT_NE(message.find("Terraform"), std::string::npos);
}

}  // namespace
}  // namespace gandimail::goplugin
