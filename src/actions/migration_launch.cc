#include "src/actions/migration_launch.h"

#include <functional>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "internal/base/status_macros.h"
#include "internal/log/log.h"
#include "src/actions/action_common.h"

namespace gandimail::actions {
namespace {

using cty::Value;
using tfplugin::Diagnostics;
using tfplugin::ProgressReporter;

Advice LaunchAdvice() {
  Advice advice = DomainAdvice();
  advice.outcome_unknown =
      "The migration may have been launched all the same: read the "
      "gandimail_migration data source (packmail turns false once it is "
      "done) before invoking again.";
  return advice;
}

std::optional<gandi::Migration> ReadMigration(gandi::Client& client,
                                              const std::string& domain,
                                              Diagnostics* diagnostics) {
  absl::StatusOr<gandi::Migration> migration = client.GetMigration(domain);
  if (!migration.ok()) {
    AddFailure(diagnostics, "Unable to Read Migration",
               absl::StrCat("Reading the packmail migration details of ",
                            domain, " failed, so nothing was launched."),
               migration.status(), DomainAdvice());
    return std::nullopt;
  }
  return *std::move(migration);
}

// Why the migration of `domain` cannot be launched, from the API's answer;
// empty when it can.
std::string UnavailableReason(const std::string& domain,
                              const gandi::Migration& migration) {
  if (!migration.packmail) {
    return absl::StrCat(domain,
                        " is not on the packmail offer (Gandi reports "
                        "packmail: false), so there is nothing to migrate.");
  }
  if (!migration.available) {
    return absl::StrCat("Gandi reports that the mailboxes of ", domain,
                        " cannot be migrated now (available: false, "
                        "packmail: true). Ask Gandi's support what holds the "
                        "migration back.");
  }
  if (migration.token.empty()) {
    return absl::StrCat("Gandi reports the migration of ", domain,
                        " as available but gave no token to launch it. Try "
                        "again later.");
  }
  return "";
}

// Adds an error and returns false when the migration is not available.
bool CheckAvailable(const std::string& domain,
                    const gandi::Migration& migration,
                    Diagnostics* diagnostics) {
  std::string reason = UnavailableReason(domain, migration);
  if (reason.empty()) return true;
  diagnostics->AddError("Migration Not Available", reason,
                        cty::Path().Attr("domain"));
  return false;
}

// "3 mailboxes, 12.00 EUR before and 4.20 EUR after" (the totals Gandi
// gives).
std::string Summary(const gandi::Migration& migration) {
  return absl::StrFormat(
      "%d %s, %.2f %s before and %.2f %s after", migration.info.size(),
      migration.info.size() == 1 ? "mailbox" : "mailboxes", migration.price_v1,
      migration.currency, migration.price_v2, migration.currency);
}

// The check, for AwaitEffect, that the migration shows: the domain reads
// off packmail.
std::function<absl::StatusOr<bool>()> MigrationShows(
    const ApiHandle& api, const std::string& domain) {
  return [&api, domain]() -> absl::StatusOr<bool> {
    GM_ASSIGN_OR_RETURN(gandi::Migration now, api.gandi->GetMigration(domain));
    return !now.packmail;
  };
}

// After an accepted launch: waits (bounded) until the domain reads off
// packmail.
void ReportMigrated(const ApiHandle& api, const std::string& domain,
                    const ProgressReporter& progress,
                    Diagnostics* diagnostics) {
  absl::Status seen = AwaitEffect(api, MigrationShows(api, domain));
  if (seen.ok()) {
    progress(absl::StrCat(domain, " has left the packmail offer."));
    return;
  }
  diagnostics->AddWarning(
      "Migration Not Yet Visible",
      absl::StrCat("Gandi accepted the migration of ", domain,
                   ", but the domain did not read off packmail yet (",
                   seen.message(),
                   "). Do not invoke it again; read the gandimail_migration "
                   "data source later to see it done."));
}

// A launch whose answer failed: when the domain reads off packmail all the
// same it was launched, and is reported so; otherwise an error, with the
// token scrubbed from every text.
void ReportLaunchFailure(const std::string& domain, const std::string& token,
                         const WriteOutcome& outcome,
                         const ProgressReporter& progress,
                         Diagnostics* diagnostics) {
  if (outcome.took_effect) {
    progress(absl::StrCat(domain, " has left the packmail offer."));
    diagnostics->AddWarning(
        "Migration Answer Lost",
        absl::StrCat("Gandi's answer to the migration of ", domain,
                     " was lost, but the domain is off packmail now, so "
                     "the migration was launched. Do not invoke it "
                     "again."));
    return;
  }
  AddWriteFailure(
      diagnostics, "Unable to Launch Migration",
      absl::StrCat("Launching the packmail migration of ", domain, " failed."),
      outcome, LaunchAdvice(), {token});
}

tfplugin::Schema BuildSchema() {
  tfplugin::Schema schema;
  schema.block.description =
      "Migrates a domain off Gandi's packmail offer: its mailboxes become "
      "mailboxes of the current offer, each billed on its own (the "
      "`gandimail_migration` data source shows the prices before and "
      "after).\n\n"
      "**Changes billing.** After the migration the domain's mailboxes are "
      "paid per mailbox, and Gandi documents no way back. Planning reads "
      "the migration details and fails when Gandi says the domain cannot "
      "be migrated; it changes nothing. Invoking reads them again for a "
      "fresh token and launches the migration once.\n\n"
      "Invoke it with `terraform apply "
      "-invoke=action.gandimail_migration_launch.NAME` (Terraform 1.14 or "
      "later).";
  schema.block.attributes = {
      DomainAttribute("The packmail domain to migrate, such as "
                      "`example.com`."),
  };
  return schema;
}

class MigrationLaunchAction final : public tfplugin::Action {
 public:
  explicit MigrationLaunchAction(const ApiSource* api)
      : api_(api), schema_(BuildSchema()) {}

