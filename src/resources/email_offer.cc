#include "src/resources/email_offer.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "src/gandi/errors.h"
#include "src/gandi/wait.h"
#include "src/resources/common.h"

namespace gandimail::resources {
namespace {

using cty::Path;
using cty::Type;
using cty::Value;
using tfplugin::ApplyRequest;
using tfplugin::ApplyResponse;
using tfplugin::Attr;
using tfplugin::Diagnostics;

constexpr absl::Duration kDefaultTimeout = absl::Minutes(5);
constexpr absl::Duration kFirstPoll = absl::Milliseconds(250);
constexpr char kMixed[] = "mixed";

// The two switches a PATCH must carry, by attribute name.
const char* const kSwitches[] = {"antispam", "dkim"};

const std::string& SwitchOf(const gandi::Offer& offer,
                            const std::string& name) {
  return name == "antispam" ? offer.antispam : offer.dkim;
}

std::string& SwitchOf(gandi::OfferUpdate& update, const std::string& name) {
  return name == "antispam" ? update.antispam : update.dkim;
}

const std::string& SwitchOf(const gandi::OfferUpdate& update,
                            const std::string& name) {
  return name == "antispam" ? update.antispam : update.dkim;
}

// True when the configuration sets `name` (a known or unknown value).
bool IsSet(const Value& config, const std::string& name) {
  return !config.IsNull() && !config.GetAttr(name).IsNull();
}

// What a PATCH would send: each switch set in `planned` (known), else the
// value in `current`. `changes` tells whether it differs from `current`.
struct Patch {
  gandi::OfferUpdate body;
  bool changes = false;
};

Patch PatchFor(const Value& planned, const gandi::Offer& current) {
  Patch patch;
  for (const std::string name : kSwitches) {
    const Value& wanted = planned.GetAttr(name);
    bool known = !wanted.IsNull() && wanted.IsKnown();
    SwitchOf(patch.body, name) =
        known ? wanted.AsString() : SwitchOf(current, name);
    if (SwitchOf(patch.body, name) != SwitchOf(current, name))
      patch.changes = true;
  }
  return patch;
}

// A PATCH must send both switches, so a switch the configuration leaves
// unset is sent as it is; `mixed` (mailboxes differ) cannot be sent.
// Adds an error on each such switch and returns false.
bool CheckSendable(const Patch& patch, const Value& config,
                   const std::string& domain, Diagnostics* d) {
  if (!patch.changes) return true;
  bool ok = true;
  for (const std::string name : kSwitches) {
    if (IsSet(config, name) || SwitchOf(patch.body, name) != kMixed) continue;
    d->AddError(
        absl::StrCat("Set ", name == "dkim" ? "DKIM" : "Antispam",
                     " Explicitly"),
        absl::StrCat(
            "The ", name, " of ", domain,
            " reads \"mixed\" because its "
            "mailboxes differ, and Gandi's update of the offer must carry "
            "both switches, which cannot be \"mixed\". Set ",
            name,
            " = \"active\" or \"inactive\" in this resource (that value is "
            "applied to every mailbox of the domain), or leave the other "
            "switch as it is."),
        Path().Attr(name));
    ok = false;
  }
  return ok;
}

gandi::Offer OfferFromState(const Value& state) {
  gandi::Offer offer;
  for (const std::string name : kSwitches) {
    const Value& v = state.GetAttr(name);
    std::string text = v.IsNull() || !v.IsKnown() ? "" : v.AsString();
    (name == "antispam" ? offer.antispam : offer.dkim) = text;
  }
  return offer;
}

Value WithOffer(Value state, const gandi::Offer& offer) {
  return state.WithAttr("status", Value::String(offer.status))
      .WithAttr("version", Value::Int(offer.version))
      .WithAttr("antispam", Value::String(offer.antispam))
      .WithAttr("dkim", Value::String(offer.dkim));
}

// Sends `patch` and waits until reads show it. Returns false, with an
// error, when the PATCH failed; a slow effect is a warning only.
bool SendPatch(gandi::Client& client, const std::string& domain,
               const Patch& patch, absl::Time deadline, Diagnostics* d) {
  absl::StatusOr<gandi::Acknowledgement> ack =
      client.UpdateOffer(domain, patch.body);
  if (!ack.ok()) {
    AddApiError(
        d, "Unable to Update Email Offer",
        absl::StrCat("Gandi refused to set antispam \"", patch.body.antispam,
                     "\" and dkim \"", patch.body.dkim, "\" on ", domain, "."),
        ack.status());
    return false;
  }
  absl::Status seen = gandi::WaitUntil(
      [&]() -> absl::StatusOr<bool> {
        absl::StatusOr<gandi::Offer> now = client.GetOffer(domain);
        if (absl::IsCancelled(now.status())) return now.status();
        return now.ok() && now->antispam == patch.body.antispam &&
               now->dkim == patch.body.dkim;
      },
      deadline, kFirstPoll);
  if (!seen.ok()) {
    d->AddWarning("Email Offer Update Not Yet Visible",
                  absl::StrCat("Gandi accepted the new switches of ", domain,
                               ", but reads did not show them before the "
                               "deadline (",
                               seen.message(), ")."));
  }
  return true;
}

class EmailOfferResource final : public tfplugin::Resource {
 public:
  explicit EmailOfferResource(const ApiSource* api);

