#include "src/gandi/url.h"

#include "gtest/gtest.h"

namespace gandimail::gandi {
namespace {

TEST(UrlTest, PathSegmentKeepsUnreservedAndAt) {
  EXPECT_EQ(EscapePathSegment("alice.doe-1_x~y@example.com"),
            "alice.doe-1_x~y@example.com");
}

TEST(UrlTest, PathSegmentEscapesEverythingThatCouldChangeTheRoute) {
  EXPECT_EQ(EscapePathSegment("a/b?c#d%e f*+"), "a%2Fb%3Fc%23d%25e%20f%2A%2B");
  EXPECT_EQ(EscapePathSegment(".."), "..");
  EXPECT_EQ(EscapePathSegment("\xc3\xa9"), "%C3%A9");
}

TEST(UrlTest, QueryEncodesKeysAndValues) {
  EXPECT_EQ(EncodeQuery({{"~login", "*lice"},
                         {"<created_at", "2021-05-04T10:04:18Z"},
                         {"sharing_id", "a b&c=d"}}),
            "?~login=%2Alice&%3Ccreated_at=2021-05-04T10%3A04%3A18Z"
            "&sharing_id=a%20b%26c%3Dd");
  EXPECT_EQ(EncodeQuery({}), "");
}

TEST(UrlTest, PercentDecodeKeepsMalformedEscapes) {
  EXPECT_EQ(PercentDecode("a%40b%2Fc"), "a@b/c");
  EXPECT_EQ(PercentDecode("100%"), "100%");
  EXPECT_EQ(PercentDecode("%zz%4"), "%zz%4");
}

TEST(UrlTest, IdIsTheLastSegmentOfAnAbsoluteLocation) {
  EXPECT_EQ(IdFromLocation("https://api.gandi.net/v5/email/mailboxes/"
                           "example.com/066743e5-96e4-4a1d-9195-8b8a700a8a79"),
            "066743e5-96e4-4a1d-9195-8b8a700a8a79");
}

TEST(UrlTest, IdIgnoresQueryFragmentAndTrailingSlash) {
  EXPECT_EQ(IdFromLocation("/v5/email/slots/example.com/124/?x=1#f"), "124");
}

TEST(UrlTest, IdIsUnescaped) {
  EXPECT_EQ(IdFromLocation("/v5/email/forwards/example.com/al%2Bice"),
            "al+ice");
}

TEST(UrlTest, LocationWithoutPathHasNoId) {
  EXPECT_EQ(IdFromLocation("https://api.gandi.net"), std::nullopt);
  EXPECT_EQ(IdFromLocation("https://api.gandi.net/"), std::nullopt);
  EXPECT_EQ(IdFromLocation(""), std::nullopt);
}

}  // namespace
}  // namespace gandimail::gandi
