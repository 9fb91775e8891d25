#ifndef GANDIMAIL_INTERNAL_LOG_LOG_H_
#define GANDIMAIL_INTERNAL_LOG_LOG_H_

// Structured logging in the JSON form of HashiCorp's hclog, written to
// stderr, where go-plugin hosts (Terraform) read it line by line and re-log
// each line with its level, message and fields. Nothing is ever written to
// stdout: stdout carries the plugin handshake.
//
// Every function here is thread-safe. Lines from concurrent threads never
// interleave: each line is written by one write(2) under a mutex.

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "internal/log/redact.h"
#include "nlohmann/json.hpp"

namespace gandimail::log {

// Ordered by verbosity; a line is written when its level is >= the current
// level. kOff is only a threshold, never the level of a line.
enum class Level { kTrace, kDebug, kInfo, kWarn, kError, kOff };

// Extra key/value pairs of a line, written after the four "@" keys in this
// order. Keys that collide with "@level", "@message", "@module" or
// "@timestamp" are dropped.
using Fields = std::vector<std::pair<std::string, nlohmann::json>>;

// The longest line written, newline included. Terraform's reader gives up on
// lines over 64 KiB; longer messages and field values are cut to fit.
inline constexpr size_t kMaxLineBytes = 32 * 1024;

// Sets the "@module" of every line (for example "provider" or
// "provider.gandimail") and the level from the environment: the first
// non-empty of TF_LOG_PROVIDER_GANDIMAIL, TF_LOG_PROVIDER and TF_LOG, read
// case-insensitively as trace, debug, info, warn or error ("json" means
// trace). Unset, "off" or an unknown name turns logging off. Call once at
// startup, before other threads log.
void Init(std::string module_name);

// Parses a level name as Init does; unknown names give kOff.
Level ParseLevel(std::string_view name);

// The lower-case hclog name of `level` ("trace" ... "error", "off").
std::string_view LevelName(Level level);

// Overrides the level (tests, or a provider-side setting).
void SetLevelForTest(Level level);

// Sends every line (without its trailing newline) to `sink` instead of
// stderr; an empty function restores stderr.
void SetSinkForTest(std::function<void(std::string_view line)> sink);

// True when a line at `level` would be written; use it to skip building
// costly fields.
bool Enabled(Level level);

// Writes one line at `level` when enabled. Never throws: values that are not
// valid UTF-8 are written with U+FFFD replacements.
void Write(Level level, std::string_view message, Fields fields = {});

inline void Trace(std::string_view message, Fields fields = {}) {
  Write(Level::kTrace, message, std::move(fields));
}
inline void Debug(std::string_view message, Fields fields = {}) {
  Write(Level::kDebug, message, std::move(fields));
}
inline void Info(std::string_view message, Fields fields = {}) {
  Write(Level::kInfo, message, std::move(fields));
}
inline void Warn(std::string_view message, Fields fields = {}) {
  Write(Level::kWarn, message, std::move(fields));
}
inline void Error(std::string_view message, Fields fields = {}) {
  Write(Level::kError, message, std::move(fields));
}

// Formats a time as hclog does: 2006-01-02T15:04:05.000000Z07:00 in local
// time (Go's layout: "Z" for a zero offset, else "+hh:mm"/"-hh:mm").
// `unix_micros` is microseconds since the epoch. Exposed for tests.
std::string FormatTimestamp(int64_t unix_micros);

// Builds the text of one line (no newline) exactly as Write would, for the
// given timestamp text. Exposed for tests.
std::string FormatLine(Level level, std::string_view module_name,
                       std::string_view timestamp, std::string_view message,
                       const Fields& fields);

}  // namespace gandimail::log

#endif  // GANDIMAIL_INTERNAL_LOG_LOG_H_
