#include "src/resources/forward.h"

#include <algorithm>
#include <optional>
#include <set>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "internal/base/status_macros.h"
#include "internal/log/log.h"
#include "src/gandi/errors.h"
#include "src/gandi/wait.h"
#include "src/moves/community.h"
#include "src/resources/common.h"

namespace gandimail::resources {
namespace {

using cty::Type;
using cty::Value;
using tfplugin::Attr;
using tfplugin::Diagnostics;

constexpr absl::Duration kDefaultTimeout = absl::Minutes(5);
// Long enough to serve every ReadResource of one refresh, short enough
// that a long-lived (debug-mode) provider does not serve stale lists.
constexpr absl::Duration kListingTtl = absl::Seconds(5);
constexpr absl::Duration kFirstPoll = absl::Milliseconds(250);

bool IsLocalPartChar(char c) {
  return absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '.' ||
         c == '_' || c == '-';
}

// The reason `c` may not appear in a local part, as a sentence.
std::string BadCharacter(absl::string_view source, char c) {
  if (absl::ascii_isupper(c)) {
    return absl::StrCat("\"", source,
                        "\" holds upper-case letters, which the API refuses "
                        "rather than folds. Write it in lower case: \"",
                        absl::AsciiStrToLower(source), "\".");
  }
  return absl::StrCat("\"", source, "\" holds '", std::string(1, c),
                      "'. A source may hold only lower-case letters, "
                      "digits, '.', '_', '-' and one '*' at its start or "
                      "end.");
}

std::string FullAddressFix(absl::string_view source, size_t at) {
  std::string local(source.substr(0, at));
  std::string domain(source.substr(at + 1));
  if (local.empty()) local = "alice";
  if (domain.empty() || absl::StrContains(domain, '@')) domain = "example.com";
  return absl::StrCat("\"", source,
                      "\" is a full address, but source takes only the "
                      "local part; the domain goes in the domain argument. "
                      "Use source = \"",
                      local, "\" and domain = \"", domain, "\".");
}

std::string CheckStarredSource(absl::string_view source, size_t stars) {
  bool at_start = source.front() == '*';
  bool at_end = source.back() == '*';
  if (stars > 1 || (!at_start && !at_end)) {
    return absl::StrCat("\"", source,
                        "\" may hold one '*' only, at its start or its end, "
                        "such as \"sales*\".");
  }
  if (source.size() < 3) {
    return absl::StrCat("\"", source,
                        "\" needs at least two other characters beside "
                        "its '*'.");
  }
  return "";
}

Value StringSet(const std::vector<std::string>& items) {
  std::vector<Value> elements;
  for (const std::string& item : items) elements.push_back(Value::String(item));
  return Value::Set(Type::String(), std::move(elements));
}

std::vector<std::string> Strings(const Value& collection) {
  std::vector<std::string> out;
  for (const Value& e : collection.elements()) out.push_back(e.AsString());
  return out;
}

std::set<std::string> AsSet(const std::vector<std::string>& items) {
  return std::set<std::string>(items.begin(), items.end());
}

}  // namespace

std::string CheckForwardSource(absl::string_view source) {
  if (source.empty()) {
    return "The source must not be empty. Set it to the local part of the "
           "address, such as \"alice\".";
  }
  size_t at = source.find('@');
  if (at != absl::string_view::npos) return FullAddressFix(source, at);
  if (source.size() > 64) {
    return absl::StrCat("\"", source, "\" is longer than 64 characters.");
  }

  size_t stars = std::count(source.begin(), source.end(), '*');
  for (char c : source) {
    if (c != '*' && !IsLocalPartChar(c)) return BadCharacter(source, c);
  }
  if (stars > 0) return CheckStarredSource(source, stars);

  if (!absl::ascii_isalnum(source.front()) ||
      !absl::ascii_isalnum(source.back())) {
    return absl::StrCat("\"", source,
                        "\" must start and end with a letter or a digit.");
  }
  if (absl::StrContains(source, "..")) {
    return absl::StrCat("\"", source, "\" must not contain \"..\".");
  }
  return "";
}

std::string CheckEmailAddress(absl::string_view address) {
  size_t at = address.find('@');
  if (at == absl::string_view::npos || at == 0 ||
      address.find('@', at + 1) != absl::string_view::npos) {
    return absl::StrCat("\"", address,
                        "\" is not a full email address. Write it as "
                        "local@domain, such as \"alice.doe@example.org\".");
  }
  absl::string_view domain = address.substr(at + 1);
  size_t dot = domain.find('.');
  if (dot == absl::string_view::npos || dot == 0 || domain.back() == '.') {
    return absl::StrCat("\"", address,
                        "\" needs a domain with a dot after its '@', such "
                        "as \"example.org\".");
  }
  for (char c : address) {
    if (absl::ascii_isspace(c) || absl::ascii_iscntrl(c)) {
      return absl::StrCat("\"", address,
                          "\" holds a space or a control character. "
                          "Remove it.");
    }
  }
  return "";
}

std::string NormaliseSource(absl::string_view source,
                            absl::string_view domain) {
  std::string suffix = absl::StrCat("@", domain);
  if (source.size() > suffix.size() &&
      absl::EndsWithIgnoreCase(source, suffix)) {
    return std::string(source.substr(0, source.size() - suffix.size()));
  }
  return std::string(source);
}

absl::StatusOr<ForwardId> ParseForwardId(absl::string_view id) {
  size_t at = id.find('@');
  if (at == absl::string_view::npos || at == 0 || at + 1 == id.size() ||
      id.find('@', at + 1) != absl::string_view::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("expected <local>@<domain>, such as alice@example.com; "
                     "got \"",
                     id, "\""));
  }
  return ForwardId{std::string(id.substr(0, at)),
                   std::string(id.substr(at + 1))};
}

