#ifndef GANDIMAIL_INTERNAL_TFPLUGIN_SCHEMA_H_
#define GANDIMAIL_INTERNAL_TFPLUGIN_SCHEMA_H_

// The schema model a provider states its resources in, with the planning
// rules that the generic planner (planner.h) applies: replace paths,
// defaults, and how computed values behave across updates.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "internal/cty/path.h"
#include "internal/cty/type.h"
#include "internal/cty/value.h"
#include "internal/tfplugin/diagnostics.h"

namespace gandimail::tfplugin {

// Checks one known, non-null config value at `path`.
using Validator = std::function<void(
    const cty::Value& value, const cty::Path& path, Diagnostics* diagnostics)>;

// How a computed attribute is planned when the object already exists.
enum class ComputedBehavior {
  // Keeps the prior value (ids, creation dates).
  kStable,
  // Unknown whenever the update changes anything (values the API
  // recomputes on any write).
  kUnknownOnUpdate,
  // The resource plans it itself in ModifyPlan.
  kPlannedByResource,
};

struct NestedObject;

struct Attribute {
  std::string name;
  cty::Type type = cty::Type::String();
  // Set for nested attributes; `type` is then implied by it.
  std::shared_ptr<NestedObject> nested;
  std::string description;  // markdown

  bool required = false;
  bool optional = false;
  bool computed = false;
  bool sensitive = false;
  bool write_only = false;
  std::string deprecation_message;  // non-empty: deprecated

  // Planning rules.
  bool requires_replace = false;
  std::optional<cty::Value> default_value;  // needs optional + computed
  ComputedBehavior computed_behavior = ComputedBehavior::kStable;
  std::vector<Validator> validators;

  // Chainable setters keep schema tables short and readable.
  Attribute& Required() {
    required = true;
    return *this;
  }
  Attribute& Optional() {
    optional = true;
    return *this;
  }
  Attribute& Computed() {
    computed = true;
    return *this;
  }
  Attribute& Sensitive() {
    sensitive = true;
    return *this;
  }
  Attribute& WriteOnly() {
    write_only = true;
    return *this;
  }
  Attribute& RequiresReplace() {
    requires_replace = true;
    return *this;
  }
  Attribute& Describe(std::string text) {
    description = std::move(text);
    return *this;
  }
  Attribute& Deprecated(std::string message) {
    deprecation_message = std::move(message);
    return *this;
  }
  Attribute& Default(cty::Value value) {
    default_value = std::move(value);
    return *this;
  }
  Attribute& Behavior(ComputedBehavior behavior) {
    computed_behavior = behavior;
    return *this;
  }
  Attribute& Validate(Validator validator) {
    validators.push_back(std::move(validator));
    return *this;
  }
};

struct NestedObject {
  enum class Nesting { kSingle, kList, kSet, kMap };
  Nesting nesting = Nesting::kSingle;
  std::vector<Attribute> attributes;

  cty::Type ObjectType() const;
  // The attribute's type: the object, or a collection of it.
  cty::Type ImpliedType() const;
};

// A plain attribute of `type`.
Attribute Attr(std::string name, cty::Type type);
// A nested attribute holding `attributes`.
Attribute NestedAttr(std::string name, NestedObject::Nesting nesting,
                     std::vector<Attribute> attributes);

struct Block;

struct NestedBlock {
  enum class Nesting { kSingle, kList, kSet, kMap, kGroup };
  std::string type_name;
  std::shared_ptr<Block> block;
  Nesting nesting = Nesting::kList;
  int64_t min_items = 0;
  int64_t max_items = 0;
};

struct Block {
  std::vector<Attribute> attributes;
  std::vector<NestedBlock> blocks;
  std::string description;  // markdown
  std::string deprecation_message;

  cty::Type ImpliedType() const;
  // The attribute named `name`, or null.
  const Attribute* FindAttribute(absl::string_view name) const;
};

struct Schema {
  int64_t version = 0;
  Block block;

  cty::Type ImpliedType() const { return block.ImpliedType(); }
};

// Checks that `schema` obeys the rules Terraform enforces on provider
// schemas, so that a mistake fails at startup (and in unit tests) instead of
// as a Terraform crash: every attribute exactly one of required, optional,
// optional+computed, computed; names match ^[a-z0-9_]+$; write-only never
// computed nor inside a set; defaults only on optional+computed attributes
// and of the attribute's type. `where` prefixes the messages.
absl::Status CheckSchema(const Schema& schema, absl::string_view where);

// Runs every attribute validator over `config` (walking nested
// attributes), for known non-null values only.
void RunValidators(const Block& block, const cty::Value& config,
                   Diagnostics* diagnostics);

// Returns `value` with every write-only attribute (at any depth outside
// sets) set to null, as Terraform requires of every state the provider
// returns.
cty::Value NullWriteOnly(const Block& block, const cty::Value& value);

}  // namespace gandimail::tfplugin

#endif  // GANDIMAIL_INTERNAL_TFPLUGIN_SCHEMA_H_
