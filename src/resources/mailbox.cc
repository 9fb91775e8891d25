#include "src/resources/mailbox.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "internal/base/status_macros.h"
#include "internal/log/log.h"
#include "src/gandi/errors.h"
#include "src/gandi/wait.h"
#include "src/moves/community.h"
#include "src/resources/common.h"
#include "src/resources/list_cache.h"
#include "src/resources/mailbox_plan.h"
#include "src/resources/mailbox_rules.h"
#include "src/resources/mailbox_state.h"

namespace gandimail::resources {
namespace {

using cty::Type;
using cty::Value;
using tfplugin::Diagnostics;

constexpr absl::Duration kDefaultTimeout = absl::Minutes(10);
constexpr absl::Duration kFirstPoll = absl::Milliseconds(200);

std::string Str(const Value& object, const char* name) {
  return object.GetAttr(name).AsString();
}

std::string AddressOf(const Value& object) {
  return absl::StrCat(Str(object, "login"), "@", Str(object, "domain"));
}

bool IsDeadline(const absl::Status& status) {
  return status.code() == absl::StatusCode::kDeadlineExceeded;
}

// The state-building and waiting shared by create and update.
class MailboxWriter {
 public:
  MailboxWriter(gandi::Client* client, std::string domain, std::string id)
      : client_(client), domain_(std::move(domain)), id_(std::move(id)) {}

  // Polls until the mailbox is visible and, when `planned` is not null,
  // shows it; the last mailbox read is kept for `last()`.
  absl::Status WaitFor(const Value& planned, absl::Time deadline) {
    return gandi::WaitUntil(
        [&]() -> absl::StatusOr<bool> {
          absl::StatusOr<gandi::Mailbox> got =
              client_->GetMailbox(domain_, id_);
          if (absl::IsNotFound(got.status())) return false;
          if (!got.ok()) return got.status();
          last_ = *std::move(got);
          return planned.IsNull() || ApiShowsPlan(*last_, planned);
        },
        deadline, kFirstPoll);
  }

  const gandi::Mailbox* last() const {
    return last_.has_value() ? &*last_ : nullptr;
  }

 private:
  gandi::Client* client_;
  std::string domain_;
  std::string id_;
  std::optional<gandi::Mailbox> last_;
};

void WarnNotVisible(const std::string& what, const std::string& address,
                    const absl::Status& status, Diagnostics* diagnostics) {
  diagnostics->AddWarning(
      "Mailbox Change Not Visible Yet",
      absl::StrCat("The API accepted the ", what, " of ", address,
                   " but does not show it yet. The state holds the planned "
                   "values; values the API computes are empty until the next "
                   "refresh, which reads them. Raise the timeouts if this "
                   "happens often.\n\n",
                   status.message()));
}

class MailboxResource final : public tfplugin::Resource {
 public:
  explicit MailboxResource(const ApiSource* api) : api_(api) {}

  std::string TypeName() const override { return "gandimail_mailbox"; }
  const tfplugin::Schema& GetSchema() const override { return MailboxSchema(); }
  // Identity (Terraform >= 1.12): domain + id (the UUID); an import by
  // identity runs the import of "<domain>/<uuid>".
  const tfplugin::IdentitySchema* Identity() const override {
    static const auto* identity = new tfplugin::IdentitySchema{
        0,
        {tfplugin::IdentityAttr("domain", Type::String(),
                                "The domain name, such as `example.com`."),
         tfplugin::IdentityAttr("id", Type::String(), "The mailbox's UUID.")},
        nullptr,
        [](const Value& id) -> absl::StatusOr<std::string> {
          return absl::StrCat(id.GetAttr("domain").AsString(), "/",
                              id.GetAttr("id").AsString());
        }};
    return identity;
  }