// ---- ForwardListCache ----

namespace {

// Lists `domain`'s forwards with `options`, sources normalised: the one
// place API answers about forwards enter the resource.
absl::StatusOr<std::vector<gandi::Forward>> ListNormalised(
    gandi::Client& client, const std::string& domain,
    const gandi::ForwardListOptions& options) {
  GM_ASSIGN_OR_RETURN(std::vector<gandi::Forward> forwards,
                      client.ListForwards(domain, options));
  for (gandi::Forward& f : forwards) {
    f.source = NormaliseSource(f.source, domain);
  }
  return forwards;
}

// The forward `source` of `domain` by a `source` filtered query (no cache),
// or nullopt when there is none. The filter is a pattern, so the answer is
// matched exactly here.
absl::StatusOr<std::optional<gandi::Forward>> FindForward(
    gandi::Client& client, const std::string& domain,
    const std::string& source) {
  gandi::ForwardListOptions options;
  options.source = source;
  GM_ASSIGN_OR_RETURN(std::vector<gandi::Forward> forwards,
                      ListNormalised(client, domain, options));
  for (gandi::Forward& f : forwards) {
    if (f.source == source) return std::make_optional(std::move(f));
  }
  return std::optional<gandi::Forward>();
}

// Polls until the forward shows `want` destinations, or is gone when `want`
// is nullopt.
absl::Status WaitForForward(gandi::Client& client, const std::string& domain,
                            const std::string& source,
                            std::optional<std::set<std::string>> want,
                            absl::Time deadline) {
  auto ready = [&]() -> absl::StatusOr<bool> {
    GM_ASSIGN_OR_RETURN(std::optional<gandi::Forward> found,
                        FindForward(client, domain, source));
    if (!want.has_value()) return !found.has_value();
    return found.has_value() && AsSet(found->destinations) == *want;
  };
  return gandi::WaitUntil(ready, deadline, kFirstPoll);
}

// The state an apply ends with: the config's arguments (known at apply,
// where the plan may still hold unknowns) and the derived id.
Value AppliedState(const tfplugin::ApplyRequest& request) {
  Value state = request.planned_state;
  for (const char* name : {"domain", "source", "destinations", "timeouts"}) {
    state = state.WithAttr(name, request.config.GetAttr(name));
  }
  return state.WithAttr(
      "id", Value::String(absl::StrCat(state.GetAttr("source").AsString(), "@",
                                       state.GetAttr("domain").AsString())));
}

void WarnNotYetVisible(Diagnostics* diagnostics, const std::string& address,
                       const std::string& done, const std::string& op,
                       const absl::Status& status) {
  diagnostics->AddWarning(
      "Forward Change Not Yet Visible",
      absl::StrCat("The forward ", address, " was ", done,
                   ", but the API did not show the change before the wait "
                   "ended. Terraform records the planned result, and the "
                   "next refresh reads what the API shows; raise timeouts.",
                   op, " if this recurs. ", status.message()));
}

tfplugin::Validator ValidSource() {
  return [](const Value& v, const cty::Path& path, Diagnostics* d) {
    std::string reason = CheckForwardSource(v.AsString());
    if (!reason.empty()) d->AddError("Invalid Forward Source", reason, path);
  };
}

tfplugin::Validator ValidDomain() {
  return [](const Value& v, const cty::Path& path, Diagnostics* d) {
    const std::string& domain = v.AsString();
    bool bad = domain.empty() || absl::StrContains(domain, '@') ||
               absl::StrContains(domain, '/') ||
               std::any_of(domain.begin(), domain.end(),
                           [](char c) { return absl::ascii_isspace(c); });
    if (!bad) return;
    d->AddError("Invalid Domain",
                absl::StrCat("\"", domain,
                             "\" is not a domain name. Use the bare "
                             "domain, such as \"example.com\"."),
                path);
  };
}

tfplugin::Validator ValidDestinations() {
  return [](const Value& v, const cty::Path& path, Diagnostics* d) {
    if (v.LengthInt() == 0) {
      d->AddError("Missing Forward Destinations",
                  "A forward needs at least one destination address. Add "
                  "one, such as destinations = [\"alice.doe@example.org\"], "
                  "or remove the forward.",
                  path);
      return;
    }
    for (const Value& e : v.elements()) {
      if (e.IsNull() || !e.IsKnown()) continue;
      std::string reason = CheckEmailAddress(e.AsString());
      if (!reason.empty()) {
        d->AddError("Invalid Destination Address", reason, path);
      }
    }
  };
}

tfplugin::Schema ForwardSchema() {
  tfplugin::Schema schema;
  schema.block.description =
      "Manages one forwarding address of a domain: mail sent to "
      "`source@domain` is forwarded to every address in `destinations`. "
      "Import with the address, `alice@example.com`.";
  schema.block.attributes = {
      Attr("id", Type::String())
          .Computed()
          .Behavior(tfplugin::ComputedBehavior::kPlannedByResource)
          .Describe("The forward's address, `<source>@<domain>`, such as "
                    "`alice@example.com`; also the import ID."),
      Attr("domain", Type::String())
          .Required()
          .RequiresReplace()
          .Validate(ValidDomain())
          .Describe("The domain that receives the mail, such as "
                    "`example.com`. Changing it replaces the forward."),
      Attr("source", Type::String())
          .Required()
          .RequiresReplace()
          .Validate(ValidSource())
          .Describe("The local part of the forwarded address, such as "
                    "`alice` (not `alice@example.com`). Lower-case letters, "
                    "digits, `.`, `_` and `-`, with one optional `*` at "
                    "either end for a catch-all such as `sales*`. Changing "
                    "it replaces the forward."),
      Attr("destinations", Type::Set(Type::String()))
          .Required()
          .Validate(ValidDestinations())
          .Describe("The addresses mail is forwarded to; at least one. "
                    "Changed in place."),
      TimeoutsAttribute({"create", "update", "delete"}, kDefaultTimeout),
  };
  return schema;
}

class ForwardResource final : public tfplugin::Resource {
 public:
  explicit ForwardResource(const ApiSource* api)
      : api_(api), schema_(ForwardSchema()), cache_(kListingTtl) {}

