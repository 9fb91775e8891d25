#include "src/resources/forward.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "internal/tfplugin/planner.h"
#include "internal/tfplugin/schema.h"

namespace gandimail::resources {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(CheckForwardSourceTest, AcceptsLocalPartsAndCatchAlls) {
  for (const char* source : {"alice", "a.b-c_d", "x1", "sales*", "*les"}) {
    EXPECT_THAT(CheckForwardSource(source), IsEmpty()) << source;
  }
}

TEST(CheckForwardSourceTest, FullAddressIsRefusedWithTheFix) {
  EXPECT_THAT(CheckForwardSource("alice@example.com"),
              HasSubstr("Use source = \"alice\" and domain = \"example.com\""));
}

TEST(CheckForwardSourceTest, UpperCaseIsRefusedWithTheLowerCaseForm) {
  EXPECT_THAT(CheckForwardSource("Alice"),
              HasSubstr("Write it in lower case: \"alice\""));
}

TEST(CheckForwardSourceTest, RefusesBadShapes) {
  for (const char* source : {"", ".alice", "alice-", "a..b", "a b", "a+b", "s*",
                             "a*b", "*ab*", "**ab"}) {
    EXPECT_THAT(CheckForwardSource(source), ::testing::Not(IsEmpty()))
        << source;
  }
  EXPECT_THAT(CheckForwardSource(std::string(65, 'a')), HasSubstr("64"));
}

TEST(CheckEmailAddressTest, AcceptsFullAddresses) {
  EXPECT_THAT(CheckEmailAddress("alice.doe@example.org"), IsEmpty());
  EXPECT_THAT(CheckEmailAddress("a+tag@mail.example.co.uk"), IsEmpty());
}

TEST(CheckEmailAddressTest, RefusesWhatIsNotAnAddress) {
  for (const char* address :
       {"alice", "@example.org", "a@@example.org", "a@b@example.org",
        "a@localhost", "a@.org", "a@example.", "a b@example.org"}) {
    EXPECT_THAT(CheckEmailAddress(address), ::testing::Not(IsEmpty()))
        << address;
  }
}

TEST(NormaliseSourceTest, StripsTheDomainTheApiMayAdd) {
  EXPECT_EQ(NormaliseSource("alice@example.com", "example.com"), "alice");
  EXPECT_EQ(NormaliseSource("alice@EXAMPLE.com", "example.com"), "alice");
  EXPECT_EQ(NormaliseSource("alice", "example.com"), "alice");
}

TEST(NormaliseSourceTest, KeepsOtherDomainsAndBareSuffix) {
  EXPECT_EQ(NormaliseSource("alice@other.com", "example.com"),
            "alice@other.com");
  EXPECT_EQ(NormaliseSource("@example.com", "example.com"), "@example.com");
}

TEST(ParseForwardIdTest, SplitsAtTheAt) {
  absl::StatusOr<ForwardId> id = ParseForwardId("alice@example.com");
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->source, "alice");
  EXPECT_EQ(id->domain, "example.com");
}

TEST(ParseForwardIdTest, RefusesOtherShapesWithTheExpectedForm) {
  for (const char* id : {"alice", "@example.com", "alice@", "a@b@c.com"}) {
    absl::StatusOr<ForwardId> parsed = ParseForwardId(id);
    ASSERT_FALSE(parsed.ok()) << id;
    EXPECT_THAT(std::string(parsed.status().message()),
                HasSubstr("expected <local>@<domain>"));
  }
}

// ---- ForwardListCache ----

ForwardListing ListingOf(const std::string& source) {
  return {{source, gandi::Forward{source, {"x@example.org"}, ""}}};
}

class ForwardListCacheTest : public ::testing::Test {
 protected:
  ForwardListCache::Fetch Counting(const std::string& source) {
    return
        [this, source](const std::string&) -> absl::StatusOr<ForwardListing> {
          ++fetches_;
          return ListingOf(source);
        };
  }

  absl::Time now_ = absl::UnixEpoch();
  std::atomic<int> fetches_{0};
  ForwardListCache cache_{absl::Seconds(5), [this] { return now_; }};
};

TEST_F(ForwardListCacheTest, SecondGetWithinTtlDoesNotFetch) {
  ASSERT_TRUE(cache_.Get("example.com", Counting("a")).ok());
  auto second = cache_.Get("example.com", Counting("b"));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(fetches_, 1);
  EXPECT_EQ((*second)->count("a"), 1u);
}

