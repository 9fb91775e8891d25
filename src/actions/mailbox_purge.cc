#include "src/actions/mailbox_purge.h"

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "internal/base/status_macros.h"
#include "internal/log/log.h"
#include "src/actions/action_common.h"

namespace gandimail::actions {
namespace {

using cty::Value;
using tfplugin::Diagnostics;
using tfplugin::ProgressReporter;

constexpr char kNothingDeleted[] = ", so none of its mail was deleted.";

Advice PurgeAdvice() {
  Advice advice = MailboxAdvice();
  advice.outcome_unknown =
      "The mail may have been deleted all the same. Invoking the action "
      "again is harmless: it deletes whatever mail is left.";
  return advice;
}

// After an accepted purge: waits (bounded) until the mailbox reads empty.
void ReportPurged(const ApiHandle& api, const MailboxTarget& target,
                  const gandi::Mailbox& before,
                  const ProgressReporter& progress, Diagnostics* diagnostics) {
  absl::Status seen = AwaitEffect(api, [&]() -> absl::StatusOr<bool> {
    GM_ASSIGN_OR_RETURN(
        gandi::Mailbox now,
        api.gandi->GetMailbox(target.domain, target.mailbox_id));
    return now.quota_used == 0;
  });
  if (seen.ok()) {
    progress(absl::StrCat("Deleted the mail of ", before.address,
                          ": it now uses no space."));
    return;
  }
  diagnostics->AddWarning(
      "Mailbox Purge Not Yet Visible",
      absl::StrCat("Gandi accepted the purge of ", before.address,
                   ", but the mailbox did not read empty yet (", seen.message(),
                   "). Gandi deletes the mail on its side; read the mailbox "
                   "later to see its space used drop to 0."));
}

tfplugin::Schema BuildSchema() {
  tfplugin::Schema schema;
  schema.block.description =
      "Deletes all mail stored in one mailbox. The mailbox stays, with its "
      "address, aliases, password and settings.\n\n"
      "**Destroys data.** The deleted mail cannot be recovered, and every "
      "invocation deletes whatever mail the mailbox holds by then. It "
      "costs nothing. The API has no Dry-Run for this: planning only reads "
      "the mailbox and warns which one will lose its mail.\n\n"
      "Invoke it with `terraform apply "
      "-invoke=action.gandimail_mailbox_purge.NAME` (Terraform 1.14 or "
      "later).";
  schema.block.attributes = {
      DomainAttribute("The mailbox's domain, such as `example.com`."),
      MailboxIdAttribute("The UUID of the mailbox whose mail is deleted, "
                         "such as `gandimail_mailbox.alice.id`."),
  };
  return schema;
}

class MailboxPurgeAction final : public tfplugin::Action {
 public:
  explicit MailboxPurgeAction(const ApiSource* api)
      : api_(api), schema_(BuildSchema()) {}

  std::string TypeName() const override { return "gandimail_mailbox_purge"; }
  const tfplugin::Schema& GetSchema() const override { return schema_; }

  void Validate(const Value& config, Diagnostics* diagnostics) override {
    RequireAttributes(config, {"domain", "mailbox_id"}, diagnostics);
  }

  void Plan(const Value& config, Diagnostics* diagnostics) override {
    std::shared_ptr<const ApiHandle> api = api_->Api(diagnostics);
    if (api == nullptr) return;
    std::optional<gandi::Mailbox> mailbox = ReadMailbox(
        *api->gandi, MailboxTargetOf(config), kNothingDeleted, diagnostics);
    if (!mailbox.has_value()) return;

    diagnostics->AddWarning(
        "Mail Will Be Deleted",
        absl::StrCat("Invoking this action deletes all mail stored in ",
                     mailbox->address, " (space used: ", mailbox->quota_used,
                     "). The mailbox itself stays. Deleted mail cannot be "
                     "recovered."));
  }

  void Invoke(const Value& config, const ProgressReporter& progress,
              Diagnostics* diagnostics) override {
    std::shared_ptr<const ApiHandle> api = api_->Api(diagnostics);
    if (api == nullptr) return;
    MailboxTarget target = MailboxTargetOf(config);
    std::optional<gandi::Mailbox> mailbox =
        ReadMailbox(*api->gandi, target, kNothingDeleted, diagnostics);
    if (!mailbox.has_value()) return;

    progress(absl::StrCat("Deleting all mail stored in ", mailbox->address,
                          " (space used: ", mailbox->quota_used, ")."));
    log::Info("purging a mailbox",
              {{"domain", target.domain}, {"mailbox_id", target.mailbox_id}});
    absl::StatusOr<gandi::Acknowledgement> ack =
        api->gandi->PurgeMailbox(target.domain, target.mailbox_id);
    if (!ack.ok()) {
      AddFailure(
          diagnostics, "Unable to Purge Mailbox",
          absl::StrCat("Deleting the mail of ", mailbox->address, " failed."),
          ack.status(), PurgeAdvice());
      return;
    }

    progress(absl::StrCat("Gandi accepted the purge of ", mailbox->address,
                          ": ", ack->message));
    ReportPurged(*api, target, *mailbox, progress, diagnostics);
  }

 private:
  const ApiSource* const api_;
  const tfplugin::Schema schema_;
};

}  // namespace

std::shared_ptr<tfplugin::Action> NewMailboxPurgeAction(const ApiSource* api) {
  return std::make_shared<MailboxPurgeAction>(api);
}

}  // namespace gandimail::actions
