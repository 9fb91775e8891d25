#include "src/listing.h"

#include "absl/strings/str_cat.h"
#include "src/resources/common.h"

namespace gandimail::listing {
namespace {

using cty::Type;
using cty::Value;
using tfplugin::Attr;

tfplugin::Validator NotEmpty() {
  return [](const Value& v, const cty::Path& path, tfplugin::Diagnostics* d) {
    if (!v.AsString().empty()) return;
    d->AddError("Empty Pattern",
                "An empty pattern matches nothing. Remove the argument to "
                "list every forward, or use a pattern such as \"*lice\".",
                path);
  };
}

// Reports `listed`'s failure to list `what` of `domain`.
template <typename T>
std::optional<T> Reported(absl::StatusOr<T> listed, const char* summary,
                          const char* what, const std::string& domain,
                          tfplugin::Diagnostics* diagnostics) {
  if (listed.ok()) return *std::move(listed);
  diagnostics->AddStatusError(
      summary, absl::StrCat("Listing the ", what, " of ", domain, " failed."),
      listed.status());
  return std::nullopt;
}

}  // namespace

std::optional<std::string> OptionalString(const Value& config,
                                          const char* name) {
  const Value& v = config.GetAttr(name);
  if (v.IsNull()) return std::nullopt;
  return v.AsString();
}

std::vector<tfplugin::Attribute> MailboxFilterAttributes() {
  return {
      Attr("login", Type::String())
          .Optional()
          .Describe("Only the mailbox with exactly this login."),
      Attr("login_pattern", Type::String())
          .Optional()
          .Describe("Only logins matching this `*` pattern, such as "
                    "`ali*`."),
      Attr("mailbox_type", Type::String())
          .Optional()
          .Validate(resources::OneOf(
              {"standard", "premium", "standard_2023", "premium_2023"}))
          .Describe("Only mailboxes of this type."),
      Attr("antispam", Type::Bool())
          .Optional()
          .Describe("Only mailboxes with antispam on (`true`) or off."),
  };
}

gandi::MailboxListOptions MailboxFilters(const Value& config) {
  gandi::MailboxListOptions options;
  options.login = OptionalString(config, "login");
  options.login_pattern = OptionalString(config, "login_pattern");
  options.mailbox_type = OptionalString(config, "mailbox_type");
  if (!config.GetAttr("antispam").IsNull()) {
    options.antispam = config.GetAttr("antispam").AsBool();
  }
  return options;
}

std::vector<tfplugin::Attribute> ForwardFilterAttributes() {
  return {
      Attr("source", Type::String())
          .Optional()
          .Validate(NotEmpty())
          .Describe("Only forwards whose source (local part) matches this "
                    "pattern; `*` stands for any run of characters, such "
                    "as `*lice`. Without `*` the match is exact."),
      Attr("destination", Type::String())
          .Optional()
          .Validate(NotEmpty())
          .Describe("Only forwards with a destination matching this "
                    "pattern, such as `*@example.org`."),
  };
}

gandi::ForwardListOptions ForwardFilters(const Value& config) {
  gandi::ForwardListOptions options;
  options.source = OptionalString(config, "source");
  options.destination = OptionalString(config, "destination");
  return options;
}

std::optional<std::vector<gandi::MailboxSummary>> ListMailboxes(
    const ApiHandle& api, const std::string& domain,
    const gandi::MailboxListOptions& options,
    tfplugin::Diagnostics* diagnostics) {
  return Reported(api.gandi->ListMailboxes(domain, options),
                  "Unable to List Mailboxes", "mailboxes", domain, diagnostics);
}

std::optional<std::vector<gandi::Forward>> ListForwards(
    const ApiHandle& api, const std::string& domain,
    const gandi::ForwardListOptions& options,
    tfplugin::Diagnostics* diagnostics) {
  return Reported(api.gandi->ListForwards(domain, options),
                  "Unable to List Forwards", "forwards", domain, diagnostics);
}

std::optional<std::vector<gandi::Slot>> ListSlots(
    const ApiHandle& api, const std::string& domain,
    tfplugin::Diagnostics* diagnostics) {
  return Reported(api.gandi->ListSlots(domain), "Unable to List Slots",
                  "mailbox slots", domain, diagnostics);
}

}  // namespace gandimail::listing
