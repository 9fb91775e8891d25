// The schema of resource "gandimail_mailbox", with its per-value validators.

#include "absl/strings/str_cat.h"
#include "src/resources/common.h"
#include "src/resources/mailbox.h"
#include "src/resources/mailbox_rules.h"

namespace gandimail::resources {
namespace {

using cty::Type;
using cty::Value;
using tfplugin::Attr;
using tfplugin::ComputedBehavior;
using tfplugin::Diagnostics;
using tfplugin::NestedAttr;
using tfplugin::NestedObject;

// A validator from a rule returning "" or the reason; `what` names the
// value in the message. The value is quoted only when `quote` (never for a
// password).
tfplugin::Validator RuleValidator(std::string summary, std::string what,
                                  std::string (*rule)(absl::string_view),
                                  bool quote) {
  return [=](const Value& v, const cty::Path& path, Diagnostics* d) {
    std::string reason = rule(v.AsString());
    if (reason.empty()) return;
    std::string subject =
        quote ? absl::StrCat(what, " \"", v.AsString(), "\"") : what;
    d->AddError(summary, absl::StrCat("The ", subject, " ", reason, "."), path);
  };
}

// Checks every known alias of the set.
tfplugin::Validator AliasesValidator() {
  return [](const Value& set, const cty::Path& path, Diagnostics* d) {
    for (const Value& alias : set.elements()) {
      if (alias.IsNull() || !alias.IsKnown()) continue;
      std::string reason = CheckAlias(alias.AsString());
      if (reason.empty()) continue;
      d->AddError("Invalid Mailbox Alias",
                  absl::StrCat("The alias \"", alias.AsString(), "\" ", reason,
                               ". An alias is a local part such as \"bob\", "
                               "with at most one '*' at its start or end "
                               "next to two or more characters (\"bob*\")."),
                  path);
    }
  };
}

std::vector<tfplugin::Attribute> ResponderAttributes() {
  return {
      Attr("enabled", Type::Bool())
          .Required()
          .Describe("Whether the out-of-office responder answers."),
      Attr("message", Type::String())
          .Optional()
          .Describe("The text of the automatic answer."),
      Attr("starts_at", Type::String())
          .Optional()
          .Validate(IsRfc3339())
          .Describe("When the responder starts, as an RFC 3339 date-time. "
                    "Compared as an instant: the state keeps your form."),
      Attr("ends_at", Type::String())
          .Optional()
          .Validate(IsRfc3339())
          .Describe("When the responder stops, as an RFC 3339 date-time, "
                    "after `starts_at`."),
  };
}

std::vector<tfplugin::Attribute> AutorenewAttributes() {
  return {
      // Optional+computed rather than required: Terraform reads a prior
      // object holding non-computed values as once configured, and would
      // then plan an unset autorenew as null instead of leaving it alone.
      // Validate() requires both whenever autorenew is set.
      Attr("enabled", Type::Bool())
          .Optional()
          .Computed()
          .Describe("Whether the mailbox renews itself at expiry."),
      Attr("duration", Type::Number())
          .Optional()
          .Computed()
          .Validate(OneOfInts({1, 12}))
          .Describe("Months bought at each renewal: `1` or `12`."),
  };
}

std::vector<tfplugin::Attribute> PasswordAttributes() {
  return {
      Attr("password", Type::String())
          .Optional()
          .Sensitive()
          .Validate(RuleValidator("Invalid Mailbox Password", "password",
                                  &CheckPassword, false))
          .Describe("The mailbox password: 8 to 200 characters with at least 1 "
                    "upper-case letter, 3 digits and 1 special character, or a "
                    "SHA512-CRYPT hash (`$6$salt$hash`). Stored in the state; "
                    "never read back, so a change made elsewhere is not seen. "
                    "Set this or `password_wo` when creating."),
      Attr("password_wo", Type::String())
          .Optional()
          .Sensitive()
          .WriteOnly()
          .Validate(RuleValidator("Invalid Mailbox Password", "password_wo",
                                  &CheckPassword, false))
          .Describe("Write-only password (Terraform 1.11 or later), kept out "
                    "of plan and state; same policy as `password`. Sent at "
                    "create, and again whenever `password_wo_version` "
                    "changes."),
      Attr("password_wo_version", Type::Number())
          .Optional()
          .Describe("Any number; change it to send `password_wo` again."),
  };
}

tfplugin::Schema BuildSchema() {
  tfplugin::Schema schema;
  schema.block.description =
      "A mailbox on a Gandi mail domain. It needs a free slot of its type "
      "(see `gandimail_slot`). Destroying or replacing it deletes its mail.";
  schema.block.attributes = {
      Attr("id", Type::String()).Computed().Describe("The mailbox's UUID."),
      Attr("domain", Type::String())
          .Required()
          .RequiresReplace()
          .Describe("The domain, such as `example.com`. Changing it "
                    "replaces the mailbox and deletes its mail."),
      Attr("login", Type::String())
          .Required()
          .Validate(RuleValidator("Invalid Mailbox Login", "login", &CheckLogin,
                                  true))
          .Describe("The local part of the address (`alice`). Changing it "
                    "renames the mailbox in place."),
      Attr("address", Type::String())
          .Computed()
          .Behavior(ComputedBehavior::kPlannedByResource)
          .Describe("The full address, `login@domain`."),
      Attr("mailbox_type", Type::String())
          .Required()
          .Validate(OneOf(
              {std::begin(kMailboxTypeNames), std::end(kMailboxTypeNames)}))
          .Describe("`standard`, `premium`, `standard_2023` or "
                    "`premium_2023` (`standard_new` and `premium_new` are "
                    "deprecated names of the 2023 types). Changes in place "
                    "only to a 2023 type; any other change is refused."),
      Attr("aliases", Type::Set(Type::String()))
          .Optional()
          .Validate(AliasesValidator())
          .Describe("Other local parts delivered here; one `*` may stand at "
                    "the start or end next to two or more characters."),
      Attr("alias_count", Type::Number())
          .Computed()
          .Behavior(ComputedBehavior::kPlannedByResource)
          .Describe("The number of aliases."),
      Attr("antispam", Type::Bool())
          .Optional()
          .Computed()
          .Describe("Whether antispam filters the mailbox. Unset: not "
                    "managed, the state shows the API's value."),
      NestedAttr("responder", NestedObject::Nesting::kSingle,
                 ResponderAttributes())
          .Optional()
          .Describe("The out-of-office responder. Removing it turns the "
                    "responder off."),
      NestedAttr("autorenew", NestedObject::Nesting::kSingle,
                 AutorenewAttributes())
          .Optional()
          .Computed()
          .Describe("Automatic renewal. Unset: not managed, the state shows "
                    "the API's value."),
      Attr("expires_at", Type::String())
          .Computed()
          .Behavior(ComputedBehavior::kPlannedByResource)
          .Describe("When the mailbox expires (changes with its type)."),
      Attr("fallback_email", Type::String())
          .Computed()
          .Describe("The fallback address the API reports."),
      TimeoutsAttribute({"create", "update", "delete"}, absl::Minutes(10)),
  };
  for (tfplugin::Attribute& a : PasswordAttributes()) {
    schema.block.attributes.push_back(std::move(a));
  }
  return schema;
}

}  // namespace

const tfplugin::Schema& MailboxSchema() {
  static const tfplugin::Schema* const schema =
      new tfplugin::Schema(BuildSchema());
  return *schema;
}

}  // namespace gandimail::resources