  void Validate(const Value& config, Diagnostics* diagnostics) override;
  void PlanDestroy(const tfplugin::PlanRequest& request,
                   tfplugin::PlanResponse* response) override;
  void ModifyPlan(const tfplugin::PlanRequest& request,
                  tfplugin::PlanResponse* response) override;
  void Create(const tfplugin::ApplyRequest& request,
              tfplugin::ApplyResponse* response) override;
  void Update(const tfplugin::ApplyRequest& request,
              tfplugin::ApplyResponse* response) override;
  void Delete(const tfplugin::ApplyRequest& request,
              tfplugin::ApplyResponse* response) override;
  void Read(const tfplugin::ReadRequest& request,
            tfplugin::ReadResponse* response) override;
  void Import(const std::string& id,
              tfplugin::ImportResponse* response) override;
  // `moved` from the community provider's gandi_mailbox (Terraform >= 1.8).
  std::vector<tfplugin::MoveSource> MoveSources() const override {
    return moves::CommunityMailboxSources();
  }
  void MoveState(const tfplugin::MoveRequest& request,
                 tfplugin::MoveResponse* response) override {
    moves::MoveFromCommunity(request, GetSchema().ImpliedType(),
                             &moves::MailboxFromCommunity, response);
  }

 private:
  // Sends the create POST; an answer lost on the way is settled by looking
  // the login up, and only once it is known absent is the POST sent again
  // (once; see SendCreate). `found_id` gets the id a look-up found.
  CreateOutcome Post(gandi::Client* client, const std::string& domain,
                     const gandi::MailboxCreate& create, absl::Time deadline,
                     std::string* found_id);
  void ReportCreateError(const Value& planned, const CreateOutcome& outcome,
                         tfplugin::ApplyResponse* response);
  // The new mailbox's id: from the answer's Location, else looked up by
  // login (polling until `deadline`, since the create may not show yet).
  absl::StatusOr<std::string> CreatedId(gandi::Client* client,
                                        const std::string& domain,
                                        const std::string& login,
                                        const gandi::Acknowledgement& ack,
                                        absl::Time deadline);
  absl::StatusOr<std::string> FindIdByLogin(gandi::Client* client,
                                            const std::string& domain,
                                            const std::string& login);
  // False, with an error, when `login` is taken or cannot be checked.
  bool LoginIsFree(gandi::Client* client, const Value& planned,
                   const std::string& login,
                   tfplugin::Diagnostics* diagnostics);
  void WarnIfToConvert(gandi::Client* client, const gandi::Mailbox& mailbox,
                       Diagnostics* diagnostics);
  // Sends the PATCH a create needs after its POST; the state keeps the id
  // whatever happens.
  void FinishCreate(gandi::Client* client, const tfplugin::ApplyRequest& req,
                    MailboxWriter* writer, Value state, absl::Time deadline,
                    tfplugin::ApplyResponse* response);

