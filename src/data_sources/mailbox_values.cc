#include "src/data_sources/mailbox_values.h"

namespace gandimail::data_sources {
namespace {

using cty::Type;
using cty::Value;
using tfplugin::Attr;
using tfplugin::NestedAttr;
using tfplugin::NestedObject;

Value OptString(const std::optional<std::string>& text) {
  return text.has_value() ? Value::String(*text) : Value::Null(Type::String());
}

Value AutorenewValue(const std::optional<gandi::Autorenew>& autorenew) {
  gandi::Autorenew a = autorenew.value_or(gandi::Autorenew{});
  return Value::Object({{"enabled", Value::Bool(a.enabled)},
                        {"duration", Value::Int(a.duration)}});
}

tfplugin::Attribute AutorenewAttribute() {
  return NestedAttr("autorenew", NestedObject::Nesting::kSingle,
                    {Attr("enabled", Type::Bool())
                         .Computed()
                         .Describe("Whether the mailbox renews itself."),
                     Attr("duration", Type::Number())
                         .Computed()
                         .Describe("Months bought at each renewal.")})
      .Computed()
      .Describe("Automatic renewal.");
}

// The attributes both data sources report for a mailbox.
std::vector<tfplugin::Attribute> CommonAttributes() {
  return {
      Attr("mailbox_type", Type::String())
          .Computed()
          .Describe("`standard`, `premium`, `standard_2023` or "
                    "`premium_2023`."),
      Attr("alias_count", Type::Number())
          .Computed()
          .Describe("The number of aliases."),
      Attr("antispam", Type::Bool())
          .Computed()
          .Describe("Whether antispam filters the mailbox."),
      Attr("quota_used", Type::Number())
          .Computed()
          .Describe("Storage used, as the API reports it."),
      Attr("expires_at", Type::String())
          .Computed()
          .Describe("When the mailbox expires."),
      Attr("to_convert", Type::Bool())
          .Computed()
          .Describe("True when the mailbox must be renewed (converted) "
                    "before it expires, or it is deleted with its mail."),
      AutorenewAttribute(),
  };
}

}  // namespace

std::vector<tfplugin::Attribute> MailboxDetailAttributes() {
  std::vector<tfplugin::Attribute> attributes = {
      Attr("domain", Type::String())
          .Optional()
          .Computed()
          .Describe("The domain; required unless `address` is set."),
      Attr("id", Type::String())
          .Optional()
          .Computed()
          .Describe("The mailbox's UUID."),
      Attr("login", Type::String())
          .Optional()
          .Computed()
          .Describe("The local part of the address."),
      Attr("address", Type::String())
          .Optional()
          .Computed()
          .Describe("The full address, such as `alice@example.com`."),
      Attr("aliases", Type::Set(Type::String()))
          .Computed()
          .Describe("The mailbox's aliases."),
      Attr("fallback_email", Type::String())
          .Computed()
          .Describe("The fallback address, if any."),
      NestedAttr(
          "responder", NestedObject::Nesting::kSingle,
          {Attr("enabled", Type::Bool())
               .Computed()
               .Describe("Whether the responder answers incoming mail."),
           Attr("message", Type::String())
               .Computed()
               .Describe("The text of the automatic answer; empty when none "
                         "is set."),
           Attr("starts_at", Type::String())
               .Computed()
               .Describe("When the responder starts, as an RFC 3339 "
                         "date-time; null when it has no start date."),
           Attr("ends_at", Type::String())
               .Computed()
               .Describe("When the responder stops, as an RFC 3339 "
                         "date-time; null when it has no end date.")})
          .Computed()
          .Describe("The out-of-office responder."),
  };
  for (tfplugin::Attribute& a : CommonAttributes()) {
    attributes.push_back(std::move(a));
  }
  return attributes;
}

Value MailboxDetailValue(const gandi::Mailbox& m, bool to_convert) {
  std::vector<Value> aliases;
  for (const std::string& alias : m.aliases) {
    aliases.push_back(Value::String(alias));
  }
  gandi::Responder r = m.responder.value_or(gandi::Responder{});
  Value responder =
      Value::Object({{"enabled", Value::Bool(r.enabled)},
                     {"message", Value::String(r.message.value_or(""))},
                     {"starts_at", OptString(r.starts_at)},
                     {"ends_at", OptString(r.ends_at)}});
  return Value::Object({
      {"domain", Value::String(m.domain)},
      {"id", Value::String(m.id)},
      {"login", Value::String(m.login)},
      {"address", Value::String(m.address)},
      {"aliases", Value::Set(Type::String(), std::move(aliases))},
      {"fallback_email", OptString(m.fallback_email)},
      {"responder", responder},
      {"mailbox_type", Value::String(m.mailbox_type)},
      {"alias_count", Value::Int(static_cast<int64_t>(m.aliases.size()))},
      {"antispam", Value::Bool(m.antispam)},
      {"quota_used", Value::Int(m.quota_used)},
      {"expires_at", Value::String(m.expires_at)},
      {"to_convert", Value::Bool(to_convert)},
      {"autorenew", AutorenewValue(m.autorenew)},
  });
}

std::vector<tfplugin::Attribute> MailboxSummaryAttributes() {
  std::vector<tfplugin::Attribute> attributes = {
      Attr("id", Type::String()).Computed().Describe("The mailbox's UUID."),
      Attr("domain", Type::String()).Computed().Describe("The domain."),
      Attr("login", Type::String())
          .Computed()
          .Describe("The local part of the address."),
      Attr("address", Type::String()).Computed().Describe("The full address."),
  };
  for (tfplugin::Attribute& a : CommonAttributes()) {
    attributes.push_back(std::move(a));
  }
  return attributes;
}

Value MailboxSummaryValue(const gandi::MailboxSummary& m) {
  return Value::Object({
      {"id", Value::String(m.id)},
      {"domain", Value::String(m.domain)},
      {"login", Value::String(m.login)},
      {"address", Value::String(m.address)},
      {"mailbox_type", Value::String(m.mailbox_type)},
      {"alias_count", Value::Int(m.alias_count)},
      {"antispam", Value::Bool(m.antispam)},
      {"quota_used", Value::Int(m.quota_used)},
      {"expires_at", Value::String(m.expires_at)},
      {"to_convert", Value::Bool(m.to_convert)},
      {"autorenew", AutorenewValue(m.autorenew)},
  });
}

}  // namespace gandimail::data_sources
