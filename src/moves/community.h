#ifndef GANDIMAIL_SRC_MOVES_COMMUNITY_H_
#define GANDIMAIL_SRC_MOVES_COMMUNITY_H_

// Moving state over from the community Gandi provider (go-gandi/gandi):
// its gandi_mailbox becomes a gandimail_mailbox and its
// gandi_email_forwarding a gandimail_forward, through a `moved` block
// (Terraform >= 1.8), so that nothing is deleted and re-created. Pure
// functions over the attribute JSON that provider writes (SDKv2, schema
// version 0).

#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "internal/cty/type.h"
#include "internal/cty/value.h"
#include "internal/tfplugin/resource.h"

namespace gandimail::moves {

// The community provider's type names, at the registries it is published
// on (Terraform's and OpenTofu's).
std::vector<tfplugin::MoveSource> CommunityMailboxSources();
std::vector<tfplugin::MoveSource> CommunityForwardSources();

// A gandimail_mailbox state (a value of `type`) from a gandi_mailbox's
// attribute JSON: {"id": "<uuid>", "domain", "login", "mailbox_type",
// "aliases": [...], "password"}. The id, domain and login are required;
// mailbox_type defaults to "standard" as it did there; the password, which
// that provider kept in state, is kept; everything else is left null for
// the refresh that follows. InvalidArgument, saying what to do instead,
// when the JSON lacks what is needed.
absl::StatusOr<cty::Value> MailboxFromCommunity(std::string_view json,
                                                const cty::Type& type);

// A gandimail_forward state from a gandi_email_forwarding's attribute JSON:
// {"id": "alice@example.com", "source": "alice@example.com",
// "destinations": [...]}. The full address (id, else source) gives domain
// and source; destinations become a set.
absl::StatusOr<cty::Value> ForwardFromCommunity(std::string_view json,
                                                const cty::Type& type);

// The MoveState of a resource that takes over `sources`: refuses schema
// versions above 0 (never written by the community provider so far) and
// reports a conversion failure as an error diagnostic.
void MoveFromCommunity(const tfplugin::MoveRequest& request,
                       const cty::Type& type,
                       absl::StatusOr<cty::Value> (*convert)(std::string_view,
                                                             const cty::Type&),
                       tfplugin::MoveResponse* response);

}  // namespace gandimail::moves

#endif  // GANDIMAIL_SRC_MOVES_COMMUNITY_H_
