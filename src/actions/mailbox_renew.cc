#include "src/actions/mailbox_renew.h"

#include <functional>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "internal/base/status_macros.h"
#include "internal/log/log.h"
#include "src/actions/action_common.h"
#include "src/resources/common.h"

namespace gandimail::actions {
namespace {

using cty::Type;
using cty::Value;
using tfplugin::Diagnostics;
using tfplugin::ProgressReporter;

// What one invocation renews, from its (validated, known) config.
struct Target : MailboxTarget {
  int months = 0;
};

Target TargetOf(const Value& config) {
  Target target;
  static_cast<MailboxTarget&>(target) = MailboxTargetOf(config);
  target.months =
      static_cast<int>(config.GetAttr("duration").AsInt64().value_or(0));
  return target;
}

constexpr char kNotRenewed[] = ", so it was not renewed.";

std::string Months(int months) {
  return months == 1 ? "1 month" : absl::StrCat(months, " months");
}

Advice RenewAdvice() {
  Advice advice = MailboxAdvice();
  advice.outcome_unknown =
      "The renewal may have been carried out and charged all the same: "
      "read the mailbox's expires_at (for example with the gandimail_mailbox "
      "data source) before invoking again, so that it is not paid twice.";
  return advice;
}

// True when `now` expires later than `before`: the renewal shows.
bool Extended(const gandi::Mailbox& before, const gandi::Mailbox& now) {
  return ParseInstant(now.expires_at) > ParseInstant(before.expires_at);
}

// The progress line for a renewal that shows.
std::string RenewedLine(const gandi::Mailbox& before,
                        const std::string& expires_at) {
  return absl::StrCat("Renewed ", before.address, ": it now expires at ",
                      expires_at, ".");
}

// The check, for AwaitEffect, that the renewal shows: the mailbox reads
// with a later expiry than `before`. Each read's expiry goes to
// `expires_at`, which must outlive the check.
std::function<absl::StatusOr<bool>()> RenewalShows(const ApiHandle& api,
                                                   const Target& target,
                                                   const gandi::Mailbox& before,
                                                   std::string* expires_at) {
  return [&api, target, before, expires_at]() -> absl::StatusOr<bool> {
    GM_ASSIGN_OR_RETURN(
        gandi::Mailbox now,
        api.gandi->GetMailbox(target.domain, target.mailbox_id));
    *expires_at = now.expires_at;
    return Extended(before, now);
  };
}

// After an accepted renewal: waits (bounded) for the new expiry to show
// and reports it; a slow read is a warning, since the renewal is done.
void ReportNewExpiry(const ApiHandle& api, const Target& target,
                     const gandi::Mailbox& before,
                     const ProgressReporter& progress,
                     Diagnostics* diagnostics) {
  std::string expires_at;
  absl::Status seen =
      AwaitEffect(api, RenewalShows(api, target, before, &expires_at));
  if (seen.ok()) {
    progress(RenewedLine(before, expires_at));
    return;
  }
  diagnostics->AddWarning(
      "Mailbox Renewal Not Yet Visible",
      absl::StrCat("Gandi accepted the renewal of ", before.address,
                   ", but its new expiry date did not show in reads yet (",
                   seen.message(),
                   "). The renewal is done: do not invoke it again. Read "
                   "the mailbox later to see its new expiry date."));
}

// A renewal whose answer failed: when its effect showed all the same it
// was carried out (and paid), and is reported so; otherwise an error.
// `expires_at` is the expiry the last read showed.
void ReportRenewFailure(const Target& target, const gandi::Mailbox& before,
                        const WriteOutcome& outcome,
                        const std::string& expires_at,
                        const ProgressReporter& progress,
                        Diagnostics* diagnostics) {
  if (outcome.took_effect) {
    progress(RenewedLine(before, expires_at));
    diagnostics->AddWarning(
        "Mailbox Renewal Answer Lost",
        absl::StrCat("Gandi's answer to the renewal of ", before.address,
                     " was lost, but its expiry moved from ", before.expires_at,
                     " to ", expires_at,
                     ", so the renewal was carried out. Do not invoke it "
                     "again.\n\n",
                     outcome.answer.status().message()));
    return;
  }
  AddWriteFailure(diagnostics, "Unable to Renew Mailbox",
                  absl::StrCat("Renewing ", before.address, " for ",
                               Months(target.months), " failed."),
                  outcome, RenewAdvice());
}

tfplugin::Schema BuildSchema() {
  tfplugin::Schema schema;
  schema.block.description =
      "Renews one mailbox for 1 or 12 months. The same renewal converts a "
      "free mailbox into a paid one: a free mailbox that is not converted "
      "is deleted when it expires.\n\n"
      "**Costs money.** Every invocation renews again and charges the "
      "prepaid account of the Gandi organization (the provider's "
      "`sharing_id`, if set) the monthly price of the mailbox's type times "
      "`duration`. Planning asks Gandi with `Dry-Run: 1` whether the "
      "renewal would go through (the mailbox exists, the credit suffices) "
      "and charges nothing.\n\n"
      "Invoke it with `terraform apply "
      "-invoke=action.gandimail_mailbox_renew.NAME` or from a resource's "
      "`action_trigger` (Terraform 1.14 or later).";
  schema.block.attributes = {
      DomainAttribute("The mailbox's domain, such as `example.com`."),
      MailboxIdAttribute(
          "The mailbox's UUID, such as `gandimail_mailbox.alice.id`. The "
          "provider reads the mailbox first and names it to the API by its "
          "address."),
      tfplugin::Attr("duration", Type::Number())
          .Required()
          .Validate(resources::OneOfInts({1, 12}))
          .Describe("How many months to renew for: `1` or `12`. The charge "
                    "is the type's monthly price times this."),
  };
  return schema;
}

class MailboxRenewAction final : public tfplugin::Action {
 public:
  explicit MailboxRenewAction(const ApiSource* api)
      : api_(api), schema_(BuildSchema()) {}

