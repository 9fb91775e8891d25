#include "src/resources/mailbox_plan.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "internal/log/redact.h"
#include "src/gandi/errors.h"
#include "src/resources/mailbox_rules.h"
#include "src/resources/mailbox_state.h"

namespace gandimail::resources {
namespace {

using cty::Type;
using cty::Value;

bool Known(const Value& v) { return !v.IsNull() && v.IsKnown(); }

std::string AddressOf(const Value& object) {
  if (!Known(object.GetAttr("login")) || !Known(object.GetAttr("domain"))) {
    return "this mailbox";
  }
  return absl::StrCat(object.GetAttr("login").AsString(), "@",
                      object.GetAttr("domain").AsString());
}

Value PlannedAddress(const Value& planned) {
  const Value& login = planned.GetAttr("login");
  const Value& domain = planned.GetAttr("domain");
  if (!login.IsKnown() || !domain.IsKnown()) {
    return Value::Unknown(Type::String());
  }
  return Value::String(absl::StrCat(login.AsString(), "@", domain.AsString()));
}

Value PlannedAliasCount(const Value& planned) {
  const Value& aliases = planned.GetAttr("aliases");
  if (!aliases.IsWhollyKnown()) return Value::Unknown(Type::Number());
  return Value::Int(aliases.IsNull() ? 0 : aliases.LengthInt());
}

// True when the plan replaces the mailbox: a changed domain (the only
// replace path; a forbidden type change is refused before this matters).
bool PlanReplaces(const Value& prior, const Value& planned) {
  return prior.GetAttr("domain") != planned.GetAttr("domain");
}

// The summary names the mailbox: Terraform folds warnings whose summaries
// are equal, which would hide every mailbox but the first.
void WarnMailDeleted(const Value& prior, tfplugin::Diagnostics* diagnostics) {
  diagnostics->AddWarning(
      absl::StrCat("Mailbox Will Be Replaced, Its Mail Deleted: ",
                   AddressOf(prior)),
      absl::StrCat("This plan replaces the mailbox ", AddressOf(prior),
                   ": the mailbox and all the mail stored in it are deleted, "
                   "and a new, empty mailbox is created. Copy any mail you "
                   "want to keep before you apply."),
      cty::Path().Attr("domain"));
}

void RefuseTypeChange(const Value& prior, const Value& planned,
                      tfplugin::Diagnostics* diagnostics) {
  std::string from = prior.GetAttr("mailbox_type").AsString();
  std::string to = planned.GetAttr("mailbox_type").AsString();
  diagnostics->AddError(
      "Mailbox Type Cannot Change In Place",
      absl::StrCat(
          "The mailbox ", AddressOf(prior), " cannot move from \"", from,
          "\" to \"", to,
          "\": the API changes a mailbox's type only to standard_2023 or "
          "premium_2023. Set mailbox_type to one of those to change it in "
          "place and keep the mail.\n\nThe only other way is to replace the "
          "mailbox, which deletes it and all of its mail. To do that on "
          "purpose, mark it for replacement with `terraform taint ADDRESS` "
          "(ADDRESS being this resource's address, such as "
          "gandimail_mailbox.alice) and apply again. `terraform apply "
          "-replace=ADDRESS` cannot be used for this change: Terraform first "
          "asks the provider to plan the type change in place, which is "
          "refused here."),
      cty::Path().Attr("mailbox_type"));
}

// Plans expires_at: kept unless the stored type changes (the API then
// recomputes the time left).
Value PlannedExpiry(const Value& prior, const Value& planned) {
  const Value& to = planned.GetAttr("mailbox_type");
  if (!to.IsKnown()) return Value::Unknown(Type::String());
  TypeChange change = ClassifyTypeChange(
      prior.GetAttr("mailbox_type").AsString(), to.AsString());
  if (change == TypeChange::kNone) return prior.GetAttr("expires_at");
  return Value::Unknown(Type::String());
}

void PlanCreate(const tfplugin::PlanRequest& request,
                tfplugin::PlanResponse* response) {
  const Value& config = request.config;
  if (config.GetAttr("password").IsNull() &&
      config.GetAttr("password_wo").IsNull()) {
    response->diagnostics.AddError(
        "Missing Mailbox Password",
        absl::StrCat("Creating the mailbox ", AddressOf(config),
                     " needs a password: set password, or password_wo "
                     "(write-only, kept out of the state)."),
        cty::Path().Attr("password"));
  }
}

// Whether an API refusal is about availability (the slot, the login in
// use) rather than the value itself.
bool IsAvailabilityRefusal(const gandi::FieldError& error) {
  const std::string& text = error.description;
  if (error.name == "mailbox_type") return absl::StrContains(text, "slot");
  if (error.name == "login") {
    return absl::StrContains(text, "in use") ||
           absl::StrContains(text, "taken") ||
           absl::StrContains(text, "exists");
  }
  return false;
}

}  // namespace

void PlanMailbox(const tfplugin::PlanRequest& request,
                 tfplugin::PlanResponse* response) {
  Value planned = response->planned_state;
  planned = planned.WithAttr("address", PlannedAddress(planned))
                .WithAttr("alias_count", PlannedAliasCount(planned));
  const Value& prior = request.prior_state;
  if (prior.IsNull()) {
    PlanCreate(request, response);
    response->planned_state = planned;
    return;
  }

  const Value& to = planned.GetAttr("mailbox_type");
  if (to.IsKnown() &&
      ClassifyTypeChange(prior.GetAttr("mailbox_type").AsString(),
                         to.AsString()) == TypeChange::kForbidden) {
    RefuseTypeChange(prior, planned, &response->diagnostics);
    return;
  }
  if (PlanReplaces(prior, planned)) {
    WarnMailDeleted(prior, &response->diagnostics);
    planned = planned.WithAttr("expires_at", Value::Unknown(Type::String()));
  } else {
    planned = planned.WithAttr("expires_at", PlannedExpiry(prior, planned));
  }
  response->planned_state = planned;
}

void DryRunMailboxCreate(gandi::Client* client, const Value& config,
                         tfplugin::Diagnostics* diagnostics) {
  gandi::MailboxCreate create = MailboxCreateFromConfig(config);
  std::string domain = config.GetAttr("domain").AsString();
  absl::StatusOr<gandi::DryRunResult> result =
      client->DryRunCreateMailbox(domain, create);
  if (!result.ok()) {
    diagnostics->AddWarning(
        "Unable to Check Mailbox Creation",
        absl::StrCat("Asking the API whether it would create ",
                     AddressOf(config),
                     " failed; the plan goes on without that check.\n\n",
                     log::ScrubSecrets(std::string(result.status().message()),
                                       {create.password.Reveal()})));
    return;
  }
  for (const gandi::FieldError& error : result->errors) {
    std::string text =
        log::ScrubSecrets(error.description, {create.password.Reveal()});
    std::optional<cty::Path> path = PathForApiField(error.name);
    if (IsAvailabilityRefusal(error)) {
      diagnostics->AddWarning(
          "Mailbox Cannot Be Created Yet",
          absl::StrCat("The API says it could not create ", AddressOf(config),
                       " now. This apply may still succeed if it frees the "
                       "login or buys a slot first (for example with a "
                       "gandimail_slot the mailbox depends on).\n\n",
                       error.name, ": ", text),
          path);
    } else {
      diagnostics->AddError(
          "Invalid Mailbox Argument",
          absl::StrCat("The API refuses to create ", AddressOf(config),
                       " with this configuration. Fix the argument and plan "
                       "again.\n\n",
                       error.name, ": ", text),
          path);
    }
  }
}

}  // namespace gandimail::resources
