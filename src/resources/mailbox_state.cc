#include "src/resources/mailbox_state.h"

#include <algorithm>

#include "src/resources/common.h"
#include "src/resources/mailbox_rules.h"

namespace gandimail::resources {
namespace {

using cty::Type;
using cty::Value;

const Type& AttrType(const Type& object, const std::string& name) {
  return object.attribute_types().at(name);
}

bool IsSetString(const Value& v) {
  return !v.IsNull() && v.IsKnown() && v.type() == Type::String();
}

std::optional<std::string> OptString(const Value& v) {
  if (!IsSetString(v)) return std::nullopt;
  return v.AsString();
}

// The API's date-time `api`, in the prior's form when both name the same
// instant.
Value DateInPriorForm(const std::optional<std::string>& api,
                      const Value& prior) {
  if (!api.has_value()) return Value::Null(Type::String());
  if (IsSetString(prior) && SameInstant(prior.AsString(), *api)) return prior;
  return Value::String(*api);
}

Value ResponderFromApi(const std::optional<gandi::Responder>& api,
                       const Value& prior, const Type& type) {
  gandi::Responder r = api.value_or(gandi::Responder{});
  std::string message = r.message.value_or("");
  bool prior_set = !prior.IsNull() && prior.IsKnown();
  bool empty_form = !r.enabled && message.empty() && !r.starts_at.has_value() &&
                    !r.ends_at.has_value();
  // An unset responder and the API's empty form are the same thing.
  if (!prior_set && empty_form) return Value::Null(type);

  Value prior_message = prior_set ? prior.GetAttr("message") : Value();
  Value message_value = Value::String(message);
  if (message.empty() && (!prior_set || prior_message.IsNull())) {
    message_value = Value::Null(Type::String());
  }
  Value none = Value::Null(Type::String());
  return Value::Object({
      {"enabled", Value::Bool(r.enabled)},
      {"message", message_value},
      {"starts_at",
       DateInPriorForm(r.starts_at,
                       prior_set ? prior.GetAttr("starts_at") : none)},
      {"ends_at",
       DateInPriorForm(r.ends_at, prior_set ? prior.GetAttr("ends_at") : none)},
  });
}

Value AutorenewFromApi(const std::optional<gandi::Autorenew>& api,
                       const Type& type) {
  if (!api.has_value()) return Value::Null(type);
  return Value::Object({{"enabled", Value::Bool(api->enabled)},
                        {"duration", Value::Int(api->duration)}});
}

Value AliasesFromApi(const std::vector<std::string>& api, const Value& prior) {
  // An unset alias list and the API's `[]` are the same thing.
  if (api.empty() && (prior.IsNull() || !prior.IsKnown())) {
    return Value::Null(Type::Set(Type::String()));
  }
  std::vector<Value> elements;
  for (const std::string& alias : api) elements.push_back(Value::String(alias));
  return Value::Set(Type::String(), std::move(elements));
}

Value TypeInPriorForm(const std::string& api, const Value& prior) {
  if (IsSetString(prior) && CanonicalMailboxType(prior.AsString()) == api) {
    return prior;
  }
  return Value::String(api);
}

// The attribute `name` of `object`, or a typed null when `object` is null.
Value AttrOrNull(const Value& object, const Type& type,
                 const std::string& name) {
  if (object.IsNull() || !object.IsKnown()) {
    return Value::Null(AttrType(type, name));
  }
  return object.GetAttr(name);
}

Value NullUnknowns(const Value& planned) {
  Value out = planned;
  for (const auto& [name, value] : planned.attributes()) {
    if (!value.IsWhollyKnown()) {
      out = out.WithAttr(name, Value::Null(value.type()));
    }
  }
  return out;
}

std::optional<gandi::ResponderUpdate> ResponderUpdateFrom(
    const Value& responder) {
  gandi::ResponderUpdate update;
  if (responder.IsNull()) {
    // Removing the argument turns the responder off.
    update.enabled = false;
    update.message = "";
    return update;
  }
  update.enabled = responder.GetAttr("enabled").AsBool();
  update.message = OptString(responder.GetAttr("message")).value_or("");
  update.starts_at = OptString(responder.GetAttr("starts_at"));
  update.ends_at = OptString(responder.GetAttr("ends_at"));
  return update;
}

gandi::AutorenewUpdate AutorenewUpdateFrom(const Value& autorenew) {
  gandi::AutorenewUpdate update;
  update.activated = autorenew.GetAttr("enabled").AsBool();
  update.duration = autorenew.GetAttr("duration").AsInt64().value_or(12);
  return update;
}

bool ConfigSets(const Value& config, const std::string& name) {
  return !config.IsNull() && !config.GetAttr(name).IsNull();
}

}  // namespace

Value MailboxStateFromApi(const gandi::Mailbox& api, const Value& prior,
                          const Type& type) {
  Value state = Value::Null(type);
  auto keep = [&](const std::string& name) {
    state = state.WithAttr(name, AttrOrNull(prior, type, name));
  };
  keep("password");
  keep("password_wo_version");
  keep("timeouts");
  state = state.WithAttr("password_wo", Value::Null(Type::String()));

  Value prior_aliases = AttrOrNull(prior, type, "aliases");
  state =
      state.WithAttr("id", Value::String(api.id))
          .WithAttr("domain", Value::String(api.domain))
          .WithAttr("login", Value::String(api.login))
          .WithAttr("address", Value::String(api.address))
          .WithAttr("mailbox_type",
                    TypeInPriorForm(api.mailbox_type,
                                    AttrOrNull(prior, type, "mailbox_type")))
          .WithAttr("aliases", AliasesFromApi(api.aliases, prior_aliases))
          .WithAttr("alias_count",
                    Value::Int(static_cast<int64_t>(api.aliases.size())))
          .WithAttr("antispam", Value::Bool(api.antispam));
  state =
      state
          .WithAttr("responder",
                    ResponderFromApi(api.responder,
                                     AttrOrNull(prior, type, "responder"),
                                     AttrType(type, "responder")))
          .WithAttr("autorenew", AutorenewFromApi(api.autorenew,
                                                  AttrType(type, "autorenew")))
          .WithAttr("expires_at", Value::String(api.expires_at))
          .WithAttr("fallback_email", api.fallback_email.has_value()
                                          ? Value::String(*api.fallback_email)
                                          : Value::Null(Type::String()));
  return state;
}

Value FillComputed(const Value& planned, const gandi::Mailbox* api) {
  if (api == nullptr) return NullUnknowns(planned);
  Value read = MailboxStateFromApi(*api, planned, planned.type());
  Value out = planned;
  for (const auto& [name, value] : planned.attributes()) {
    if (!value.IsWhollyKnown()) out = out.WithAttr(name, read.GetAttr(name));
  }
  return NullUnknowns(out);
}

std::vector<std::string> AliasList(const Value& object) {
  std::vector<std::string> aliases;
  const Value& set = object.GetAttr("aliases");
  if (set.IsNull() || !set.IsKnown()) return aliases;
  for (const Value& alias : set.elements()) aliases.push_back(alias.AsString());
  std::sort(aliases.begin(), aliases.end());
  return aliases;
}

gandi::MailboxCreate MailboxCreateFromConfig(const Value& config) {
  gandi::MailboxCreate create;
  create.login = config.GetAttr("login").AsString();
  create.mailbox_type = config.GetAttr("mailbox_type").AsString();
  const Value& password = config.GetAttr("password");
  create.password =
      log::Secret(password.IsNull() ? config.GetAttr("password_wo").AsString()
                                    : password.AsString());
  if (!config.GetAttr("aliases").IsNull()) create.aliases = AliasList(config);
  const Value& antispam = config.GetAttr("antispam");
  if (!antispam.IsNull()) create.antispam = antispam.AsBool();
  return create;
}

gandi::MailboxUpdate PostCreatePatch(const Value& planned,
                                     const Value& config) {
  gandi::MailboxUpdate update;
  if (!planned.GetAttr("responder").IsNull()) {
    update.responder = ResponderUpdateFrom(planned.GetAttr("responder"));
  }
  if (ConfigSets(config, "autorenew")) {
    update.autorenew = AutorenewUpdateFrom(planned.GetAttr("autorenew"));
  }
  return update;
}

gandi::MailboxUpdate MailboxUpdateFromChange(const Value& prior,
                                             const Value& planned,
                                             const Value& config) {
  gandi::MailboxUpdate update;
  auto changed = [&](const char* name) {
    return prior.GetAttr(name) != planned.GetAttr(name);
  };
  if (changed("login")) update.login = planned.GetAttr("login").AsString();
  const std::string to = planned.GetAttr("mailbox_type").AsString();
  if (ClassifyTypeChange(prior.GetAttr("mailbox_type").AsString(), to) ==
      TypeChange::kInPlace) {
    update.mailbox_type = CanonicalMailboxType(to);
  }
  if (AliasList(prior) != AliasList(planned)) {
    update.aliases = AliasList(planned);
  }
  if (ConfigSets(config, "antispam") && changed("antispam")) {
    update.antispam = planned.GetAttr("antispam").AsBool();
  }
  const Value& password = planned.GetAttr("password");
  if (!password.IsNull() && changed("password")) {
    update.password = log::Secret(password.AsString());
  } else if (ConfigSets(config, "password_wo") &&
             changed("password_wo_version")) {
    update.password = log::Secret(config.GetAttr("password_wo").AsString());
  }
  if (changed("responder")) {
    update.responder = ResponderUpdateFrom(planned.GetAttr("responder"));
  }
  if (ConfigSets(config, "autorenew") && changed("autorenew")) {
    update.autorenew = AutorenewUpdateFrom(planned.GetAttr("autorenew"));
  }
  return update;
}

bool IsEmptyUpdate(const gandi::MailboxUpdate& u) {
  return !u.aliases && !u.antispam && !u.autorenew && !u.login &&
         !u.mailbox_type && !u.password && !u.responder;
}

bool ApiShowsPlan(const gandi::Mailbox& api, const Value& planned) {
  Value read = MailboxStateFromApi(api, planned, planned.type());
  for (const char* name : {"login", "mailbox_type", "responder"}) {
    if (read.GetAttr(name) != planned.GetAttr(name)) return false;
  }
  if (AliasList(read) != AliasList(planned)) return false;
  for (const char* name : {"antispam", "autorenew"}) {
    const Value& want = planned.GetAttr(name);
    if (want.IsNull() || !want.IsWhollyKnown()) continue;
    if (read.GetAttr(name) != want) return false;
  }
  return true;
}

}  // namespace gandimail::resources
