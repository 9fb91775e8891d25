#include "src/resources/common.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace gandimail::resources {

using cty::Type;
using cty::Value;

tfplugin::Attribute TimeoutsAttribute(const std::vector<std::string>& ops,
                                      absl::Duration fallback) {
  std::vector<tfplugin::Attribute> children;
  for (const std::string& op : ops) {
    children.push_back(
        tfplugin::Attr(op, Type::String())
            .Optional()
            .Validate(IsDuration())
            .Describe(absl::StrCat("How long ", op,
                                   " may take, as a "
                                   "duration such as `10m`. Defaults to `",
                                   absl::FormatDuration(fallback), "`.")));
  }
  return tfplugin::NestedAttr("timeouts",
                              tfplugin::NestedObject::Nesting::kSingle,
                              std::move(children))
      .Optional()
      .Describe(
          "Time limits for waiting on the API. Not sent to Gandi and "
          "not imported.");
}

absl::Duration TimeoutFor(const Value& object, const std::string& op,
                          absl::Duration fallback) {
  if (object.IsNull() || !object.IsKnown()) return fallback;
  const Value* timeouts = object.FindAttr("timeouts");
  if (timeouts == nullptr || timeouts->IsNull() || !timeouts->IsKnown()) {
    return fallback;
  }
  const Value* value = timeouts->FindAttr(op);
  if (value == nullptr || value->IsNull() || !value->IsKnown()) {
    return fallback;
  }
  absl::Duration parsed;
  if (!absl::ParseDuration(value->AsString(), &parsed)) return fallback;
  return parsed;
}

tfplugin::Validator OneOf(std::vector<std::string> allowed) {
  return [allowed](const Value& v, const cty::Path& path,
                   tfplugin::Diagnostics* d) {
    if (std::find(allowed.begin(), allowed.end(), v.AsString()) !=
        allowed.end()) {
      return;
    }
    d->AddError("Invalid Attribute Value",
                absl::StrCat("\"", v.AsString(), "\" is not allowed here. Use ",
                             "one of: ", absl::StrJoin(allowed, ", "), "."),
                path);
  };
}

tfplugin::Validator OneOfInts(std::vector<int64_t> allowed) {
  return [allowed](const Value& v, const cty::Path& path,
                   tfplugin::Diagnostics* d) {
    std::optional<int64_t> n = v.AsInt64();
    if (n.has_value() &&
        std::find(allowed.begin(), allowed.end(), *n) != allowed.end()) {
      return;
    }
    d->AddError("Invalid Attribute Value",
                absl::StrCat(v.NumberString(), " is not allowed here. Use ",
                             "one of: ", absl::StrJoin(allowed, ", "), "."),
                path);
  };
}

tfplugin::Validator IsDuration() {
  return [](const Value& v, const cty::Path& path, tfplugin::Diagnostics* d) {
    absl::Duration parsed;
    if (absl::ParseDuration(v.AsString(), &parsed) &&
        parsed > absl::ZeroDuration()) {
      return;
    }
    d->AddError("Invalid Duration",
                absl::StrCat("\"", v.AsString(),
                             "\" is not a positive "
                             "duration. Use a form such as \"30s\", \"10m\" "
                             "or \"1h30m\"."),
                path);
  };
}

bool ParseRfc3339(const std::string& text, absl::Time* out) {
  std::string error;
  return absl::ParseTime(absl::RFC3339_full, text, out, &error);
}

tfplugin::Validator IsRfc3339() {
  return [](const Value& v, const cty::Path& path, tfplugin::Diagnostics* d) {
    absl::Time parsed;
    if (ParseRfc3339(v.AsString(), &parsed)) return;
    d->AddError("Invalid Date-Time",
                absl::StrCat("\"", v.AsString(),
                             "\" is not an RFC 3339 "
                             "date-time. Use a form such as "
                             "\"2026-07-10T18:00:00Z\" or "
                             "\"2026-07-10T20:00:00+02:00\"."),
                path);
  };
}

bool SameInstant(const std::string& a, const std::string& b) {
  if (a == b) return true;
  absl::Time ta, tb;
  return ParseRfc3339(a, &ta) && ParseRfc3339(b, &tb) && ta == tb;
}

void AddApiError(tfplugin::Diagnostics* diagnostics, std::string summary,
                 std::string detail, const absl::Status& status) {
  diagnostics->AddStatusError(std::move(summary), std::move(detail), status);
}

}  // namespace gandimail::resources
