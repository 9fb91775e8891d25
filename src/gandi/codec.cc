#include "src/gandi/codec.h"

#include <cmath>
#include <string>

#include "absl/strings/str_cat.h"

namespace gandimail::gandi {
namespace {

absl::string_view Absl(std::string_view s) { return {s.data(), s.size()}; }

// The JSON type name used in error texts.
std::string TypeName(const nlohmann::json& json) {
  if (json.is_number_integer()) return "integer";
  if (json.is_number_float()) return "number";
  return json.type_name();
}

// Reads the fields of one API object, keeping the first type error.
class FieldReader {
 public:
  FieldReader(const nlohmann::json& json, std::string_view what)
      : json_(json), what_(what) {
    if (!json.is_object()) {
      status_ = absl::DataLossError(
          absl::StrCat("the API sent a ", TypeName(json), " where a ",
                       Absl(what), " object was expected"));
    }
  }

  void Str(const char* key, std::string* out) {
    if (const nlohmann::json* v = Find(key, "string", &IsString)) {
      *out = v->get<std::string>();
    }
  }
  void OptStr(const char* key, std::optional<std::string>* out) {
    if (const nlohmann::json* v = Find(key, "string", &IsString)) {
      *out = v->get<std::string>();
    }
  }
  void Bool(const char* key, bool* out) {
    if (const nlohmann::json* v = Find(key, "boolean", &IsBool)) {
      *out = v->get<bool>();
    }
  }
  void Int(const char* key, int64_t* out) {
    if (const nlohmann::json* v = Find(key, "integer", &IsIntegral)) {
      *out = v->is_number_float() ? static_cast<int64_t>(v->get<double>())
                                  : v->get<int64_t>();
    }
  }
  void Num(const char* key, double* out) {
    if (const nlohmann::json* v = Find(key, "number", &IsNumber)) {
      *out = v->get<double>();
    }
  }
  void OptNum(const char* key, std::optional<double>* out) {
    if (const nlohmann::json* v = Find(key, "number", &IsNumber)) {
      *out = v->get<double>();
    }
  }
  void StrList(const char* key, std::vector<std::string>* out);

  template <typename T>
  void Obj(const char* key, std::optional<T>* out,
           absl::StatusOr<T> (*parse)(const nlohmann::json&)) {
    const nlohmann::json* v = Find(key, "object", &IsObject);
    if (v == nullptr) return;
    absl::StatusOr<T> parsed = parse(*v);
    if (!parsed.ok())
      return Fail(key, absl::StrCat(": ", parsed.status().message()));
    *out = *std::move(parsed);
  }

  template <typename T>
  void List(const char* key, std::vector<T>* out,
            absl::StatusOr<T> (*parse)(const nlohmann::json&)) {
    const nlohmann::json* v = Find(key, "array", &IsArray);
    if (v == nullptr) return;
    auto parsed = ParseArray<T>(*v, key, parse);
    if (!parsed.ok())
      return Fail(key, absl::StrCat(": ", parsed.status().message()));
    *out = *std::move(parsed);
  }

  absl::Status status() const { return status_; }

 private:
  static bool IsString(const nlohmann::json& v) { return v.is_string(); }
  static bool IsBool(const nlohmann::json& v) { return v.is_boolean(); }
  static bool IsNumber(const nlohmann::json& v) { return v.is_number(); }
  static bool IsObject(const nlohmann::json& v) { return v.is_object(); }
  static bool IsArray(const nlohmann::json& v) { return v.is_array(); }
  static bool IsIntegral(const nlohmann::json& v) {
    if (v.is_number_integer()) return true;
    if (!v.is_number_float()) return false;
    const double d = v.get<double>();
    return std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15;
  }

  // The value at `key` when present, not null and of the right type;
  // records a type error otherwise (absent and null are not errors).
  const nlohmann::json* Find(const char* key, const char* expected,
                             bool (*type_ok)(const nlohmann::json&)) {
    if (!status_.ok()) return nullptr;
    const auto it = json_.find(key);
    if (it == json_.end() || it->is_null()) return nullptr;
    if (!type_ok(*it)) {
      Fail(key, absl::StrCat(" is a ", TypeName(*it), ", expected ", expected));
      return nullptr;
    }
    return &*it;
  }

  void Fail(const char* key, absl::string_view problem) {
    if (!status_.ok()) return;
    status_ = absl::DataLossError(absl::StrCat(
        "field \"", key, "\" of the API's ", Absl(what_), problem));
  }