TEST_F(ForwardListCacheTest, ExpiredEntryIsFetchedAgain) {
  ASSERT_TRUE(cache_.Get("example.com", Counting("a")).ok());
  now_ += absl::Seconds(6);
  auto again = cache_.Get("example.com", Counting("b"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->count("b"), 1u);
}

TEST_F(ForwardListCacheTest, InvalidateForcesAFreshFetch) {
  ASSERT_TRUE(cache_.Get("example.com", Counting("a")).ok());
  cache_.Invalidate("example.com");
  auto again = cache_.Get("example.com", Counting("b"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->count("b"), 1u);
}

TEST_F(ForwardListCacheTest, DomainsAreCachedSeparately) {
  ASSERT_TRUE(cache_.Get("example.com", Counting("a")).ok());
  auto other = cache_.Get("example.net", Counting("b"));
  ASSERT_TRUE(other.ok());
  EXPECT_EQ((*other)->count("b"), 1u);
  EXPECT_EQ(fetches_, 2);
}

TEST_F(ForwardListCacheTest, ErrorsAreNotCached) {
  auto failing = [this](const std::string&) -> absl::StatusOr<ForwardListing> {
    ++fetches_;
    return absl::UnavailableError("down");
  };
  EXPECT_EQ(cache_.Get("example.com", failing).status().code(),
            absl::StatusCode::kUnavailable);
  EXPECT_TRUE(cache_.Get("example.com", Counting("a")).ok());
  EXPECT_EQ(fetches_, 2);
}

// A fetch that blocks until released, so that other callers arrive while
// it is in flight.
class Gate {
 public:
  void WaitStarted() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return started_; });
  }
  void Release() {
    std::lock_guard<std::mutex> lock(mu_);
    released_ = true;
    cv_.notify_all();
  }
  void Enter() {
    std::unique_lock<std::mutex> lock(mu_);
    started_ = true;
    cv_.notify_all();
    cv_.wait(lock, [this] { return released_; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool started_ = false;
  bool released_ = false;
};

TEST_F(ForwardListCacheTest, ConcurrentReadersShareOneFetch) {
  Gate gate;
  auto slow = [&](const std::string&) -> absl::StatusOr<ForwardListing> {
    ++fetches_;
    gate.Enter();
    return ListingOf("a");
  };
  std::vector<std::thread> readers;
  std::atomic<int> found{0};
  auto read = [&] {
    auto got = cache_.Get("example.com", slow);
    if (got.ok() && (*got)->count("a") == 1) ++found;
  };
  readers.emplace_back(read);
  gate.WaitStarted();
  for (int i = 0; i < 7; ++i) readers.emplace_back(read);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  gate.Release();
  for (std::thread& t : readers) t.join();

  EXPECT_EQ(fetches_, 1);
  EXPECT_EQ(found, 8);
}

TEST_F(ForwardListCacheTest, InvalidateDuringFetchDetachesIt) {
  Gate gate;
  auto stale = [&](const std::string&) -> absl::StatusOr<ForwardListing> {
    gate.Enter();
    return ListingOf("stale");
  };
  std::thread first([&] { (void)cache_.Get("example.com", stale); });
  gate.WaitStarted();
  cache_.Invalidate("example.com");

  // A caller after the write must not join the fetch begun before it.
  auto fresh = cache_.Get("example.com", Counting("fresh"));
  gate.Release();
  first.join();
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ((*fresh)->count("fresh"), 1u);
  auto later = cache_.Get("example.com", Counting("other"));
  ASSERT_TRUE(later.ok());
  EXPECT_EQ((*later)->count("fresh"), 1u);
}

// ---- The resource's own rules, without the API ----

class NoApi : public ApiSource {
 public:
  std::shared_ptr<const ApiHandle> Api(
      tfplugin::Diagnostics* diagnostics) const override {
    diagnostics->AddError("Provider Not Configured", "test");
    return nullptr;
  }
};

class ForwardResourceTest : public ::testing::Test {
 protected:
  cty::Value Config(const std::string& source,
                    std::vector<std::string> destinations) {
    std::vector<cty::Value> items;
    for (const std::string& d : destinations) {
      items.push_back(cty::Value::String(d));
    }
    return cty::Value::Null(resource_->GetSchema().ImpliedType())
        .WithAttr("domain", cty::Value::String("example.com"))
        .WithAttr("source", cty::Value::String(source))
        .WithAttr("destinations",
                  cty::Value::Set(cty::Type::String(), std::move(items)));
  }

  NoApi api_;
  std::shared_ptr<tfplugin::Resource> resource_ = NewForwardResource(&api_);
};

TEST_F(ForwardResourceTest, SchemaPassesTerraformRules) {
  EXPECT_TRUE(tfplugin::CheckSchema(resource_->GetSchema(), "forward").ok());
}

TEST_F(ForwardResourceTest, FullAddressSourceFailsValidationAtItsPath) {
  tfplugin::Diagnostics d;
  tfplugin::RunValidators(resource_->GetSchema().block,
                          Config("alice@example.com", {"x@example.org"}), &d);
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].path, cty::Path().Attr("source"));
}

TEST_F(ForwardResourceTest, EmptyDestinationsFailValidationAtTheirPath) {
  tfplugin::Diagnostics d;
  tfplugin::RunValidators(resource_->GetSchema().block, Config("alice", {}),
                          &d);
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].path, cty::Path().Attr("destinations"));
}

TEST_F(ForwardResourceTest, CreatePlanKnowsTheId) {
  tfplugin::PlanRequest request;
  request.prior_state = cty::Value::Null(resource_->GetSchema().ImpliedType());
  request.config = Config("alice", {"x@example.org"});
  request.proposed_new_state = request.config;
  tfplugin::PlanResponse response;
  tfplugin::PlanBeforeResource(resource_->GetSchema(), request, &response);
  resource_->ModifyPlan(request, &response);
  EXPECT_EQ(response.planned_state.GetAttr("id"),
            cty::Value::String("alice@example.com"));
}

TEST_F(ForwardResourceTest, ImportSetsDomainSourceAndId) {
  tfplugin::ImportResponse response;
  resource_->Import("alice@example.com", &response);
  ASSERT_EQ(response.objects.size(), 1u);
  const cty::Value& state = response.objects[0].state;
  EXPECT_EQ(state.GetAttr("domain"), cty::Value::String("example.com"));
  EXPECT_EQ(state.GetAttr("source"), cty::Value::String("alice"));
  EXPECT_EQ(state.GetAttr("id"), cty::Value::String("alice@example.com"));
}

TEST_F(ForwardResourceTest, ImportRefusesAnIdWithoutDomain) {
  tfplugin::ImportResponse response;
  resource_->Import("alice", &response);
  EXPECT_TRUE(response.objects.empty());
  ASSERT_TRUE(response.diagnostics.HasError());
  EXPECT_THAT(response.diagnostics.items()[0].detail,
              HasSubstr("expected <local>@<domain>"));
}

}  // namespace
}  // namespace gandimail::resources