  std::string TypeName() const override { return "gandimail_email_offer"; }
  const tfplugin::Schema& GetSchema() const override { return schema_; }
  // Identity (Terraform >= 1.12): the domain, which is also the import ID.
  const tfplugin::IdentitySchema* Identity() const override {
    static const auto* identity = new tfplugin::IdentitySchema{
        0,
        {tfplugin::IdentityAttr("domain", Type::String(),
                                "The domain name, such as `example.com`.")},
        nullptr,
        [](const Value& id) -> absl::StatusOr<std::string> {
          return id.GetAttr("domain").AsString();
        }};
    return identity;
  }

  void ModifyPlan(const tfplugin::PlanRequest& request,
                  tfplugin::PlanResponse* response) override;
  void Create(const ApplyRequest& request, ApplyResponse* response) override;
  void Update(const ApplyRequest& request, ApplyResponse* response) override;
  void Delete(const ApplyRequest& request, ApplyResponse* response) override;
  void Read(const tfplugin::ReadRequest& request,
            tfplugin::ReadResponse* response) override;
  void Import(const std::string& id,
              tfplugin::ImportResponse* response) override;

 private:
  // The create-time check: reads the offer when the config sets one
  // switch and not the other, to tell whether the unset one is "mixed".
  void CheckCreatePlan(const Value& config, const std::string& domain,
                       Diagnostics* d);

