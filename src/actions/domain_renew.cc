#include "src/actions/domain_renew.h"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "internal/base/status_macros.h"
#include "internal/log/log.h"
#include "src/actions/action_common.h"

namespace gandimail::actions {
namespace {

using cty::Value;
using tfplugin::Diagnostics;
using tfplugin::ProgressReporter;
using Mailboxes = std::vector<gandi::MailboxSummary>;

// Progress lines name this many addresses at most.
constexpr size_t kNamedMailboxes = 10;

Advice RenewAdvice() {
  Advice advice = DomainAdvice();
  advice.outcome_unknown =
      "The renewal may have been carried out and charged all the same: "
      "read the mailboxes' expires_at (for example with the "
      "gandimail_mailboxes data source) before invoking again, so that they "
      "are not paid twice.";
  return advice;
}

std::optional<Mailboxes> ReadMailboxes(gandi::Client& client,
                                       const std::string& domain,
                                       Diagnostics* diagnostics) {
  absl::StatusOr<Mailboxes> mailboxes = client.ListMailboxes(domain);
  if (!mailboxes.ok()) {
    AddFailure(diagnostics, "Unable to Read Mailboxes",
               absl::StrCat("Listing the mailboxes of ", domain,
                            " failed, so they were not renewed."),
               mailboxes.status(), DomainAdvice());
    return std::nullopt;
  }
  return *std::move(mailboxes);
}

void WarnNothingToRenew(const std::string& domain, Diagnostics* diagnostics) {
  diagnostics->AddWarning(
      "No Mailbox to Renew",
      absl::StrCat(domain,
                   " has no mailboxes, so this action renews nothing and "
                   "charges nothing: no renewal is sent."));
}

// "the 3 mailboxes of example.com (a@example.com, ...)".
std::string Describe(const std::string& domain, const Mailboxes& mailboxes) {
  std::vector<std::string> named;
  for (size_t i = 0; i < mailboxes.size() && i < kNamedMailboxes; ++i) {
    named.push_back(mailboxes[i].address);
  }
  std::string more =
      mailboxes.size() > kNamedMailboxes
          ? absl::StrCat(" and ", mailboxes.size() - kNamedMailboxes, " more")
          : "";
  return absl::StrCat("the ", mailboxes.size(),
                      mailboxes.size() == 1 ? " mailbox" : " mailboxes", " of ",
                      domain, " (", absl::StrJoin(named, ", "), more, ")");
}

// " Whether a@example.com was renewed is unknown: ..." for the mailboxes
// whose expiry cannot be read; "" when every one reads.
std::string UnknownNote(const ExpiryComparison& comparison) {
  if (comparison.unknown.empty()) return "";
  return absl::StrCat(" Whether ", absl::StrJoin(comparison.unknown, ", "),
                      comparison.unknown.size() == 1 ? " was" : " were",
                      " renewed is unknown: Gandi wrote an expiry date the "
                      "provider cannot read.");
}

// The progress line for a renewal that shows.
std::string RenewedLine(const std::string& domain, const Mailboxes& before,
                        const ExpiryComparison& comparison) {
  return absl::StrCat("Renewed ", Describe(domain, before),
                      ": the earliest now expires at ", comparison.earliest,
                      ".", UnknownNote(comparison));
}

// The check, for AwaitEffect, that the renewal shows in the domain's list.
// Each read's comparison goes to `seen`, which must outlive the check.
std::function<absl::StatusOr<bool>()> RenewalShows(const ApiHandle& api,
                                                   const std::string& domain,
                                                   const Mailboxes& before,
                                                   ExpiryComparison* seen) {
  return [&api, domain, &before, seen]() -> absl::StatusOr<bool> {
    GM_ASSIGN_OR_RETURN(Mailboxes now, api.gandi->ListMailboxes(domain));
    *seen = CompareExpiries(before, now);
    return seen->extended;
  };
}

void ReportNewExpiries(const ApiHandle& api, const std::string& domain,
                       const Mailboxes& before,
                       const ProgressReporter& progress,
                       Diagnostics* diagnostics) {
  ExpiryComparison comparison;
  absl::Status seen =
      AwaitEffect(api, RenewalShows(api, domain, before, &comparison));
  if (seen.ok()) {
    progress(RenewedLine(domain, before, comparison));
    return;
  }
  diagnostics->AddWarning(
      "Domain Renewal Not Yet Visible",
      absl::StrCat("Gandi accepted the renewal of ", Describe(domain, before),
                   ", but the new expiry dates did not all show in reads yet (",
                   seen.message(), ").", UnknownNote(comparison),
                   " The renewal is done: do not invoke it again. Read the "
                   "mailboxes later to see their new expiry dates."));
}

// A renewal whose answer failed: when its effect showed all the same it
// was carried out (and paid), and is reported so; otherwise an error.
// `comparison` is what the last read showed.
void ReportRenewFailure(const std::string& domain, const Mailboxes& before,
                        const WriteOutcome& outcome,
                        const ExpiryComparison& comparison,
                        const ProgressReporter& progress,
                        Diagnostics* diagnostics) {
  if (outcome.took_effect) {
    progress(RenewedLine(domain, before, comparison));
    diagnostics->AddWarning(
        "Domain Renewal Answer Lost",
        absl::StrCat("Gandi's answer to the renewal of ",
                     Describe(domain, before),
                     " was lost, but every expiry moved, so the renewal "
                     "was carried out. Do not invoke it again.\n\n",
                     outcome.answer.status().message()));
    return;
  }
  AddWriteFailure(
      diagnostics, "Unable to Renew Mailboxes",
      absl::StrCat("Renewing ", Describe(domain, before), " failed."), outcome,
      RenewAdvice());
}

tfplugin::Schema BuildSchema() {
  tfplugin::Schema schema;
  schema.block.description =
      "Renews every mailbox of a domain in one request, for Gandi's default "
      "period (this API route takes no duration). Like "
      "`gandimail_mailbox_renew`, it converts free mailboxes into paid "
      "ones.\n\n"
      "**Costs money, per mailbox.** Every invocation renews all of the "
      "domain's mailboxes again and charges the prepaid account of the "
      "Gandi organization (the provider's `sharing_id`, if set) for each "
      "of them. Planning lists the mailboxes and asks Gandi with "
      "`Dry-Run: 1` whether the renewal would go through, charging "
      "nothing. A domain without mailboxes is not renewed at all.\n\n"
      "Invoke it with `terraform apply "
      "-invoke=action.gandimail_domain_renew.NAME` (Terraform 1.14 or "
      "later).";
  schema.block.attributes = {
      DomainAttribute("The domain whose mailboxes are all renewed, such as "
                      "`example.com`."),
  };
  return schema;
}

class DomainRenewAction final : public tfplugin::Action {
 public:
  explicit DomainRenewAction(const ApiSource* api)
      : api_(api), schema_(BuildSchema()) {}