  std::string TypeName() const override { return "gandimail_mailbox_renew"; }
  const tfplugin::Schema& GetSchema() const override { return schema_; }

  void Validate(const Value& config, Diagnostics* diagnostics) override {
    RequireAttributes(config, {"domain", "mailbox_id", "duration"},
                      diagnostics);
  }

  // Reads the mailbox, then asks for the renewal with Dry-Run: nothing is
  // charged, and a refusal (credit, mailbox) stops the plan.
  void Plan(const Value& config, Diagnostics* diagnostics) override {
    std::shared_ptr<const ApiHandle> api = api_->Api(diagnostics);
    if (api == nullptr) return;
    Target target = TargetOf(config);
    std::optional<gandi::Mailbox> mailbox =
        ReadMailbox(*api->gandi, target, kNotRenewed, diagnostics);
    if (!mailbox.has_value()) return;

    absl::StatusOr<gandi::DryRunResult> result = api->gandi->DryRunRenewMailbox(
        target.domain, mailbox->address, target.months);
    if (!result.ok()) {
      AddFailure(diagnostics, "Unable to Check Mailbox Renewal",
                 absl::StrCat("Asking Gandi with Dry-Run whether it would "
                              "renew ",
                              mailbox->address, " for ", Months(target.months),
                              " failed."),
                 result.status(), MailboxAdvice());
      return;
    }
    AddDryRunRefusals(*result, "Mailbox Renewal Refused",
                      absl::StrCat("Gandi would not renew ", mailbox->address,
                                   " for ", Months(target.months), "."),
                      {"duration"}, diagnostics);
  }

  void Invoke(const Value& config, const ProgressReporter& progress,
              Diagnostics* diagnostics) override {
    std::shared_ptr<const ApiHandle> api = api_->Api(diagnostics);
    if (api == nullptr) return;
    Target target = TargetOf(config);
    std::optional<gandi::Mailbox> mailbox =
        ReadMailbox(*api->gandi, target, kNotRenewed, diagnostics);
    if (!mailbox.has_value()) return;

    progress(absl::StrCat("Renewing ", mailbox->address, " (",
                          mailbox->mailbox_type, ", expires ",
                          mailbox->expires_at, ") for ", Months(target.months),
                          ", charged to the prepaid account."));
    log::Info("renewing a mailbox", {{"domain", target.domain},
                                     {"mailbox_id", target.mailbox_id},
                                     {"duration", target.months}});
    std::string expires_at;
    WriteOutcome outcome = WriteAndSettle(
        *api,
        [&] {
          return api->gandi->RenewMailbox(target.domain, mailbox->address,
                                          target.months);
        },
        RenewalShows(*api, target, *mailbox, &expires_at));
    if (!outcome.answer.ok()) {
      ReportRenewFailure(target, *mailbox, outcome, expires_at, progress,
                         diagnostics);
      return;
    }
    const gandi::Acknowledgement& ack = *outcome.answer;

    progress(absl::StrCat("Gandi accepted the renewal of ", mailbox->address,
                          ": ", ack.message));
    ReportNewExpiry(*api, target, *mailbox, progress, diagnostics);
  }

 private:
  const ApiSource* const api_;
  const tfplugin::Schema schema_;
};

}  // namespace

std::shared_ptr<tfplugin::Action> NewMailboxRenewAction(const ApiSource* api) {
  return std::make_shared<MailboxRenewAction>(api);
}

}  // namespace gandimail::actions
