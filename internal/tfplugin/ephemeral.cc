#include "internal/tfplugin/ephemeral.h"

#include "absl/strings/str_cat.h"

namespace gandimail::tfplugin {

void EphemeralResource::Renew(const std::string& private_data,
                              std::optional<absl::Time>* renew_at,
                              std::string* new_private_data,
                              Diagnostics* diagnostics) {
  diagnostics->AddError(
      "Renewal Not Supported",
      absl::StrCat(TypeName(),
                   " never asks to be renewed, yet Terraform renewed it. "
                   "This is a bug in the provider."));
}

}  // namespace gandimail::tfplugin