  std::string TypeName() const override { return "gandimail_domain_renew"; }
  const tfplugin::Schema& GetSchema() const override { return schema_; }

  void Validate(const Value& config, Diagnostics* diagnostics) override {
    RequireAttributes(config, {"domain"}, diagnostics);
  }

  void Plan(const Value& config, Diagnostics* diagnostics) override {
    std::shared_ptr<const ApiHandle> api = api_->Api(diagnostics);
    if (api == nullptr) return;
    std::string domain = config.GetAttr("domain").AsString();
    std::optional<Mailboxes> mailboxes =
        ReadMailboxes(*api->gandi, domain, diagnostics);
    if (!mailboxes.has_value()) return;
    if (mailboxes->empty()) return WarnNothingToRenew(domain, diagnostics);

    absl::StatusOr<gandi::DryRunResult> result =
        api->gandi->DryRunRenewAllMailboxes(domain);
    if (!result.ok()) {
      AddFailure(diagnostics, "Unable to Check Domain Renewal",
                 absl::StrCat("Asking Gandi with Dry-Run whether it would "
                              "renew ",
                              Describe(domain, *mailboxes), " failed."),
                 result.status(), DomainAdvice());
      return;
    }
    AddDryRunRefusals(*result, "Domain Renewal Refused",
                      absl::StrCat("Gandi would not renew ",
                                   Describe(domain, *mailboxes), "."),
                      {}, diagnostics);
  }

  void Invoke(const Value& config, const ProgressReporter& progress,
              Diagnostics* diagnostics) override {
    std::shared_ptr<const ApiHandle> api = api_->Api(diagnostics);
    if (api == nullptr) return;
    std::string domain = config.GetAttr("domain").AsString();
    std::optional<Mailboxes> before =
        ReadMailboxes(*api->gandi, domain, diagnostics);
    if (!before.has_value()) return;
    if (before->empty()) return WarnNothingToRenew(domain, diagnostics);

    progress(absl::StrCat("Renewing ", Describe(domain, *before),
                          before->size() == 1 ? ", charged" : ", each charged",
                          " to the prepaid account."));
    log::Info("renewing every mailbox of a domain",
              {{"domain", domain}, {"mailboxes", before->size()}});
    ExpiryComparison comparison;
    WriteOutcome outcome = WriteAndSettle(
        *api, [&] { return api->gandi->RenewAllMailboxes(domain); },
        RenewalShows(*api, domain, *before, &comparison));
    if (!outcome.answer.ok()) {
      ReportRenewFailure(domain, *before, outcome, comparison, progress,
                         diagnostics);
      return;
    }

    progress(absl::StrCat("Gandi accepted the renewal of ", domain, ": ",
                          outcome.answer->message));
    ReportNewExpiries(*api, domain, *before, progress, diagnostics);
  }

 private:
  const ApiSource* const api_;
  const tfplugin::Schema schema_;
};

}  // namespace

ExpiryComparison CompareExpiries(const Mailboxes& before,
                                 const Mailboxes& now) {
  std::map<std::string, const gandi::MailboxSummary*> listed;
  for (const auto& m : now) listed[m.id] = &m;
  ExpiryComparison out;
  bool all_moved = true;
  absl::Time first = absl::InfiniteFuture();
  for (const auto& old : before) {
    auto it = listed.find(old.id);
    if (it == listed.end()) return ExpiryComparison{};
    absl::Time was = ParseInstant(old.expires_at);
    absl::Time is = ParseInstant(it->second->expires_at);
    if (was == absl::InfinitePast() || is == absl::InfinitePast()) {
      out.unknown.push_back(old.address);
      continue;
    }
    if (is <= was) all_moved = false;
    if (is < first) {
      first = is;
      out.earliest = it->second->expires_at;
    }
  }
  out.extended = all_moved && !out.earliest.empty();
  return out;
}

std::shared_ptr<tfplugin::Action> NewDomainRenewAction(const ApiSource* api) {
  return std::make_shared<DomainRenewAction>(api);
}

}  // namespace gandimail::actions
