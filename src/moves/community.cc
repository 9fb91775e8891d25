#include "src/moves/community.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"

namespace gandimail::moves {
namespace {

using cty::Type;
using cty::Value;
using nlohmann::json;

constexpr const char* kCommunityRegistries[] = {
    "registry.terraform.io/go-gandi/gandi",
    "registry.opentofu.org/go-gandi/gandi",
};

std::vector<tfplugin::MoveSource> SourcesNamed(const char* type_name) {
  std::vector<tfplugin::MoveSource> sources;
  for (const char* registry : kCommunityRegistries) {
    sources.push_back({registry, type_name});
  }
  return sources;
}

// nlohmann throws on bad input; this is the parse boundary.
absl::StatusOr<json> ParseObject(std::string_view text) {
  json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) {
    return absl::InvalidArgumentError("the stored state is not a JSON object");
  }
  return parsed;
}

// The string at `key`, or "" when absent, null or not a string.
std::string StringAt(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

// The strings of the array at `key`, skipping anything else.
std::vector<Value> StringsAt(const json& object, const char* key) {
  std::vector<Value> out;
  auto it = object.find(key);
  if (it == object.end() || !it->is_array()) return out;
  for (const json& item : *it) {
    if (item.is_string()) out.push_back(Value::String(item.get<std::string>()));
  }
  return out;
}

absl::Status Missing(const char* what, const std::string& fix) {
  return absl::InvalidArgumentError(
      absl::StrCat("the stored state has no ", what, ". ", fix));
}

}  // namespace

std::vector<tfplugin::MoveSource> CommunityMailboxSources() {
  return SourcesNamed("gandi_mailbox");
}

std::vector<tfplugin::MoveSource> CommunityForwardSources() {
  return SourcesNamed("gandi_email_forwarding");
}

absl::StatusOr<Value> MailboxFromCommunity(std::string_view text,
                                           const Type& type) {
  absl::StatusOr<json> object = ParseObject(text);
  if (!object.ok()) return object.status();
  std::string id = StringAt(*object, "id");
  std::string domain = StringAt(*object, "domain");
  std::string login = StringAt(*object, "login");
  if (domain.empty() || login.empty()) {
    return Missing("domain or login",
                   "Remove it from state and import the mailbox instead.");
  }
  if (id.empty()) {
    // That provider guessed the id 2 s after creating; the guess can fail.
    return Missing("mailbox id",
                   absl::StrCat("Remove it from state and import the mailbox "
                                "instead, by \"",
                                login, "@", domain, "\"."));
  }

  std::string mailbox_type = StringAt(*object, "mailbox_type");
  std::vector<Value> aliases = StringsAt(*object, "aliases");
  std::string password = StringAt(*object, "password");
  return Value::Null(type)
      .WithAttr("id", Value::String(id))
      .WithAttr("domain", Value::String(domain))
      .WithAttr("login", Value::String(login))
      .WithAttr("mailbox_type",
                Value::String(mailbox_type.empty() ? "standard" : mailbox_type))
      .WithAttr("aliases", aliases.empty()
                               ? Value::Null(Type::Set(Type::String()))
                               : Value::Set(Type::String(), aliases))
      .WithAttr("password", password.empty() ? Value::Null(Type::String())
                                             : Value::String(password));
}

absl::StatusOr<Value> ForwardFromCommunity(std::string_view text,
                                           const Type& type) {
  absl::StatusOr<json> object = ParseObject(text);
  if (!object.ok()) return object.status();
  std::string address = StringAt(*object, "id");
  if (address.empty()) address = StringAt(*object, "source");
  size_t at = address.find('@');
  if (at == 0 || at == std::string::npos || at + 1 == address.size() ||
      address.find('@', at + 1) != std::string::npos) {
    return Missing("forward address (alice@example.com)",
                   "Remove it from state and import the forward instead.");
  }
  std::vector<Value> destinations = StringsAt(*object, "destinations");
  if (destinations.empty()) {
    return Missing("destinations",
                   "Remove it from state and import the forward instead.");
  }

  return Value::Null(type)
      .WithAttr("id", Value::String(address))
      .WithAttr("domain", Value::String(address.substr(at + 1)))
      .WithAttr("source", Value::String(address.substr(0, at)))
      .WithAttr("destinations", Value::Set(Type::String(), destinations));
}

void MoveFromCommunity(const tfplugin::MoveRequest& request, const Type& type,
                       absl::StatusOr<Value> (*convert)(std::string_view,
                                                        const Type&),
                       tfplugin::MoveResponse* response) {
  const std::string what = absl::StrCat(request.source.type_name, " of ",
                                        request.source.provider_address);
  if (request.source_schema_version != 0) {
    response->diagnostics.AddError(
        "Unsupported Source Schema Version",
        absl::StrCat("This ", what, " was stored at schema version ",
                     request.source_schema_version,
                     ", which the gandimail provider does not know (it reads "
                     "version 0). Remove it from state and import the "
                     "object instead."));
    return;
  }
  absl::StatusOr<Value> state = convert(request.source_state_json, type);
  if (!state.ok()) {
    response->diagnostics.AddStatusError(
        "Unable to Move Resource State",
        absl::StrCat("The state of this ", what, " cannot be moved:"),
        state.status());
    return;
  }
  response->target_state = *std::move(state);
}

}  // namespace gandimail::moves