  std::string TypeName() const override { return "gandimail_forward"; }
  const tfplugin::Schema& GetSchema() const override { return schema_; }
  // Identity (Terraform >= 1.12): domain + source; an import by identity
  // runs the import of "<source>@<domain>".
  const tfplugin::IdentitySchema* Identity() const override {
    static const auto* identity = new tfplugin::IdentitySchema{
        0,
        {tfplugin::IdentityAttr("domain", Type::String(),
                                "The domain name, such as `example.com`."),
         tfplugin::IdentityAttr("source", Type::String(),
                                "The local part forwarded, such as "
                                "`alice`.")},
        nullptr,
        [](const Value& id) -> absl::StatusOr<std::string> {
          return absl::StrCat(id.GetAttr("source").AsString(), "@",
                              id.GetAttr("domain").AsString());
        }};
    return identity;
  }

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
  // `moved` from the community provider's gandi_email_forwarding
  // (Terraform >= 1.8).
  std::vector<tfplugin::MoveSource> MoveSources() const override {
    return moves::CommunityForwardSources();
  }
  void MoveState(const tfplugin::MoveRequest& request,
                 tfplugin::MoveResponse* response) override {
    moves::MoveFromCommunity(request, schema_.ImpliedType(),
                             &moves::ForwardFromCommunity, response);
  }

