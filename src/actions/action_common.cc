#include "src/actions/action_common.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "internal/log/redact.h"
#include "src/gandi/errors.h"
#include "src/resources/common.h"

namespace gandimail::actions {
namespace {

using cty::Type;
using cty::Value;
using tfplugin::Diagnostics;

constexpr absl::Duration kFirstPause = absl::Milliseconds(200);
constexpr absl::Duration kLongestPause = absl::Seconds(5);
// Pauses are sliced so that a stopped provider is noticed within this.
constexpr absl::Duration kStopCheck = absl::Milliseconds(50);

bool IsUuid(const std::string& text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !absl::ascii_isxdigit(text[i])) return false;
  }
  return true;
}

tfplugin::Validator IsDomainName() {
  return [](const Value& v, const cty::Path& path, Diagnostics* d) {
    const std::string& name = v.AsString();
    if (!name.empty() && name.find_first_of("@/ \t\r\n") == std::string::npos &&
        name.find('.') != std::string::npos) {
      return;
    }
    d->AddError("Invalid Domain Name",
                absl::StrCat("\"", name,
                             "\" is not a domain name. Use the domain of the "
                             "mail alone, such as \"example.com\"."),
                path);
  };
}

tfplugin::Validator IsMailboxId() {
  return [](const Value& v, const cty::Path& path, Diagnostics* d) {
    const std::string& id = v.AsString();
    if (IsUuid(id)) return;
    std::string hint =
        absl::StrContains(id, "@")
            ? " An address is not accepted here, since a mailbox keeps its "
              "id when it is renamed."
            : "";
    d->AddError("Invalid Mailbox ID",
                absl::StrCat("\"", id,
                             "\" is not a mailbox id. Use the mailbox's UUID, "
                             "such as gandimail_mailbox.alice.id or the id "
                             "attribute of data.gandimail_mailbox.",
                             hint),
                path);
  };
}

// Sleeps `pause`, in slices; Cancelled as soon as the provider stops.
absl::Status Pause(const ApiHandle& api, absl::Duration pause) {
  absl::Time until = absl::Now() + pause;
  while (absl::Now() < until) {
    if (api.http->stopped()) {
      return absl::CancelledError("the provider was stopped");
    }
    absl::SleepFor(std::min(kStopCheck, until - absl::Now()));
  }
  return absl::OkStatus();
}

// The sentence telling the user what to do about `status`. A refused
// token (401, 403) needs none here: the API client's message already names
// the settings to check.
std::string AdviceFor(const absl::Status& status, const Advice& advice) {
  if (MayHaveTakenEffect(status) && !advice.outcome_unknown.empty()) {
    return advice.outcome_unknown;
  }
  switch (status.code()) {
    case absl::StatusCode::kNotFound:
      return advice.not_found;
    case absl::StatusCode::kFailedPrecondition:
      return "The prepaid account does not hold enough credit: top it up in "
             "Gandi's web interface (the organization of the provider's "
             "sharing_id, if set), then try again.";
    case absl::StatusCode::kResourceExhausted:
      return "Gandi is limiting the request rate: wait a minute and try "
             "again, or lower the provider's requests_per_minute.";
    case absl::StatusCode::kCancelled:
      return "Terraform stopped the provider before the request was sent.";
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
      return "Gandi did not answer properly: try again later.";
    default:
      return "";
  }
}

bool IsCreditRefusal(const gandi::FieldError& error) {
  return absl::StrContains(absl::AsciiStrToLower(error.description), "credit");
}

}  // namespace

tfplugin::Attribute DomainAttribute(std::string description) {
  return tfplugin::Attr("domain", Type::String())
      .Required()
      .Validate(IsDomainName())
      .Describe(std::move(description));
}

tfplugin::Attribute MailboxIdAttribute(std::string description) {
  return tfplugin::Attr("mailbox_id", Type::String())
      .Required()
      .Validate(IsMailboxId())
      .Describe(std::move(description));
}

void RequireAttributes(const Value& config,
                       const std::vector<std::string>& names,
                       Diagnostics* diagnostics) {
  if (config.IsNull() || !config.IsKnown()) return;
  for (const std::string& name : names) {
    const Value* value = config.FindAttr(name);
    if (value == nullptr || !value->IsKnown() || !value->IsNull()) continue;
    diagnostics->AddError(
        "Missing Required Argument",
        absl::StrCat("The argument \"", name,
                     "\" is required: set it in the action's config block."),
        cty::Path().Attr(name));
  }
}

bool MayHaveTakenEffect(const absl::Status& status) {
  return gandi::MayHaveTakenEffect(status) || absl::IsDeadlineExceeded(status);
}

void AddFailure(Diagnostics* diagnostics, std::string summary,
                const std::string& detail, const absl::Status& status,
                const Advice& advice, const std::vector<std::string>& secrets) {
  std::string message =
      log::ScrubSecrets(std::string(status.message()), secrets);
  std::string todo = AdviceFor(status, advice);
  std::string full =
      absl::StrCat(detail, todo.empty() ? "" : " ", todo, "\n\n", message);
  std::optional<cty::Path> path;
  if (absl::IsNotFound(status) && !MayHaveTakenEffect(status)) {
    path = advice.not_found_path;
  }
  diagnostics->AddError(std::move(summary), std::move(full), path);
}