  const ApiSource* api_;
  tfplugin::Schema schema_;
};

EmailOfferResource::EmailOfferResource(const ApiSource* api) : api_(api) {
  schema_.block.description =
      "The domain-wide email switches of a domain: antispam and DKIM. The "
      "offer comes with the domain, so creating this resource adopts it and "
      "changes only the switches that are set. **Destroying it only removes "
      "it from Terraform: the switches stay as they are at Gandi.**\n\n"
      "A switch left unset is not managed: its state follows Gandi. Gandi "
      "reads `antispam` as `mixed` while mailboxes differ; since an update "
      "must send both switches, a plan that changes `dkim` then asks to set "
      "`antispam` too. The domain's `antispam` overwrites every mailbox's "
      "own `antispam`: manage antispam either here (one value for the whole "
      "domain) or per mailbox on `gandimail_mailbox`, not both.";
  schema_.block.attributes = {
      Attr("domain", Type::String())
          .Required()
          .RequiresReplace()
          .Describe("The domain name, such as `example.com`."),
      Attr("antispam", Type::String())
          .Optional()
          .Computed()
          .Validate(OneOf({"active", "inactive"}))
          .Describe("`active` or `inactive`, applied to every mailbox of "
                    "the domain. Unset: not managed, and the state shows "
                    "Gandi's value, which is `mixed` while mailboxes "
                    "differ."),
      Attr("dkim", Type::String())
          .Optional()
          .Computed()
          .Validate(OneOf({"active", "inactive"}))
          .Describe("`active` or `inactive`. Unset: not managed."),
      Attr("id", Type::String()).Computed().Describe("The domain name."),
      Attr("status", Type::String())
          .Computed()
          .Describe("The offer's status: `active` or `inactive`."),
      Attr("version", Type::Number())
          .Computed()
          .Describe("The offer's version (1, 2 or 3)."),
      TimeoutsAttribute({"create", "update"}, kDefaultTimeout),
  };
}

void EmailOfferResource::CheckCreatePlan(const Value& config,
                                         const std::string& domain,
                                         Diagnostics* d) {
  int set = IsSet(config, "antispam") + IsSet(config, "dkim");
  if (set != 1) return;  // Both set: nothing is read; none: no PATCH.
  std::shared_ptr<const ApiHandle> api = api_->Api(d);
  if (api == nullptr) return;
  absl::StatusOr<gandi::Offer> current = api->gandi->GetOffer(domain);
  if (!current.ok()) {
    d->AddWarning("Email Offer Not Read",
                  absl::StrCat("Reading the email offer of ", domain,
                               " at plan time failed, so whether the unset "
                               "switch can be sent is checked at apply. ",
                               current.status().message()));
    return;
  }
  CheckSendable(PatchFor(config, *current), config, domain, d);
}

void EmailOfferResource::ModifyPlan(const tfplugin::PlanRequest& request,
                                    tfplugin::PlanResponse* response) {
  Value& planned = response->planned_state;
  const Value& domain = planned.GetAttr("domain");
  if (!domain.IsKnown()) return;
  if (request.prior_state.IsNull()) {
    planned = planned.WithAttr("id", domain);
    CheckCreatePlan(request.config, domain.AsString(), &response->diagnostics);
    return;
  }
  // The prior state was just refreshed: it holds the values Gandi reports.
  Patch patch = PatchFor(planned, OfferFromState(request.prior_state));
  CheckSendable(patch, request.config, domain.AsString(),
                &response->diagnostics);
}

void EmailOfferResource::Create(const ApplyRequest& request,
                                ApplyResponse* response) {
  std::shared_ptr<const ApiHandle> api = api_->Api(&response->diagnostics);
  if (api == nullptr) return;
  const Value& planned = request.planned_state;
  const std::string domain = planned.GetAttr("domain").AsString();
  absl::StatusOr<gandi::Offer> current = api->gandi->GetOffer(domain);
  if (!current.ok()) {
    AddApiError(&response->diagnostics, "Unable to Adopt Email Offer",
                absl::StrCat("Reading the email offer of ", domain, " failed."),
                current.status());
    return;
  }

  Patch patch = PatchFor(planned, *current);
  if (!CheckSendable(patch, request.config, domain, &response->diagnostics))
    return;
  absl::Time deadline =
      absl::Now() + TimeoutFor(planned, "create", kDefaultTimeout);
  if (patch.changes && !SendPatch(*api->gandi, domain, patch, deadline,
                                  &response->diagnostics)) {
    return;
  }
  gandi::Offer result = *current;
  result.antispam = patch.body.antispam;
  result.dkim = patch.body.dkim;
  response->new_state =
      WithOffer(planned, result).WithAttr("id", Value::String(domain));
}

void EmailOfferResource::Update(const ApplyRequest& request,
                                ApplyResponse* response) {
  const Value& planned = request.planned_state;
  const std::string domain = planned.GetAttr("domain").AsString();
  Patch patch = PatchFor(planned, OfferFromState(request.prior_state));
  if (!patch.changes) {
    response->new_state = planned;  // Only timeouts changed.
    return;
  }
  response->new_state = request.prior_state;
  std::shared_ptr<const ApiHandle> api = api_->Api(&response->diagnostics);
  if (api == nullptr ||
      !CheckSendable(patch, request.config, domain, &response->diagnostics)) {
    return;
  }
  absl::Time deadline =
      absl::Now() + TimeoutFor(planned, "update", kDefaultTimeout);
  if (SendPatch(*api->gandi, domain, patch, deadline, &response->diagnostics)) {
    response->new_state = planned;
  }
}

void EmailOfferResource::Delete(const ApplyRequest&, ApplyResponse*) {
  // The offer belongs to the domain and cannot be deleted: forgetting it
  // leaves the switches as they are, as the documentation says.
}

void EmailOfferResource::Read(const tfplugin::ReadRequest& request,
                              tfplugin::ReadResponse* response) {
  const Value& current = request.current_state;
  response->new_state = current;
  std::shared_ptr<const ApiHandle> api = api_->Api(&response->diagnostics);
  if (api == nullptr) return;
  const std::string domain = current.GetAttr("domain").AsString();

  absl::StatusOr<gandi::Offer> offer = api->gandi->GetOffer(domain);
  if (absl::IsNotFound(offer.status())) {
    response->new_state = Value::Null(schema_.ImpliedType());
    return;
  }
  if (!offer.ok()) {
    AddApiError(&response->diagnostics, "Unable to Read Email Offer",
                absl::StrCat("Reading the email offer of ", domain, " failed."),
                offer.status());
    return;
  }
  response->new_state =
      WithOffer(current, *offer).WithAttr("id", Value::String(domain));
}

void EmailOfferResource::Import(const std::string& id,
                                tfplugin::ImportResponse* response) {
  bool looks_like_domain = !id.empty() && id.find('.') != std::string::npos &&
                           !absl::StrContains(id, "/") &&
                           !absl::StrContains(id, " ") &&
                           !absl::StrContains(id, "@");
  if (!looks_like_domain) {
    response->diagnostics.AddError(
        "Invalid Import ID",
        absl::StrCat("Expected an import ID that is a domain name, such as "
                     "\"example.com\"; got \"",
                     id, "\"."));
    return;
  }
  Value state = Value::Null(schema_.ImpliedType())
                    .WithAttr("domain", Value::String(id))
                    .WithAttr("id", Value::String(id));
  response->objects.push_back({state, ""});
}

}  // namespace

std::shared_ptr<tfplugin::Resource> NewEmailOfferResource(
    const ApiSource* api) {
  return std::make_shared<EmailOfferResource>(api);
}

}  // namespace gandimail::resources