  const ApiSource* api_;
  // The domain's mailbox list, walked once per run for the to_convert flag
  // that only the list reports, instead of one filtered list per mailbox.
  ListCache<std::vector<gandi::MailboxSummary>> summaries_{absl::Seconds(5)};
};

void ValidatePasswords(const Value& config, Diagnostics* diagnostics) {
  if (config.GetAttr("password").IsNull() ||
      config.GetAttr("password_wo").IsNull()) {
    return;
  }
  diagnostics->AddError(
      "Conflicting Mailbox Passwords",
      "Both password and password_wo are set. Keep one: password_wo keeps "
      "the password out of the plan and the state.",
      cty::Path().Attr("password_wo"));
}

void ValidateType(const Value& config, Diagnostics* diagnostics) {
  const Value& type = config.GetAttr("mailbox_type");
  if (type.IsNull() || !type.IsKnown() ||
      !IsDeprecatedMailboxType(type.AsString())) {
    return;
  }
  diagnostics->AddWarning(
      "Deprecated Mailbox Type",
      absl::StrCat("\"", type.AsString(), "\" is a deprecated name of \"",
                   CanonicalMailboxType(type.AsString()),
                   "\". It works the same; use the new name."),
      cty::Path().Attr("mailbox_type"));
}

void ValidateAutorenew(const Value& config, Diagnostics* diagnostics) {
  const Value& autorenew = config.GetAttr("autorenew");
  if (autorenew.IsNull() || !autorenew.IsKnown()) return;
  for (const char* name : {"enabled", "duration"}) {
    if (!autorenew.GetAttr(name).IsNull()) continue;
    diagnostics->AddError(
        "Incomplete Autorenew Setting",
        "When autorenew is set, set both enabled and duration: the API "
        "takes them together. Leave autorenew out to keep what Gandi has.",
        cty::Path().Attr("autorenew").Attr(name));
  }
}

void ValidateResponder(const Value& config, Diagnostics* diagnostics) {
  const Value& responder = config.GetAttr("responder");
  if (responder.IsNull() || !responder.IsKnown()) return;
  const Value& starts = responder.GetAttr("starts_at");
  const Value& ends = responder.GetAttr("ends_at");
  if (starts.IsNull() || ends.IsNull() || !starts.IsKnown() ||
      !ends.IsKnown()) {
    return;
  }
  absl::Time start, end;
  if (ParseRfc3339(starts.AsString(), &start) &&
      ParseRfc3339(ends.AsString(), &end) && end <= start) {
    diagnostics->AddError("Invalid Responder Dates",
                          "The responder's ends_at must come after its "
                          "starts_at.",
                          cty::Path().Attr("responder").Attr("ends_at"));
  }
}

void MailboxResource::Validate(const Value& config, Diagnostics* diagnostics) {
  ValidatePasswords(config, diagnostics);
  ValidateType(config, diagnostics);
  ValidateAutorenew(config, diagnostics);
  ValidateResponder(config, diagnostics);
}

void MailboxResource::ModifyPlan(const tfplugin::PlanRequest& request,
                                 tfplugin::PlanResponse* response) {
  PlanMailbox(request, response);
  if (response->diagnostics.HasError() || !request.prior_state.IsNull()) {
    return;
  }
  // Only a create has a Dry-Run, and only wholly known values can be sent.
  if (!request.config.IsWhollyKnown()) return;
  std::shared_ptr<const ApiHandle> api = api_->Api(&response->diagnostics);
  if (api == nullptr) return;
  DryRunMailboxCreate(api->gandi.get(), request.config, &response->diagnostics);
}

absl::StatusOr<std::string> MailboxResource::FindIdByLogin(
    gandi::Client* client, const std::string& domain,
    const std::string& login) {
  gandi::MailboxListOptions options;
  options.login = login;
  GM_ASSIGN_OR_RETURN(std::vector<gandi::MailboxSummary> found,
                      client->ListMailboxes(domain, options));
  for (const gandi::MailboxSummary& m : found) {
    if (m.login == login) return m.id;
  }
  return absl::NotFoundError(
      absl::StrCat("no mailbox ", login, "@", domain, " is listed"));
}

absl::StatusOr<std::string> MailboxResource::CreatedId(
    gandi::Client* client, const std::string& domain, const std::string& login,
    const gandi::Acknowledgement& ack, absl::Time deadline) {
  if (ack.id.has_value() && IsUuid(*ack.id)) return *ack.id;
  std::string id;
  absl::Status waited = gandi::WaitUntil(
      [&]() -> absl::StatusOr<bool> {
        absl::StatusOr<std::string> found =
            FindIdByLogin(client, domain, login);
        if (absl::IsNotFound(found.status())) return false;
        if (!found.ok()) return found.status();
        id = *found;
        return true;
      },
      deadline, kFirstPoll);
  if (!waited.ok()) return waited;
  return id;
}

CreateOutcome MailboxResource::Post(gandi::Client* client,
                                    const std::string& domain,
                                    const gandi::MailboxCreate& create,
                                    absl::Time deadline,
                                    std::string* found_id) {
  CreateCalls calls;
  // The login only: the create holds the password.
  calls.fields = {{"domain", domain}, {"login", create.login}};
  calls.post = [&] { return client->CreateMailbox(domain, create); };
  calls.find = [&]() -> absl::StatusOr<bool> {
    absl::StatusOr<std::string> found =
        FindIdByLogin(client, domain, create.login);
    if (absl::IsNotFound(found.status())) return false;
    if (!found.ok()) return found.status();
    *found_id = *found;
    return true;
  };
  calls.first_poll = kFirstPoll;
  return SendCreate(calls, deadline);
}

void MailboxResource::Create(const tfplugin::ApplyRequest& request,
                             tfplugin::ApplyResponse* response) {
  std::shared_ptr<const ApiHandle> api = api_->Api(&response->diagnostics);
  if (api == nullptr) return;
  gandi::Client* client = api->gandi.get();
  const Value& planned = request.planned_state;
  const std::string domain = Str(planned, "domain");
  const absl::Time deadline =
      absl::Now() + TimeoutFor(planned, "create", kDefaultTimeout);

  gandi::MailboxCreate create = MailboxCreateFromConfig(request.config);
  if (!LoginIsFree(client, planned, create.login, &response->diagnostics)) {
    return;
  }
  std::string found_id;
  CreateOutcome posted = Post(client, domain, create, deadline, &found_id);
  summaries_.Invalidate(domain);
  if (!posted.made()) return ReportCreateError(planned, posted, response);

  // An adopted mailbox was found by login; an answered create names its
  // id in the Location, else it is looked up by login too.
  absl::StatusOr<std::string> id = found_id;
  if (posted.how == CreateOutcome::How::kAnswered) {
    id = CreatedId(client, domain, create.login, *posted.ack, deadline);
  }
  if (!id.ok()) {
    AddApiError(
        &response->diagnostics, "Unable to Create Mailbox",
        absl::StrCat("The API took the creation of ", AddressOf(planned),
                     " but its id could not be found. Check the "
                     "domain's mailboxes, then import the mailbox "
                     "if it exists."),
        id.status());
    return;
  }
  log::Debug("mailbox created", {{"id", *id}, {"domain", domain}});

  MailboxWriter writer(client, domain, *id);
  Value state = planned.WithAttr("id", Value::String(*id));
  FinishCreate(client, request, &writer, state, deadline, response);
}

// The login is checked just before the POST so that a mailbox found after
// a lost answer is surely the one this create made, never one that was
// there already (adopting that would let a destroy delete its mail).
bool MailboxResource::LoginIsFree(gandi::Client* client, const Value& planned,
                                  const std::string& login,
                                  tfplugin::Diagnostics* diagnostics) {
  const std::string address = AddressOf(planned);
  absl::StatusOr<std::string> existing =
      FindIdByLogin(client, Str(planned, "domain"), login);
  if (absl::IsNotFound(existing.status())) return true;
  if (!existing.ok()) {
    AddApiError(diagnostics, "Unable to Create Mailbox",
                absl::StrCat("Checking that ", address,
                             " is free failed, so it was not created."),
                existing.status());
    return false;
  }
  diagnostics->AddError(
      "Mailbox Already Exists",
      absl::StrCat("The mailbox ", address, " already exists (id ", *existing,
                   "), so it was not created. To manage it, import it "
                   "(ID ",
                   address, "); otherwise choose another login."),
      cty::Path().Attr("login"));
  return false;
}

void MailboxResource::ReportCreateError(const Value& planned,
                                        const CreateOutcome& outcome,
                                        tfplugin::ApplyResponse* response) {
  const std::string address = AddressOf(planned);
  if (outcome.how == CreateOutcome::How::kUnknown) {
    return AddCreateOutcomeUnknown(
        &response->diagnostics, "Mailbox Creation Outcome Unknown",
        absl::StrCat("The mailbox ", address), address, outcome);
  }
  std::string detail =
      outcome.posts > 1
          ? absl::StrCat("Sending the creation of ", address,
                         " again, after the first request got no clear "
                         "answer, failed. The first may still have made "
                         "it: run `terraform plan`, and if it exists, "
                         "import it (ID ",
                         address, ").")
          : absl::StrCat("Creating the mailbox ", address,
                         " failed. Nothing was created.");
  AddApiError(&response->diagnostics, "Unable to Create Mailbox",
              std::move(detail), outcome.status);
}

void MailboxResource::FinishCreate(gandi::Client* client,
                                   const tfplugin::ApplyRequest& req,
                                   MailboxWriter* writer, Value state,
                                   absl::Time deadline,
                                   tfplugin::ApplyResponse* response) {
  const std::string address = AddressOf(state);
  absl::Status visible = writer->WaitFor(Value(), deadline);
  if (!visible.ok() && !IsDeadline(visible)) {
    // The mailbox exists: keep it in the state rather than lose track.
    response->new_state = FillComputed(state, nullptr);
    return AddApiError(&response->diagnostics, "Unable to Read New Mailbox",
                       absl::StrCat("The mailbox ", address,
                                    " was created but reading it failed."),
                       visible);
  }

  // Sent even when the mailbox does not show yet: the state must not
  // claim a responder or autorenew that was never asked for.
  gandi::MailboxUpdate patch = PostCreatePatch(state, req.config);
  if (!IsEmptyUpdate(patch)) {
    absl::StatusOr<gandi::Acknowledgement> patched =
        client->UpdateMailbox(Str(state, "domain"), Str(state, "id"), patch);
    summaries_.Invalidate(Str(state, "domain"));
    if (!patched.ok()) {
      response->new_state = FillComputed(state, writer->last());
      return AddApiError(
          &response->diagnostics, "Unable to Finish Creating Mailbox",
          absl::StrCat("The mailbox ", address,
                       " was created, but setting its responder and "
                       "autorenew failed. It is kept in the state and marked "
                       "tainted; fix the cause and apply again."),
          patched.status());
    }
    if (visible.ok()) visible = writer->WaitFor(state, deadline);
  }
  response->new_state = FillComputed(state, writer->last());
  if (!visible.ok()) {
    WarnNotVisible("creation", address, visible, &response->diagnostics);
  }
}

void MailboxResource::Update(const tfplugin::ApplyRequest& request,
                             tfplugin::ApplyResponse* response) {
  const Value& prior = request.prior_state;
  const Value& planned = request.planned_state;
  gandi::MailboxUpdate update =
      MailboxUpdateFromChange(prior, planned, request.config);
  if (IsEmptyUpdate(update)) {
    // Only Terraform-side values changed (timeouts, a type's spelling).
    response->new_state = FillComputed(planned, nullptr);
    return;
  }
  std::shared_ptr<const ApiHandle> api = api_->Api(&response->diagnostics);
  if (api == nullptr) return;
  gandi::Client* client = api->gandi.get();
  const std::string domain = Str(prior, "domain");
  const std::string id = Str(prior, "id");
  const absl::Time deadline =
      absl::Now() + TimeoutFor(planned, "update", kDefaultTimeout);

  absl::StatusOr<gandi::Acknowledgement> ack =
      client->UpdateMailbox(domain, id, update);
  summaries_.Invalidate(domain);
  if (!ack.ok()) {
    response->new_state = prior;
    return AddApiError(&response->diagnostics, "Unable to Update Mailbox",
                       absl::StrCat("Updating the mailbox ", AddressOf(prior),
                                    " failed; it is unchanged."),
                       ack.status());
  }

  // The wait checks, among the rest, that a rename took effect.
  MailboxWriter writer(client, domain, id);
  absl::Status visible = writer.WaitFor(planned, deadline);
  if (!visible.ok()) {
    response->new_state = FillComputed(planned, nullptr);
    WarnNotVisible("update", AddressOf(planned), visible,
                   &response->diagnostics);
    return;
  }
  response->new_state = FillComputed(planned, writer.last());
}

void MailboxResource::Delete(const tfplugin::ApplyRequest& request,
                             tfplugin::ApplyResponse* response) {
  std::shared_ptr<const ApiHandle> api = api_->Api(&response->diagnostics);
  if (api == nullptr) return;
  gandi::Client* client = api->gandi.get();
  const Value& prior = request.prior_state;
  const std::string domain = Str(prior, "domain");
  const std::string id = Str(prior, "id");

  absl::StatusOr<gandi::Acknowledgement> ack =
      client->DeleteMailbox(domain, id);
  summaries_.Invalidate(domain);
  if (!ack.ok() && !absl::IsNotFound(ack.status())) {
    return AddApiError(&response->diagnostics, "Unable to Delete Mailbox",
                       absl::StrCat("Deleting the mailbox ", AddressOf(prior),
                                    " failed; it still exists."),
                       ack.status());
  }
  absl::Time deadline =
      absl::Now() + TimeoutFor(prior, "delete", kDefaultTimeout);
  absl::Status gone = gandi::WaitUntil(
      [&]() -> absl::StatusOr<bool> {
        absl::StatusOr<gandi::Mailbox> got = client->GetMailbox(domain, id);
        if (absl::IsNotFound(got.status())) return true;
        if (!got.ok()) return got.status();
        return false;
      },
      deadline, kFirstPoll);
  if (!gone.ok()) {
    // The API took the delete; an error would keep a deleted mailbox in
    // the state.
    WarnNotVisible("deletion", AddressOf(prior), gone, &response->diagnostics);
  }
}

void MailboxResource::WarnIfToConvert(gandi::Client* client,
                                      const gandi::Mailbox& mailbox,
                                      Diagnostics* diagnostics) {
  // Only the list reports to_convert; a failure here only skips the hint.
  auto listed =
      summaries_.Get(mailbox.domain, [client](const std::string& domain) {
        return client->ListMailboxes(domain);
      });
  if (!listed.ok()) {
    log::Debug("mailbox to_convert check skipped",
               {{"id", mailbox.id},
                {"error", std::string(listed.status().message())}});
    return;
  }
  for (const gandi::MailboxSummary& m : **listed) {
    if (m.id != mailbox.id || !m.to_convert) continue;
    diagnostics->AddWarning(
        "Mailbox Must Be Converted",
        absl::StrCat("The API marks the mailbox ", mailbox.address,
                     " as to be converted: it is deleted with its mail on ",
                     mailbox.expires_at,
                     " unless it is renewed. Renew it (Gandi's interface or "
                     "the renew API) before that date."));
  }
}

void MailboxResource::Read(const tfplugin::ReadRequest& request,
                           tfplugin::ReadResponse* response) {
  const Value& current = request.current_state;
  response->new_state = current;
  std::shared_ptr<const ApiHandle> api = api_->Api(&response->diagnostics);
  if (api == nullptr) return;
  const std::string domain = Str(current, "domain");
  const std::string id = Str(current, "id");

  absl::StatusOr<gandi::Mailbox> got = api->gandi->GetMailbox(domain, id);
  if (absl::IsNotFound(got.status())) {
    log::Debug("mailbox gone", {{"id", id}, {"domain", domain}});
    response->new_state = Value::Null(current.type());
    return;
  }
  if (!got.ok()) {
    return AddApiError(
        &response->diagnostics, "Unable to Read Mailbox",
        absl::StrCat("Reading the mailbox ", id, " of ", domain, " failed."),
        got.status());
  }
  response->new_state = MailboxStateFromApi(*got, current, current.type());
  WarnIfToConvert(api->gandi.get(), *got, &response->diagnostics);
}

void MailboxResource::Import(const std::string& text,
                             tfplugin::ImportResponse* response) {
  std::optional<MailboxImportId> parsed = ParseMailboxImportId(text);
  if (!parsed.has_value()) {
    response->diagnostics.AddError(
        "Invalid Mailbox Import ID",
        absl::StrCat("expected \"<domain>/<mailbox uuid>\" (such as "
                     "\"example.com/066743e5-96e4-4a1d-9195-8b8a700a8a79\") "
                     "or \"<login>@<domain>\" (such as \"alice@example.com\"), "
                     "got \"",
                     text, "\"."));
    return;
  }
  std::string id = parsed->id;
  if (id.empty()) {
    std::shared_ptr<const ApiHandle> api = api_->Api(&response->diagnostics);
    if (api == nullptr) return;
    absl::StatusOr<std::string> found =
        FindIdByLogin(api->gandi.get(), parsed->domain, parsed->login);
    if (!found.ok()) {
      return AddApiError(&response->diagnostics, "Unable to Import Mailbox",
                         absl::StrCat("Looking up the mailbox ", text,
                                      " failed. Check the address."),
                         found.status());
    }
    id = *found;
  }
  Value state = Value::Null(GetSchema().ImpliedType())
                    .WithAttr("id", Value::String(id))
                    .WithAttr("domain", Value::String(parsed->domain));
  response->objects.push_back({state, ""});
}

void MailboxResource::PlanDestroy(const tfplugin::PlanRequest& request,
                                  tfplugin::PlanResponse* response) {
  const Value& prior = request.prior_state;
  if (prior.IsNull()) return;
  const std::string address =
      absl::StrCat(prior.GetAttr("login").AsString(), "@",
                   prior.GetAttr("domain").AsString());
  // The address is in the summary too: Terraform folds warnings that share
  // a summary into the first, which would hide the other mailboxes.
  response->diagnostics.AddWarning(
      absl::StrCat("Mailbox Will Be Deleted With Its Mail: ", address),
      absl::StrCat("Destroying gandimail_mailbox ", address,
                   " deletes the mailbox and all the mail it holds. Remove "
                   "it from the configuration only if that is intended; "
                   "`terraform state rm` forgets it and keeps the mail."));
}

}  // namespace

std::shared_ptr<tfplugin::Resource> NewMailboxResource(const ApiSource* api) {
  return std::make_shared<MailboxResource>(api);
}

}  // namespace gandimail::resources