  std::string TypeName() const override { return "gandimail_migration_launch"; }
  const tfplugin::Schema& GetSchema() const override { return schema_; }

  void Validate(const Value& config, Diagnostics* diagnostics) override {
    RequireAttributes(config, {"domain"}, diagnostics);
  }

  void Plan(const Value& config, Diagnostics* diagnostics) override {
    std::shared_ptr<const ApiHandle> api = api_->Api(diagnostics);
    if (api == nullptr) return;
    std::string domain = config.GetAttr("domain").AsString();
    std::optional<gandi::Migration> migration =
        ReadMigration(*api->gandi, domain, diagnostics);
    if (!migration.has_value()) return;
    if (!CheckAvailable(domain, *migration, diagnostics)) return;

    diagnostics->AddWarning(
        "Migration Changes Billing",
        absl::StrCat("Invoking this action moves ", domain,
                     " off the packmail offer (", Summary(*migration),
                     "). Its mailboxes are then billed one by one, and Gandi "
                     "documents no way back."));
  }

  void Invoke(const Value& config, const ProgressReporter& progress,
              Diagnostics* diagnostics) override {
    std::shared_ptr<const ApiHandle> api = api_->Api(diagnostics);
    if (api == nullptr) return;
    std::string domain = config.GetAttr("domain").AsString();
    // Read again: the token of the plan's read may no longer be valid.
    std::optional<gandi::Migration> migration =
        ReadMigration(*api->gandi, domain, diagnostics);
    if (!migration.has_value()) return;
    if (!CheckAvailable(domain, *migration, diagnostics)) return;

    progress(absl::StrCat("Launching the packmail migration of ", domain, " (",
                          Summary(*migration), ")."));
    log::Info("launching a packmail migration", {{"domain", domain}});
    WriteOutcome outcome = WriteAndSettle(
        *api,
        [&] { return api->gandi->LaunchMigration(domain, migration->token); },
        MigrationShows(*api, domain));
    if (!outcome.answer.ok()) {
      ReportLaunchFailure(domain, migration->token, outcome, progress,
                          diagnostics);
      return;
    }

    progress(absl::StrCat("Gandi accepted the migration of ", domain, ": ",
                          outcome.answer->message));
    ReportMigrated(*api, domain, progress, diagnostics);
  }

 private:
  const ApiSource* const api_;
  const tfplugin::Schema schema_;
};

}  // namespace

std::shared_ptr<tfplugin::Action> NewMigrationLaunchAction(
    const ApiSource* api) {
  return std::make_shared<MigrationLaunchAction>(api);
}

}  // namespace gandimail::actions
