#include "internal/log/log.h"

#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace gandimail::log {
namespace {

// Debian's Abseil is built with its own absl::string_view, distinct from
// std::string_view.
absl::string_view Absl(std::string_view s) { return {s.data(), s.size()}; }

// A message longer than this is cut, leaving room for fields.
constexpr size_t kMaxMessageQuoted = 8 * 1024;

std::atomic<int> g_level{static_cast<int>(Level::kOff)};

// Guards the module name and the sink, and serialises writes to stderr so
// that lines never interleave.
std::mutex g_mu;
std::string g_module = "provider";
std::function<void(std::string_view)> g_sink;

std::string DumpJson(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string Quote(std::string_view text) {
  return DumpJson(nlohmann::json(std::string(text)));
}

// The longest prefix of `text` of at most `n` bytes that does not end inside
// a UTF-8 sequence.
std::string_view CutUtf8(std::string_view text, size_t n) {
  if (n >= text.size()) return text;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return text.substr(0, n);
}

// `text` as a quoted JSON string of at most `max_quoted` bytes; when it has
// to be cut, the cut text says how long the original was.
std::string QuoteWithin(std::string_view text, size_t max_quoted) {
  std::string quoted = Quote(text);
  if (quoted.size() <= max_quoted) return quoted;

  const std::string suffix =
      absl::StrCat("... (truncated, ", text.size(), " bytes)");
  size_t n = std::min(text.size(), max_quoted);
  while (n > 0) {
    quoted = Quote(absl::StrCat(Absl(CutUtf8(text, n)), suffix));
    if (quoted.size() <= max_quoted) return quoted;
    const size_t excess = quoted.size() - max_quoted;
    n = excess < n ? n - excess : 0;
  }
  quoted = Quote(suffix);
  return quoted.size() <= max_quoted ? quoted : "\"\"";
}

bool IsReservedKey(std::string_view key) {
  return key == "@level" || key == "@message" || key == "@module" ||
         key == "@timestamp";
}

// `value` serialised in at most `room` bytes: strings are cut, other values
// are replaced by a note of their size. Empty when even that does not fit.
std::string DumpWithin(const nlohmann::json& value, size_t room) {
  std::string dumped = DumpJson(value);
  if (dumped.size() <= room) return dumped;
  if (value.is_string())
    return QuoteWithin(value.get_ref<const std::string&>(), room);
  dumped = Quote(absl::StrCat("(truncated, ", dumped.size(), " bytes)"));
  return dumped.size() <= room ? dumped : "";
}

void WriteToStderr(const std::string& text) {
  const char* data = text.data();
  size_t left = text.size();
  while (left > 0) {
    const ssize_t n = ::write(STDERR_FILENO, data, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // Nowhere else to report a broken stderr.
    data += n;
    left -= static_cast<size_t>(n);
  }
}

int64_t NowMicros() {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

}  // namespace

Level ParseLevel(std::string_view name) {
  const std::string lower =
      absl::AsciiStrToLower(absl::StripAsciiWhitespace(Absl(name)));
  if (lower == "trace" || lower == "json") return Level::kTrace;
  if (lower == "debug") return Level::kDebug;
  if (lower == "info") return Level::kInfo;
  if (lower == "warn") return Level::kWarn;
  if (lower == "error") return Level::kError;
  return Level::kOff;
}

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kTrace:
      return "trace";
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
    case Level::kOff:
      break;
  }
  return "off";
}

void Init(std::string module_name) {
  Level level = Level::kOff;
  for (const char* var :
       {"TF_LOG_PROVIDER_GANDIMAIL", "TF_LOG_PROVIDER", "TF_LOG"}) {
    const char* value = std::getenv(var);
    if (value != nullptr && *value != '\0') {
      level = ParseLevel(value);
      break;
    }
  }

  std::lock_guard<std::mutex> lock(g_mu);
  g_module = std::move(module_name);
  g_level.store(static_cast<int>(level));
}

void SetLevelForTest(Level level) { g_level.store(static_cast<int>(level)); }

void SetSinkForTest(std::function<void(std::string_view line)> sink) {
  std::lock_guard<std::mutex> lock(g_mu);
  g_sink = std::move(sink);
}

bool Enabled(Level level) {
  return level != Level::kOff &&
         static_cast<int>(level) >= g_level.load(std::memory_order_relaxed);
}

std::string FormatTimestamp(int64_t unix_micros) {
  int64_t secs = unix_micros / 1000000;
  int64_t micros = unix_micros % 1000000;
  if (micros < 0) {
    micros += 1000000;
    --secs;
  }
  const time_t t = static_cast<time_t>(secs);
  struct tm tm;
  localtime_r(&t, &tm);

  char buf[64];
  size_t n = strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
  n += snprintf(buf + n, sizeof(buf) - n, ".%06lld",
                static_cast<long long>(micros));
  const long offset_min = tm.tm_gmtoff / 60;
  if (offset_min == 0) {
    snprintf(buf + n, sizeof(buf) - n, "Z");
  } else {
    const long abs_min = offset_min < 0 ? -offset_min : offset_min;
    snprintf(buf + n, sizeof(buf) - n, "%c%02ld:%02ld",
             offset_min < 0 ? '-' : '+', abs_min / 60, abs_min % 60);
  }
  return buf;
}

std::string FormatLine(Level level, std::string_view module_name,
                       std::string_view timestamp, std::string_view message,
                       const Fields& fields) {
  std::string line =
      absl::StrCat("{\"@level\":", Quote(LevelName(level)),
                   ",\"@message\":", QuoteWithin(message, kMaxMessageQuoted),
                   ",\"@module\":", Quote(module_name),
                   ",\"@timestamp\":", Quote(timestamp));

  // One byte each for the closing brace and the newline.
  const size_t budget = kMaxLineBytes - 2;
  for (const auto& [key, value] : fields) {
    if (IsReservedKey(key)) continue;
    const std::string head = absl::StrCat(",", Quote(key), ":");
    if (line.size() + head.size() >= budget) break;

    const std::string dumped =
        DumpWithin(value, budget - line.size() - head.size());
    if (dumped.empty()) break;
    absl::StrAppend(&line, head, dumped);
  }
  line += "}";
  return line;
}

void Write(Level level, std::string_view message, Fields fields) {
  if (!Enabled(level)) return;
  const std::string timestamp = FormatTimestamp(NowMicros());

  std::string module_name;
  {
    std::lock_guard<std::mutex> lock(g_mu);
    module_name = g_module;
  }
  std::string line = FormatLine(level, module_name, timestamp, message, fields);

  std::lock_guard<std::mutex> lock(g_mu);
  if (g_sink) {
    g_sink(line);
    return;
  }
  line += "\n";
  WriteToStderr(line);
}

}  // namespace gandimail::log
