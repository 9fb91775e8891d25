#include "src/resources/common.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "src/gandi/errors.h"
#include "src/gandi/wait.h"

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

bool CreateOutcomeUnknown(const absl::Status& status) {
  return !status.ok() && gandi::MayHaveTakenEffect(status);
}

namespace {

log::Fields WithField(log::Fields fields, const char* name,
                      nlohmann::json value) {
  fields.emplace_back(name, std::move(value));
  return fields;
}

enum class Seen { kFound, kAbsent, kLookupFailed };

// Polls `calls.find` until `until` after a POST went unanswered. Found:
// `outcome` becomes kAdopted. A look-up that fails replaces its status.
Seen LookFor(const CreateCalls& calls, absl::Time until,
             CreateOutcome* outcome) {
  // The wait ends with a look-up's own error as it is, so a look-up that
  // fails with DeadlineExceeded must not read as "not found in time".
  absl::Status lookup_error;
  auto find = [&]() -> absl::StatusOr<bool> {
    absl::StatusOr<bool> seen = calls.find();
    lookup_error = seen.status();
    return seen;
  };
  absl::Status found = gandi::WaitUntil(find, until, calls.first_poll);
  if (found.ok()) {
    log::Debug("create: the object shows; adopting it",
               WithField(calls.fields, "posts", outcome->posts));
    outcome->how = CreateOutcome::How::kAdopted;
    outcome->status = absl::OkStatus();
    return Seen::kFound;
  }
  outcome->how = CreateOutcome::How::kUnknown;
  if (absl::IsDeadlineExceeded(found) && lookup_error.ok()) {
    return Seen::kAbsent;
  }
  outcome->lookup_failed = true;
  log::Debug("create: looking for the object failed",
             WithField(calls.fields, "error", std::string(found.message())));
  outcome->status = found;
  return Seen::kLookupFailed;
}

// Sends the POST and files its answer in `outcome`; true when it needs a
// look-up (no answer, or a 5xx).
bool Post(const CreateCalls& calls, CreateOutcome* outcome) {
  ++outcome->posts;
  absl::StatusOr<gandi::Acknowledgement> ack = calls.post();
  if (ack.ok()) {
    outcome->how = CreateOutcome::How::kAnswered;
    outcome->status = absl::OkStatus();
    outcome->ack = *std::move(ack);
    return false;
  }
  outcome->status = ack.status();
  bool unknown = CreateOutcomeUnknown(ack.status());
  outcome->how =
      unknown ? CreateOutcome::How::kUnknown : CreateOutcome::How::kRefused;
  log::Debug(unknown ? "create: no clear answer; looking for the object"
                     : "create: refused",
             WithField(WithField(calls.fields, "posts", outcome->posts),
                       "error", std::string(ack.status().message())));
  return unknown;
}

}  // namespace

CreateOutcome SendCreate(const CreateCalls& calls, absl::Time deadline) {
  CreateOutcome outcome;
  if (!Post(calls, &outcome)) return outcome;

  absl::Duration window =
      std::min(calls.lookup_limit, (deadline - absl::Now()) / 2);
  // Without a look-up there is no knowing what the POST did: no re-send.
  if (LookFor(calls, absl::Now() + window, &outcome) != Seen::kAbsent) {
    return outcome;
  }

  log::Debug("create: the object does not show; sending the POST again",
             calls.fields);
  bool unknown = Post(calls, &outcome);
  // A 409 now means that the first POST made the object after all, later
  // than the look-up waited (or that another made it: then it is refused).
  bool conflict = absl::IsAlreadyExists(outcome.status);
  if (!unknown && !conflict) return outcome;

  absl::Status last = outcome.status;
  Seen seen = LookFor(calls, deadline, &outcome);
  if (seen == Seen::kFound) return outcome;
  if (conflict) {
    outcome.how = CreateOutcome::How::kRefused;
    outcome.status = last;
  } else if (seen == Seen::kAbsent) {
    outcome.status = last;
  }
  return outcome;
}

void AddCreateOutcomeUnknown(tfplugin::Diagnostics* diagnostics,
                             const std::string& summary,
                             const std::string& object,
                             const std::string& import_id,
                             const CreateOutcome& outcome) {
  std::string sent =
      outcome.posts > 1
          ? "The create request was sent twice, the second time after "
            "checking that the first had made nothing, and neither got a "
            "clear answer"
          : "The create request got no clear answer";
  std::string known =
      !outcome.lookup_failed
          ? absl::StrCat(". ", object,
                         " did not show before the create timeout, so it")
      : outcome.posts > 1
          ? absl::StrCat(", and looking for the result failed. ", object)
          : absl::StrCat(
                ", and looking for the result failed, so it was "
                "not sent again. ",
                object);
  AddApiError(
      diagnostics, summary,
      absl::StrCat(
          sent, known,
          " may or may not exist, and Terraform does not record it. Run "
          "`terraform plan`: if it exists, bring it under Terraform with "
          "`terraform import` (ID ",
          import_id,
          ") or an import block instead of applying again; if it does "
          "not, apply again."),
      outcome.status);
}

}  // namespace gandimail::resources
