#ifndef GANDIMAIL_INTERNAL_TFPLUGIN_CONVERT_H_
#define GANDIMAIL_INTERNAL_TFPLUGIN_CONVERT_H_

// Conversions between the schema model, diagnostics and values of this
// package and the tfplugin6 protocol messages.

#include "absl/status/statusor.h"
#include "internal/cty/path.h"
#include "internal/cty/value.h"
#include "internal/tfplugin/diagnostics.h"
#include "internal/tfplugin/resource.h"
#include "internal/tfplugin/schema.h"
#include "tfplugin6.pb.h"

namespace gandimail::tfplugin {

void SchemaToProto(const Schema& schema, tfplugin6::Schema* out);

void PathToProto(const cty::Path& path, tfplugin6::AttributePath* out);
cty::Path PathFromProto(const tfplugin6::AttributePath& path);

void DiagnosticsToProto(
    const Diagnostics& diagnostics,
    google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>* out);

// Decodes a DynamicValue of `type`: msgpack when present (Terraform always
// sends it), else JSON, else null.
absl::StatusOr<cty::Value> DecodeDynamic(const tfplugin6::DynamicValue& in,
                                         const cty::Type& type);
absl::Status EncodeDynamic(const cty::Value& value, const cty::Type& type,
                           tfplugin6::DynamicValue* out);

ClientCapabilities CapabilitiesFromProto(
    const tfplugin6::ClientCapabilities& in);

}  // namespace gandimail::tfplugin

#endif  // GANDIMAIL_INTERNAL_TFPLUGIN_CONVERT_H_
