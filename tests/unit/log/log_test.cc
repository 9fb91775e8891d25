#include "internal/log/log.h"

#include <fcntl.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gandimail::log {
namespace {

using ::testing::ElementsAre;
using ::testing::SizeIs;

// Collects the lines written while it lives and restores stderr afterwards.
class CapturedLines {
 public:
  explicit CapturedLines(Level level) {
    SetLevelForTest(level);
    SetSinkForTest(
        [this](std::string_view line) { lines_.emplace_back(line); });
  }
  ~CapturedLines() {
    SetSinkForTest(nullptr);
    SetLevelForTest(Level::kOff);
  }
  const std::vector<std::string>& lines() const { return lines_; }
  nlohmann::ordered_json Parsed(size_t i) const {
    return nlohmann::ordered_json::parse(lines_.at(i));
  }

 private:
  std::vector<std::string> lines_;
};

// Runs `body` with environment variable `name` set to `value` (or unset when
// null), then restores it.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    const char* old = getenv(name);
    if (old != nullptr) old_ = old;
    had_old_ = old != nullptr;
    if (value == nullptr) {
      unsetenv(name);
    } else {
      setenv(name, value, 1);
    }
  }
  ~ScopedEnv() {
    if (had_old_) {
      setenv(name_, old_.c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::string old_;
  bool had_old_ = false;
};

Level LevelAfterInit(const char* gandimail, const char* provider,
                     const char* tf_log) {
  ScopedEnv a("TF_LOG_PROVIDER_GANDIMAIL", gandimail);
  ScopedEnv b("TF_LOG_PROVIDER", provider);
  ScopedEnv c("TF_LOG", tf_log);
  Init("provider");
  for (Level level : {Level::kTrace, Level::kDebug, Level::kInfo, Level::kWarn,
                      Level::kError}) {
    if (Enabled(level)) return level;
  }
  return Level::kOff;
}

TEST(LogLevelTest, NamesAreCaseInsensitive) {
  EXPECT_EQ(ParseLevel("TRACE"), Level::kTrace);
  EXPECT_EQ(ParseLevel("Debug"), Level::kDebug);
  EXPECT_EQ(ParseLevel("info"), Level::kInfo);
  EXPECT_EQ(ParseLevel("WARN"), Level::kWarn);
  EXPECT_EQ(ParseLevel("error"), Level::kError);
  EXPECT_EQ(ParseLevel("off"), Level::kOff);
}

TEST(LogLevelTest, JsonMeansTrace) {
  EXPECT_EQ(ParseLevel("JSON"), Level::kTrace);
}

TEST(LogLevelTest, UnknownNameMeansOff) {
  EXPECT_EQ(ParseLevel("verbose"), Level::kOff);
  EXPECT_EQ(ParseLevel(""), Level::kOff);
}

TEST(LogInitTest, ProviderSpecificVariableWins) {
  EXPECT_EQ(LevelAfterInit("error", "debug", "trace"), Level::kError);
  SetLevelForTest(Level::kOff);
}

TEST(LogInitTest, TfLogProviderBeatsTfLog) {
  EXPECT_EQ(LevelAfterInit(nullptr, "warn", "trace"), Level::kWarn);
  SetLevelForTest(Level::kOff);
}

TEST(LogInitTest, TfLogIsTheFallback) {
  EXPECT_EQ(LevelAfterInit(nullptr, nullptr, "info"), Level::kInfo);
  SetLevelForTest(Level::kOff);
}

TEST(LogInitTest, UnsetMeansOff) {
  EXPECT_EQ(LevelAfterInit(nullptr, nullptr, nullptr), Level::kOff);
}

TEST(LogInitTest, UnknownValueMeansOff) {
  EXPECT_EQ(LevelAfterInit(nullptr, nullptr, "loud"), Level::kOff);
}

TEST(LogInitTest, ModuleNameGoesIntoEveryLine) {
  {
    ScopedEnv a("TF_LOG_PROVIDER_GANDIMAIL", "debug");
    Init("provider.gandimail");
  }
  CapturedLines captured(Level::kDebug);
  Debug("hello");
  ASSERT_THAT(captured.lines(), SizeIs(1));
  EXPECT_EQ(captured.Parsed(0)["@module"], "provider.gandimail");
  Init("provider");
}

TEST(LogWriteTest, LinesBelowTheLevelAreDropped) {
  CapturedLines captured(Level::kWarn);
  Debug("not shown");
  Info("not shown either");
  Warn("shown");
  Error("shown too");
  ASSERT_THAT(captured.lines(), SizeIs(2));
  EXPECT_EQ(captured.Parsed(0)["@level"], "warn");
  EXPECT_EQ(captured.Parsed(1)["@level"], "error");
}

TEST(LogWriteTest, OffWritesNothing) {
  CapturedLines captured(Level::kOff);
  Error("nothing");
  EXPECT_FALSE(Enabled(Level::kError));
  EXPECT_THAT(captured.lines(), SizeIs(0));
}

TEST(LogWriteTest, LineHasHclogKeysFirstThenFields) {
  CapturedLines captured(Level::kTrace);
  Trace("request sent", {{"method", "GET"}, {"status", 200}});
  ASSERT_THAT(captured.lines(), SizeIs(1));
  const nlohmann::ordered_json line = captured.Parsed(0);
  std::vector<std::string> keys;
  for (const auto& item : line.items()) keys.push_back(item.key());
  EXPECT_THAT(keys, ElementsAre("@level", "@message", "@module", "@timestamp",
                                "method", "status"));
  EXPECT_EQ(line["@level"], "trace");
  EXPECT_EQ(line["@message"], "request sent");
  EXPECT_EQ(line["status"], 200);
}

TEST(LogWriteTest, ReservedFieldNamesAreDropped) {
  CapturedLines captured(Level::kInfo);
  Info("real", {{"@message", "fake"}, {"@level", "error"}, {"ok", true}});
  const nlohmann::ordered_json line = captured.Parsed(0);
  EXPECT_EQ(line["@message"], "real");
  EXPECT_EQ(line["@level"], "info");
  EXPECT_EQ(line.size(), 5u);
}

TEST(LogWriteTest, InvalidUtf8IsReplacedNotThrown) {
  CapturedLines captured(Level::kInfo);
  Info("bad \xff byte", {{"field", std::string("\xc3")}});
  ASSERT_THAT(captured.lines(), SizeIs(1));
  EXPECT_EQ(captured.Parsed(0)["@message"], "bad \xef\xbf\xbd byte");
}

TEST(LogWriteTest, HugeMessageIsCutToAValidLine) {
  CapturedLines captured(Level::kInfo);
  Info(std::string(200000, 'm'));
  ASSERT_THAT(captured.lines(), SizeIs(1));
  EXPECT_LT(captured.lines()[0].size(), kMaxLineBytes);
  const std::string message = captured.Parsed(0)["@message"];
  EXPECT_NE(message.find("(truncated, 200000 bytes)"), std::string::npos);
}

TEST(LogWriteTest, HugeFieldsAreCutToAValidLine) {
  CapturedLines captured(Level::kTrace);
  const std::string control(100000, '\x01');  // Each escapes to 6 bytes.
  nlohmann::json big_array = nlohmann::json::array();
  for (int i = 0; i < 20000; ++i) big_array.push_back(i);
  Trace("bodies", {{"a", control}, {"b", big_array}, {"c", "small"}});
  ASSERT_THAT(captured.lines(), SizeIs(1));
  EXPECT_LT(captured.lines()[0].size(), kMaxLineBytes);
  const nlohmann::ordered_json line = captured.Parsed(0);
  EXPECT_TRUE(line["a"].is_string());
  EXPECT_NE(line["a"].get<std::string>().find("truncated"), std::string::npos);
}

TEST(LogTimestampTest, UtcUsesZ) {
  ScopedEnv tz("TZ", "UTC");
  tzset();
  // 2006-01-02T15:04:05.000123 UTC.
  EXPECT_EQ(FormatTimestamp(1136214245000123), "2006-01-02T15:04:05.000123Z");
}

TEST(LogTimestampTest, LocalOffsetIsSignedHoursAndMinutes) {
  {
    ScopedEnv tz("TZ", "XXX-05:30");  // POSIX: 5h30 east of UTC.
    tzset();
    EXPECT_EQ(FormatTimestamp(1136214245000000),
              "2006-01-02T20:34:05.000000+05:30");
  }
  {
    ScopedEnv tz("TZ", "YYY+07");
    tzset();
    EXPECT_EQ(FormatTimestamp(1136214245999999),
              "2006-01-02T08:04:05.999999-07:00");
  }
  tzset();
}

TEST(LogTimestampTest, WrittenLinesMatchGoLayout) {
  CapturedLines captured(Level::kInfo);
  Info("now");
  const std::string ts = captured.Parsed(0)["@timestamp"];
  EXPECT_TRUE(std::regex_match(
      ts,
      std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}(Z|[+-]\d\d:\d\d))")))
      << ts;
}

// Points fd 1 and fd 2 at temporary files while it lives.
class RedirectedStdio {
 public:
  RedirectedStdio() {
    out_ = Redirect(STDOUT_FILENO, &saved_out_, out_path_);
    err_ = Redirect(STDERR_FILENO, &saved_err_, err_path_);
  }
  ~RedirectedStdio() {
    dup2(saved_out_, STDOUT_FILENO);
    dup2(saved_err_, STDERR_FILENO);
    close(saved_out_);
    close(saved_err_);
    unlink(out_path_);
    unlink(err_path_);
  }
  std::string Err() const { return Slurp(err_path_); }
  std::string Out() const { return Slurp(out_path_); }

 private:
  static int Redirect(int fd, int* saved, char* path) {
    *saved = dup(fd);
    const int tmp = mkstemp(path);
    dup2(tmp, fd);
    close(tmp);
    return fd;
  }
  static std::string Slurp(const char* path) {
    std::string text;
    FILE* f = fopen(path, "rb");
    if (f == nullptr) return text;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0) text.append(buf, n);
    fclose(f);
    return text;
  }

  char out_path_[32] = "/tmp/gm_log_outXXXXXX";
  char err_path_[32] = "/tmp/gm_log_errXXXXXX";
  int saved_out_ = -1;
  int saved_err_ = -1;
  int out_ = -1;
  int err_ = -1;
};

TEST(LogStderrTest, ConcurrentLinesNeverInterleaveAndStdoutStaysEmpty) {
  constexpr int kThreads = 8;
  constexpr int kLinesPerThread = 100;
  SetLevelForTest(Level::kDebug);
  std::string err;
  std::string out;
  {
    RedirectedStdio stdio;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([t] {
        const std::string filler(6000, static_cast<char>('a' + t));
        for (int i = 0; i < kLinesPerThread; ++i) {
          Debug("line", {{"thread", t}, {"i", i}, {"filler", filler}});
        }
      });
    }
    for (auto& thread : threads) thread.join();
    err = stdio.Err();
    out = stdio.Out();
  }
  SetLevelForTest(Level::kOff);

  EXPECT_EQ(out, "");
  int lines = 0;
  size_t start = 0;
  while (start < err.size()) {
    const size_t end = err.find('\n', start);
    ASSERT_NE(end, std::string::npos);
    const auto line = nlohmann::json::parse(err.substr(start, end - start));
    const int t = line["thread"];
    EXPECT_EQ(line["filler"], std::string(6000, static_cast<char>('a' + t)));
    ++lines;
    start = end + 1;
  }
  EXPECT_EQ(lines, kThreads * kLinesPerThread);
}

}  // namespace
}  // namespace gandimail::log
