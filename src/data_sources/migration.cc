#include "src/data_sources/migration.h"

#include "absl/strings/str_cat.h"

namespace gandimail::data_sources {
namespace {

using cty::Type;
using cty::Value;
using tfplugin::Attr;

Type MailboxType() {
  return Type::Object({{"login", Type::String()},
                       {"offer_v2", Type::String()},
                       {"price_v2", Type::Number()},
                       {"price_v2_m", Type::Number()},
                       {"quota", Type::Number()},
                       {"quota_v2", Type::Number()},
                       {"usage", Type::Number()}});
}

Value MailboxValue(const gandi::MigrationMailbox& m) {
  return Value::Object({{"login", Value::String(m.login)},
                        {"offer_v2", Value::String(m.offer_v2)},
                        {"price_v2", Value::Float(m.price_v2)},
                        {"price_v2_m", Value::Float(m.price_v2_m)},
                        {"quota", Value::Float(m.quota)},
                        {"quota_v2", Value::Float(m.quota_v2)},
                        {"usage", Value::Float(m.usage)}});
}

std::vector<tfplugin::Attribute> Attributes() {
  auto number = [](const char* name, const char* text) {
    return Attr(name, Type::Number()).Computed().Describe(text);
  };
  return {
      Attr("domain", Type::String())
          .Required()
          .Describe("The domain name, such as `example.com`."),
      Attr("id", Type::String()).Computed().Describe("The domain name."),
      Attr("available", Type::Bool())
          .Computed()
          .Describe("Whether the domain's mailboxes can be migrated now."),
      Attr("packmail", Type::Bool())
          .Computed()
          .Describe("Whether the domain is still on the packmail offer."),
      number("included_mailboxes", "Mailboxes that come with the domain."),
      number("free_mailboxes", "Mailboxes (slots) bought and not in use."),
      number("forward_count", "Forwarding addresses of the domain."),
      Attr("currency", Type::String())
          .Computed()
          .Describe("Currency of the prices, such as `EUR`."),
      number("price_v1", "Total yearly price before the migration."),
      number("price_v2", "Total yearly price after the migration."),
      number("quota_v1",
             "Storage quota before the migration, in the API's "
             "unit (KB in practice)."),
      number("usage_v1", "Storage used, in the same unit as `quota_v1`."),
      Attr("mailboxes", Type::List(MailboxType()))
          .Computed()
          .Describe("One entry per mailbox migrated: `login`, `offer_v2` "
                    "(its mailbox type after the migration), `price_v2` "
                    "(per year), `price_v2_m` (per month), `quota` and "
                    "`quota_v2` (before and after), `usage`."),
      Attr("token", Type::String())
          .Computed()
          .Sensitive()
          .Describe("The token that launches the migration; empty when none "
                    "is available. Sensitive: it starts a paid change."),
  };
}

Value MigrationValue(const std::string& domain, const gandi::Migration& m) {
  std::vector<Value> mailboxes;
  for (const gandi::MigrationMailbox& mailbox : m.info)
    mailboxes.push_back(MailboxValue(mailbox));
  return Value::Object(
      {{"domain", Value::String(domain)},
       {"id", Value::String(domain)},
       {"available", Value::Bool(m.available)},
       {"packmail", Value::Bool(m.packmail)},
       {"included_mailboxes", Value::Int(m.included_mailboxes)},
       {"free_mailboxes", Value::Int(m.free_mailboxes)},
       {"forward_count", Value::Int(m.forward_count)},
       {"currency", Value::String(m.currency)},
       {"price_v1", Value::Float(m.price_v1)},
       {"price_v2", Value::Float(m.price_v2)},
       {"quota_v1", Value::Float(m.quota_v1)},
       {"usage_v1", Value::Float(m.usage_v1)},
       {"mailboxes", Value::List(MailboxType(), mailboxes)},
       {"token", Value::String(m.token)}});
}

class MigrationDataSource final : public tfplugin::DataSource {
 public:
  explicit MigrationDataSource(const ApiSource* api) : api_(api) {
    schema_.block.description =
        "Reads what migrating a domain off the packmail offer would give and "
        "cost, and the token that launches the migration.";
    schema_.block.attributes = Attributes();
  }

  std::string TypeName() const override { return "gandimail_migration"; }
  const tfplugin::Schema& GetSchema() const override { return schema_; }

  Value Read(const Value& config, tfplugin::Diagnostics* diagnostics) override {
    std::shared_ptr<const ApiHandle> api = api_->Api(diagnostics);
    if (api == nullptr) return Value::Null(schema_.ImpliedType());
    std::string domain = config.GetAttr("domain").AsString();

    absl::StatusOr<gandi::Migration> migration =
        api->gandi->GetMigration(domain);
    if (!migration.ok()) {
      diagnostics->AddStatusError(
          "Unable to Read Migration",
          absl::StrCat("Reading the packmail migration details of ", domain,
                       " failed."),
          migration.status());
      return Value::Null(schema_.ImpliedType());
    }
    return MigrationValue(domain, *migration);
  }

 private:
  const ApiSource* api_;
  tfplugin::Schema schema_;
};

}  // namespace

std::shared_ptr<tfplugin::DataSource> NewMigrationDataSource(
    const ApiSource* api) {
  return std::make_shared<MigrationDataSource>(api);
}

}  // namespace gandimail::data_sources
