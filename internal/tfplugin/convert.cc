#include "internal/tfplugin/convert.h"

#include "absl/strings/str_cat.h"
#include "internal/cty/json.h"
#include "internal/cty/msgpack.h"
#include "internal/tfplugin/resource.h"

namespace gandimail::tfplugin {
namespace {

using ProtoObject = tfplugin6::Schema::Object;
using ProtoBlock = tfplugin6::Schema::NestedBlock;

ProtoObject::NestingMode ObjectNesting(NestedObject::Nesting nesting) {
  switch (nesting) {
    case NestedObject::Nesting::kSingle:
      return ProtoObject::SINGLE;
    case NestedObject::Nesting::kList:
      return ProtoObject::LIST;
    case NestedObject::Nesting::kSet:
      return ProtoObject::SET;
    case NestedObject::Nesting::kMap:
      return ProtoObject::MAP;
  }
  return ProtoObject::INVALID;
}

ProtoBlock::NestingMode BlockNesting(NestedBlock::Nesting nesting) {
  switch (nesting) {
    case NestedBlock::Nesting::kSingle:
      return ProtoBlock::SINGLE;
    case NestedBlock::Nesting::kList:
      return ProtoBlock::LIST;
    case NestedBlock::Nesting::kSet:
      return ProtoBlock::SET;
    case NestedBlock::Nesting::kMap:
      return ProtoBlock::MAP;
    case NestedBlock::Nesting::kGroup:
      return ProtoBlock::GROUP;
  }
  return ProtoBlock::INVALID;
}

void AttributeToProto(const Attribute& a, tfplugin6::Schema::Attribute* out) {
  out->set_name(a.name);
  if (a.nested != nullptr) {
    ProtoObject* object = out->mutable_nested_type();
    object->set_nesting(ObjectNesting(a.nested->nesting));
    for (const Attribute& child : a.nested->attributes) {
      AttributeToProto(child, object->add_attributes());
    }
  } else {
    out->set_type(a.type.ToJson());
  }
  out->set_description(a.description);
  out->set_description_kind(tfplugin6::MARKDOWN);
  out->set_required(a.required);
  out->set_optional(a.optional);
  out->set_computed(a.computed);
  out->set_sensitive(a.sensitive);
  out->set_write_only(a.write_only);
  out->set_deprecated(!a.deprecation_message.empty());
  out->set_deprecation_message(a.deprecation_message);
}

void BlockToProto(const Block& block, int64_t version,
                  tfplugin6::Schema::Block* out) {
  out->set_version(version);
  out->set_description(block.description);
  out->set_description_kind(tfplugin6::MARKDOWN);
  out->set_deprecated(!block.deprecation_message.empty());
  out->set_deprecation_message(block.deprecation_message);
  for (const Attribute& a : block.attributes) {
    AttributeToProto(a, out->add_attributes());
  }
  for (const NestedBlock& b : block.blocks) {
    ProtoBlock* nested = out->add_block_types();
    nested->set_type_name(b.type_name);
    nested->set_nesting(BlockNesting(b.nesting));
    nested->set_min_items(b.min_items);
    nested->set_max_items(b.max_items);
    BlockToProto(*b.block, 0, nested->mutable_block());
  }
}

}  // namespace

void SchemaToProto(const Schema& schema, tfplugin6::Schema* out) {
  out->set_version(schema.version);
  BlockToProto(schema.block, schema.version, out->mutable_block());
}

void PathToProto(const cty::Path& path, tfplugin6::AttributePath* out) {
  for (const cty::PathStep& step : path.steps()) {
    tfplugin6::AttributePath::Step* proto = out->add_steps();
    switch (step.kind()) {
      case cty::PathStep::Kind::kAttr:
        proto->set_attribute_name(step.name());
        break;
      case cty::PathStep::Kind::kKey:
        proto->set_element_key_string(step.name());
        break;
      case cty::PathStep::Kind::kIndex:
        proto->set_element_key_int(step.index());
        break;
    }
  }
}

cty::Path PathFromProto(const tfplugin6::AttributePath& path) {
  cty::Path out;
  for (const auto& step : path.steps()) {
    switch (step.selector_case()) {
      case tfplugin6::AttributePath::Step::kAttributeName:
        out = out.Attr(step.attribute_name());
        break;
      case tfplugin6::AttributePath::Step::kElementKeyString:
        out = out.Key(step.element_key_string());
        break;
      case tfplugin6::AttributePath::Step::kElementKeyInt:
        out = out.Index(step.element_key_int());
        break;
      default:
        break;
    }
  }
  return out;
}

void DiagnosticsToProto(
    const Diagnostics& diagnostics,
    google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>* out) {
  for (const Diagnostic& d : diagnostics.items()) {
    tfplugin6::Diagnostic* proto = out->Add();
    proto->set_severity(d.severity == Diagnostic::Severity::kError
                            ? tfplugin6::Diagnostic::ERROR
                            : tfplugin6::Diagnostic::WARNING);
    proto->set_summary(d.summary);
    // Terraform points a diagnostic at its source only through blocks and
    // top-level attributes; inside a nested attribute the detail must name
    // the place itself.
    std::string at = d.path.has_value() ? d.path->ToString() : "";
    bool nested = d.path.has_value() && d.path->steps().size() > 1;
    if (nested && d.detail.find(at) == std::string::npos) {
      proto->set_detail(absl::StrCat("At ", at, ": ", d.detail));
    } else {
      proto->set_detail(d.detail);
    }
    if (d.path.has_value() && !d.path->empty()) {
      PathToProto(*d.path, proto->mutable_attribute());
    }
  }
}

absl::StatusOr<cty::Value> DecodeDynamic(const tfplugin6::DynamicValue& in,
                                         const cty::Type& type) {
  if (!in.msgpack().empty()) return cty::DecodeMsgpack(in.msgpack(), type);
  if (!in.json().empty()) return cty::DecodeJson(in.json(), type);
  return cty::Value::Null(type);
}

absl::Status EncodeDynamic(const cty::Value& value, const cty::Type& type,
                           tfplugin6::DynamicValue* out) {
  absl::StatusOr<std::string> bytes = cty::EncodeMsgpack(value, type);
  if (!bytes.ok()) return bytes.status();
  out->set_msgpack(*std::move(bytes));
  return absl::OkStatus();
}

ClientCapabilities CapabilitiesFromProto(
    const tfplugin6::ClientCapabilities& in) {
  ClientCapabilities out;
  out.deferral_allowed = in.deferral_allowed();
  out.write_only_attributes_allowed = in.write_only_attributes_allowed();
  return out;
}

}  // namespace gandimail::tfplugin