  const nlohmann::json& json_;
  std::string_view what_;
  absl::Status status_;
};

void FieldReader::StrList(const char* key, std::vector<std::string>* out) {
  const nlohmann::json* v = Find(key, "array of strings", &IsArray);
  if (v == nullptr) return;
  std::vector<std::string> items;
  for (const auto& item : *v) {
    if (!item.is_string()) {
      return Fail(key, absl::StrCat(" holds a ", TypeName(item),
                                    ", expected only strings"));
    }
    items.push_back(item.get<std::string>());
  }
  *out = std::move(items);
}

// Runs `read` over a FieldReader for `json` and returns the value or the
// first error.
template <typename T, typename ReadFn>
absl::StatusOr<T> Read(const nlohmann::json& json, std::string_view what,
                       ReadFn read) {
  FieldReader reader(json, what);
  T value;
  if (reader.status().ok()) read(reader, value);
  if (!reader.status().ok()) return reader.status();
  return value;
}

}  // namespace

absl::Status ArrayElementError(std::string_view what, size_t index,
                               const absl::Status& status) {
  return absl::DataLossError(absl::StrCat("item ", index, " of the API's ",
                                          Absl(what), ": ", status.message()));
}

absl::Status NotAnArrayError(std::string_view what,
                             const nlohmann::json& json) {
  return absl::DataLossError(absl::StrCat("the API sent a ", TypeName(json),
                                          " where the ", Absl(what),
                                          " array was expected"));
}

absl::StatusOr<Autorenew> ParseAutorenew(const nlohmann::json& json) {
  return Read<Autorenew>(json, "autorenew", [](FieldReader& r, Autorenew& v) {
    r.Bool("enabled", &v.enabled);
    r.Int("duration", &v.duration);
    r.Str("duration_type", &v.duration_type);
    r.OptStr("sharing_id", &v.sharing_id);
  });
}

absl::StatusOr<Responder> ParseResponder(const nlohmann::json& json) {
  return Read<Responder>(json, "responder", [](FieldReader& r, Responder& v) {
    r.Bool("enabled", &v.enabled);
    r.OptStr("message", &v.message);
    r.OptStr("starts_at", &v.starts_at);
    r.OptStr("ends_at", &v.ends_at);
  });
}

absl::StatusOr<MailboxSummary> ParseMailboxSummary(const nlohmann::json& json) {
  return Read<MailboxSummary>(
      json, "mailbox", [](FieldReader& r, MailboxSummary& v) {
        r.Str("id", &v.id);
        r.Str("login", &v.login);
        r.Str("domain", &v.domain);
        r.Str("address", &v.address);
        r.Str("mailbox_type", &v.mailbox_type);
        r.Int("quota_used", &v.quota_used);
        r.Int("alias_count", &v.alias_count);
        r.Bool("antispam", &v.antispam);
        r.Str("href", &v.href);
        r.Str("expires_at", &v.expires_at);
        r.Bool("to_convert", &v.to_convert);
        r.Obj("autorenew", &v.autorenew, &ParseAutorenew);
      });
}

absl::StatusOr<Mailbox> ParseMailbox(const nlohmann::json& json) {
  return Read<Mailbox>(json, "mailbox", [](FieldReader& r, Mailbox& v) {
    r.Str("id", &v.id);
    r.Str("login", &v.login);
    r.Str("domain", &v.domain);
    r.Str("address", &v.address);
    r.Str("mailbox_type", &v.mailbox_type);
    r.Int("quota_used", &v.quota_used);
    r.StrList("aliases", &v.aliases);
    r.Bool("antispam", &v.antispam);
    r.Str("href", &v.href);
    r.Str("expires_at", &v.expires_at);
    r.Obj("autorenew", &v.autorenew, &ParseAutorenew);
    r.Int("alias_count", &v.alias_count);
    r.OptStr("fallback_email", &v.fallback_email);
    r.Obj("responder", &v.responder, &ParseResponder);
  });
}

absl::StatusOr<Forward> ParseForward(const nlohmann::json& json) {
  return Read<Forward>(json, "forward", [](FieldReader& r, Forward& v) {
    r.Str("source", &v.source);
    r.StrList("destinations", &v.destinations);
    r.Str("href", &v.href);
  });
}

absl::StatusOr<Slot> ParseSlot(const nlohmann::json& json) {
  return Read<Slot>(json, "slot", [](FieldReader& r, Slot& v) {
    r.Int("id", &v.id);
    r.Str("status", &v.status);
    r.Str("mailbox_type", &v.mailbox_type);
    r.Int("capacity", &v.capacity);
    r.Bool("refundable", &v.refundable);
    r.Str("href", &v.href);
    r.Str("created_at", &v.created_at);
    r.OptNum("refund_amount", &v.refund_amount);
    r.OptStr("refund_currency", &v.refund_currency);
  });
}

absl::StatusOr<Offer> ParseOffer(const nlohmann::json& json) {
  return Read<Offer>(json, "offer", [](FieldReader& r, Offer& v) {
    r.Str("status", &v.status);
    r.Int("version", &v.version);
    r.Str("antispam", &v.antispam);
    r.Str("dkim", &v.dkim);
  });
}

absl::StatusOr<MigrationMailbox> ParseMigrationMailbox(
    const nlohmann::json& json) {
  return Read<MigrationMailbox>(json, "migration mailbox",
                                [](FieldReader& r, MigrationMailbox& v) {
                                  r.Str("login", &v.login);
                                  r.Str("offer_v2", &v.offer_v2);
                                  r.Num("price_v2", &v.price_v2);
                                  r.Num("price_v2_m", &v.price_v2_m);
                                  r.Num("quota", &v.quota);
                                  r.Num("quota_v2", &v.quota_v2);
                                  r.Num("usage", &v.usage);
                                });
}

absl::StatusOr<Migration> ParseMigration(const nlohmann::json& json) {
  return Read<Migration>(json, "migration", [](FieldReader& r, Migration& v) {
    r.Bool("available", &v.available);
    r.Bool("packmail", &v.packmail);
    r.Int("included_mailboxes", &v.included_mailboxes);
    r.Int("free_mailboxes", &v.free_mailboxes);
    r.Int("forward_count", &v.forward_count);
    r.Str("currency", &v.currency);
    r.Num("price_v1", &v.price_v1);
    r.Num("price_v2", &v.price_v2);
    r.Num("quota_v1", &v.quota_v1);
    r.Num("usage_v1", &v.usage_v1);
    r.Str("token", &v.token);
    r.List("info", &v.info, &ParseMigrationMailbox);
  });
}

absl::StatusOr<FieldError> ParseFieldError(const nlohmann::json& json) {
  return Read<FieldError>(json, "error", [](FieldReader& r, FieldError& v) {
    r.Str("description", &v.description);
    r.Str("location", &v.location);
    r.Str("name", &v.name);
  });
}

absl::StatusOr<DryRunResult> ParseDryRunResult(const nlohmann::json& json) {
  return Read<DryRunResult>(json, "validation result",
                            [](FieldReader& r, DryRunResult& v) {
                              r.Str("status", &v.status);
                              r.List("errors", &v.errors, &ParseFieldError);
                            });
}

nlohmann::json EncodeForwardCreate(const ForwardCreate& forward) {
  return {{"source", forward.source}, {"destinations", forward.destinations}};
}

nlohmann::json EncodeForwardUpdate(
    const std::vector<std::string>& destinations) {
  return {{"destinations", destinations}};
}

nlohmann::json EncodeMailboxCreate(const MailboxCreate& mailbox) {
  nlohmann::json body = {{"login", mailbox.login},
                         {"mailbox_type", mailbox.mailbox_type},
                         {"password", mailbox.password.Reveal()}};
  if (mailbox.aliases.has_value()) body["aliases"] = *mailbox.aliases;
  if (mailbox.antispam.has_value()) body["antispam"] = *mailbox.antispam;
  return body;
}

namespace {

nlohmann::json EncodeResponderUpdate(const ResponderUpdate& responder) {
  nlohmann::json body = nlohmann::json::object();
  if (responder.enabled.has_value()) body["enabled"] = *responder.enabled;
  if (responder.message.has_value()) body["message"] = *responder.message;
  if (responder.starts_at.has_value()) {
    body["starts_at"] = *responder.starts_at;
  }
  if (responder.ends_at.has_value()) body["ends_at"] = *responder.ends_at;
  return body;
}

}  // namespace

nlohmann::json EncodeMailboxUpdate(const MailboxUpdate& update) {
  nlohmann::json body = nlohmann::json::object();
  if (update.aliases.has_value()) body["aliases"] = *update.aliases;
  if (update.antispam.has_value()) body["antispam"] = *update.antispam;
  if (update.autorenew.has_value()) {
    body["autorenew"] = {{"activated", update.autorenew->activated},
                         {"duration", update.autorenew->duration}};
  }
  if (update.login.has_value()) body["login"] = *update.login;
  if (update.mailbox_type.has_value()) {
    body["mailbox_type"] = *update.mailbox_type;
  }
  if (update.password.has_value()) {
    body["password"] = update.password->Reveal();
  }
  if (update.responder.has_value()) {
    body["responder"] = EncodeResponderUpdate(*update.responder);
  }
  return body;
}

nlohmann::json EncodeSlotCreate(const SlotCreate& slot) {
  nlohmann::json body = {{"mailbox_type", slot.mailbox_type},
                         {"duration", slot.duration}};
  if (slot.autorenew.has_value()) body["autorenew"] = *slot.autorenew;
  return body;
}

nlohmann::json EncodeOfferUpdate(const OfferUpdate& offer) {
  return {{"antispam", offer.antispam}, {"dkim", offer.dkim}};
}

}  // namespace gandimail::gandi