void AddDryRunRefusals(const gandi::DryRunResult& result,
                       const std::string& summary, const std::string& detail,
                       const std::vector<std::string>& argument_names,
                       Diagnostics* diagnostics) {
  for (const gandi::FieldError& error : result.errors) {
    bool credit = IsCreditRefusal(error);
    std::optional<cty::Path> path;
    if (!credit && std::find(argument_names.begin(), argument_names.end(),
                             error.name) != argument_names.end()) {
      path = cty::Path().Attr(error.name);
    }
    std::string todo = credit ? "Top up the prepaid account in Gandi's web "
                                "interface, then plan again."
                              : "Fix what Gandi names and plan again.";
    diagnostics->AddError(summary,
                          absl::StrCat(detail, " ", todo, "\n\n", error.name,
                                       ": ", error.description),
                          path);
  }
  if (result.status != "success" && result.errors.empty()) {
    diagnostics->AddError(
        summary, absl::StrCat(detail, " Gandi gave no reason (status \"",
                              result.status, "\"). Try again later."));
  }
  if (result.warning.has_value()) {
    diagnostics->AddWarning("Gandi Warning",
                            absl::StrCat(detail, "\n\n", *result.warning));
  }
}

absl::Status AwaitEffect(const ApiHandle& api,
                         const std::function<absl::StatusOr<bool>()>& ready,
                         absl::Duration limit) {
  const absl::Time deadline = absl::Now() + limit;
  absl::Duration pause = kFirstPause;
  absl::Status last = absl::OkStatus();
  while (true) {
    if (api.http->stopped()) {
      return absl::CancelledError("the provider was stopped");
    }
    absl::StatusOr<bool> done = ready();
    if (absl::IsCancelled(done.status())) return done.status();
    if (done.ok() && *done) return absl::OkStatus();
    if (!done.ok()) last = done.status();

    if (absl::Now() + pause > deadline) {
      return absl::DeadlineExceededError(
          absl::StrCat("not visible after ", absl::FormatDuration(limit),
                       last.ok() ? "" : "; last read: ", last.message()));
    }
    absl::Status paused = Pause(api, pause);
    if (!paused.ok()) return paused;
    pause = std::min(pause * 2, kLongestPause);
  }
}

WriteOutcome WriteAndSettle(
    const ApiHandle& api,
    const std::function<absl::StatusOr<gandi::Acknowledgement>()>& write,
    const std::function<absl::StatusOr<bool>()>& took_effect,
    absl::Duration limit) {
  WriteOutcome outcome;
  outcome.answer = write();
  if (outcome.answer.ok() || !MayHaveTakenEffect(outcome.answer.status())) {
    return outcome;
  }

  absl::Status seen = AwaitEffect(api, took_effect, limit);
  if (seen.ok()) {
    outcome.took_effect = true;
  } else {
    outcome.wait = seen;
  }
  return outcome;
}

void AddWriteFailure(Diagnostics* diagnostics, std::string summary,
                     const std::string& detail, const WriteOutcome& outcome,
                     const Advice& advice,
                     const std::vector<std::string>& secrets) {
  std::string full = detail;
  if (!outcome.wait.ok()) {
    absl::StrAppend(
        &full, " Its effect did not show in reads (",
        log::ScrubSecrets(std::string(outcome.wait.message()), secrets), ").");
  }
  AddFailure(diagnostics, std::move(summary), full, outcome.answer.status(),
             advice, secrets);
}

absl::Time ParseInstant(const std::string& text) {
  absl::Time when;
  if (!resources::ParseRfc3339(text, &when)) return absl::InfinitePast();
  return when;
}

MailboxTarget MailboxTargetOf(const cty::Value& config) {
  return MailboxTarget{config.GetAttr("domain").AsString(),
                       config.GetAttr("mailbox_id").AsString()};
}

Advice MailboxAdvice() {
  Advice advice;
  advice.not_found =
      "Check domain and mailbox_id: no such mailbox exists (it may have "
      "been deleted).";
  advice.not_found_path = cty::Path().Attr("mailbox_id");
  return advice;
}

Advice DomainAdvice() {
  Advice advice;
  advice.not_found = "Check the domain name.";
  advice.not_found_path = cty::Path().Attr("domain");
  return advice;
}

std::optional<gandi::Mailbox> ReadMailbox(gandi::Client& client,
                                          const MailboxTarget& target,
                                          const std::string& consequence,
                                          tfplugin::Diagnostics* diagnostics) {
  absl::StatusOr<gandi::Mailbox> mailbox =
      client.GetMailbox(target.domain, target.mailbox_id);
  if (!mailbox.ok()) {
    AddFailure(diagnostics, "Unable to Read Mailbox",
               absl::StrCat("Reading the mailbox ", target.mailbox_id, " of ",
                            target.domain, " failed", consequence),
               mailbox.status(), MailboxAdvice());
    return std::nullopt;
  }
  return *std::move(mailbox);
}

}  // namespace gandimail::actions