 private:
  // Sends the POST; an answer lost on the way is settled by looking for
  // the forward, and only once it is known absent is the POST sent again
  // (once; see SendCreate).
  CreateOutcome Post(gandi::Client& client, const std::string& domain,
                     const gandi::ForwardCreate& forward, absl::Time deadline);
  void ReportCreateError(Diagnostics* diagnostics, const std::string& address,
                         const CreateOutcome& outcome);
  // The forward from the shared walk, confirmed by a filtered query when
  // the walk lacks it; nullopt when it is gone.
  absl::StatusOr<std::optional<gandi::Forward>> Lookup(
      gandi::Client& client, const std::string& domain,
      const std::string& source);

  const ApiSource* api_;
  const tfplugin::Schema schema_;
  ForwardListCache cache_;
};

void ForwardResource::ModifyPlan(const tfplugin::PlanRequest& request,
                                 tfplugin::PlanResponse* response) {
  Value& planned = response->planned_state;
  if (planned.IsNull() || !planned.IsKnown()) return;
  const Value& domain = planned.GetAttr("domain");
  const Value& source = planned.GetAttr("source");
  bool known = domain.IsKnown() && source.IsKnown() && !domain.IsNull() &&
               !source.IsNull();
  planned = planned.WithAttr(
      "id", known ? Value::String(
                        absl::StrCat(source.AsString(), "@", domain.AsString()))
                  : Value::Unknown(Type::String()));
}

CreateOutcome ForwardResource::Post(gandi::Client& client,
                                    const std::string& domain,
                                    const gandi::ForwardCreate& forward,
                                    absl::Time deadline) {
  std::set<std::string> want = AsSet(forward.destinations);
  CreateCalls calls;
  calls.fields = {{"domain", domain}, {"source", forward.source}};
  calls.post = [&] { return client.CreateForward(domain, forward); };
  // Only a forward with the destinations sent is this create's: another
  // one of the same source is someone else's, and the re-send says so.
  calls.find = [&]() -> absl::StatusOr<bool> {
    GM_ASSIGN_OR_RETURN(std::optional<gandi::Forward> found,
                        FindForward(client, domain, forward.source));
    return found.has_value() && AsSet(found->destinations) == want;
  };
  calls.first_poll = kFirstPoll;
  return SendCreate(calls, deadline);
}

void ForwardResource::ReportCreateError(Diagnostics* diagnostics,
                                        const std::string& address,
                                        const CreateOutcome& outcome) {
  const absl::Status& status = outcome.status;
  if (outcome.how == CreateOutcome::How::kUnknown) {
    AddCreateOutcomeUnknown(diagnostics, "Forward Creation Outcome Unknown",
                            absl::StrCat("The forward ", address), address,
                            outcome);
    return;
  }
  if (absl::IsAlreadyExists(status)) {
    // A conflict to the re-send: the first POST may have made a forward
    // that shows other destinations than asked, or another made it.
    std::string first =
        outcome.posts > 1
            ? " exists, though not as this create asked: the first request, "
              "which got no clear answer, may have made it, or someone else "
              "did. Check its destinations, then bring it under Terraform"
            : " already exists. Bring it under Terraform";
    AddApiError(diagnostics, "Forward Already Exists",
                absl::StrCat("The forward ", address, first,
                             " with `terraform import` (ID ", address,
                             ") or an import block, or choose another "
                             "source."),
                status);
    return;
  }
  AddApiError(diagnostics, "Unable to Create Forward",
              absl::StrCat("Creating the forward ", address, " failed."),
              status);
}

void ForwardResource::Create(const tfplugin::ApplyRequest& request,
                             tfplugin::ApplyResponse* response) {
  std::shared_ptr<const ApiHandle> api = api_->Api(&response->diagnostics);
  if (api == nullptr) return;
  Value state = AppliedState(request);
  std::string domain = state.GetAttr("domain").AsString();
  gandi::ForwardCreate forward{state.GetAttr("source").AsString(),
                               Strings(state.GetAttr("destinations"))};
  std::string address = state.GetAttr("id").AsString();
  absl::Time deadline =
      absl::Now() + TimeoutFor(request.config, "create", kDefaultTimeout);

  CreateOutcome posted = Post(*api->gandi, domain, forward, deadline);
  cache_.Invalidate(domain);
  if (!posted.made()) {
    ReportCreateError(&response->diagnostics, address, posted);
    return;
  }

  absl::Status shown = WaitForForward(*api->gandi, domain, forward.source,
                                      AsSet(forward.destinations), deadline);
  cache_.Invalidate(domain);
  if (!shown.ok()) {
    WarnNotYetVisible(&response->diagnostics, address, "created", "create",
                      shown);
  }
  response->new_state = state;
}

void ForwardResource::Update(const tfplugin::ApplyRequest& request,
                             tfplugin::ApplyResponse* response) {
  response->new_state = request.prior_state;
  std::shared_ptr<const ApiHandle> api = api_->Api(&response->diagnostics);
  if (api == nullptr) return;
  Value state = AppliedState(request);
  std::string domain = state.GetAttr("domain").AsString();
  std::string source = state.GetAttr("source").AsString();
  std::vector<std::string> destinations =
      Strings(state.GetAttr("destinations"));
  std::string address = state.GetAttr("id").AsString();
  if (state.GetAttr("destinations") ==
      request.prior_state.GetAttr("destinations")) {
    response->new_state = state;  // Only timeouts changed: nothing to send.
    return;
  }

  absl::Time deadline =
      absl::Now() + TimeoutFor(request.config, "update", kDefaultTimeout);
  absl::Status put =
      api->gandi->UpdateForward(domain, source, destinations).status();
  cache_.Invalidate(domain);
  if (!put.ok()) {
    AddApiError(
        &response->diagnostics, "Unable to Update Forward",
        absl::StrCat("Updating the destinations of the forward ", address,
                     " failed. If it was deleted outside Terraform, "
                     "run terraform apply again to create it."),
        put);
    return;
  }

  absl::Status shown = WaitForForward(*api->gandi, domain, source,
                                      AsSet(destinations), deadline);
  cache_.Invalidate(domain);
  if (!shown.ok()) {
    WarnNotYetVisible(&response->diagnostics, address, "updated", "update",
                      shown);
  }
  response->new_state = state;
}

void ForwardResource::Delete(const tfplugin::ApplyRequest& request,
                             tfplugin::ApplyResponse* response) {
  response->new_state = request.prior_state;
  std::shared_ptr<const ApiHandle> api = api_->Api(&response->diagnostics);
  if (api == nullptr) return;
  const Value& prior = request.prior_state;
  std::string domain = prior.GetAttr("domain").AsString();
  std::string source = prior.GetAttr("source").AsString();
  std::string address = absl::StrCat(source, "@", domain);
  absl::Time deadline =
      absl::Now() + TimeoutFor(prior, "delete", kDefaultTimeout);

  absl::Status deleted = api->gandi->DeleteForward(domain, source).status();
  cache_.Invalidate(domain);
  if (!deleted.ok() && !absl::IsNotFound(deleted)) {
    AddApiError(&response->diagnostics, "Unable to Delete Forward",
                absl::StrCat("Deleting the forward ", address, " failed."),
                deleted);
    return;
  }

  absl::Status gone =
      WaitForForward(*api->gandi, domain, source, std::nullopt, deadline);
  cache_.Invalidate(domain);
  if (!gone.ok()) {
    WarnNotYetVisible(&response->diagnostics, address, "deleted", "delete",
                      gone);
  }
  response->new_state = Value::Null(schema_.ImpliedType());
}

absl::StatusOr<std::optional<gandi::Forward>> ForwardResource::Lookup(
    gandi::Client& client, const std::string& domain,
    const std::string& source) {
  auto fetch =
      [&client](const std::string& d) -> absl::StatusOr<ForwardListing> {
    GM_ASSIGN_OR_RETURN(std::vector<gandi::Forward> forwards,
                        ListNormalised(client, d, {}));
    ForwardListing listing;
    for (gandi::Forward& f : forwards) {
      std::string key = f.source;
      listing.emplace(std::move(key), std::move(f));
    }
    return listing;
  };
  GM_ASSIGN_OR_RETURN(std::shared_ptr<const ForwardListing> listing,
                      cache_.Get(domain, fetch));
  auto it = listing->find(source);
  if (it != listing->end()) return std::make_optional(it->second);

  // A walk can miss an object that moved between pages, or one that was
  // written after the walk began: ask about this one before calling it gone.
  log::Debug("forward missing from the domain's list; confirming",
             {{"domain", domain}, {"source", source}});
  return FindForward(client, domain, source);
}

void ForwardResource::Read(const tfplugin::ReadRequest& request,
                           tfplugin::ReadResponse* response) {
  const Value& current = request.current_state;
  response->new_state = current;
  std::shared_ptr<const ApiHandle> api = api_->Api(&response->diagnostics);
  if (api == nullptr) return;
  std::string domain = current.GetAttr("domain").AsString();
  std::string source = current.GetAttr("source").AsString();
  std::string address = absl::StrCat(source, "@", domain);

  absl::StatusOr<std::optional<gandi::Forward>> found =
      Lookup(*api->gandi, domain, source);
  if (!found.ok() && !absl::IsNotFound(found.status())) {
    AddApiError(&response->diagnostics, "Unable to Read Forward",
                absl::StrCat("Reading the forward ", address, " failed."),
                found.status());
    return;
  }

  if (!found.ok() || !found->has_value()) {
    response->new_state = Value::Null(schema_.ImpliedType());
    return;
  }
  response->new_state =
      current.WithAttr("id", Value::String(address))
          .WithAttr("destinations", StringSet((*found)->destinations));
}

void ForwardResource::Import(const std::string& id,
                             tfplugin::ImportResponse* response) {
  absl::StatusOr<ForwardId> parsed = ParseForwardId(id);
  if (!parsed.ok()) {
    response->diagnostics.AddError(
        "Invalid Import ID",
        absl::StrCat("A gandimail_forward is imported by its address: ",
                     parsed.status().message(), "."));
    return;
  }
  Value state = Value::Null(schema_.ImpliedType())
                    .WithAttr("id", Value::String(id))
                    .WithAttr("domain", Value::String(parsed->domain))
                    .WithAttr("source", Value::String(parsed->source));
  response->objects.push_back({state, ""});
}

}  // namespace

std::shared_ptr<tfplugin::Resource> NewForwardResource(const ApiSource* api) {
  return std::make_shared<ForwardResource>(api);
}

}  // namespace gandimail::resources
