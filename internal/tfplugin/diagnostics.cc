#include "internal/tfplugin/diagnostics.h"

#include "absl/strings/str_cat.h"

namespace gandimail::tfplugin {

void Diagnostics::AddError(std::string summary, std::string detail,
                           std::optional<cty::Path> path) {
  items_.push_back({Diagnostic::Severity::kError, std::move(summary),
                    std::move(detail), std::move(path)});
}

void Diagnostics::AddWarning(std::string summary, std::string detail,
                             std::optional<cty::Path> path) {
  items_.push_back({Diagnostic::Severity::kWarning, std::move(summary),
                    std::move(detail), std::move(path)});
}

void Diagnostics::AddStatusError(std::string summary, std::string detail,
                                 const absl::Status& status) {
  std::string full = detail.empty()
                         ? std::string(status.message())
                         : absl::StrCat(detail, "\n\n", status.message());
  AddError(std::move(summary), std::move(full));
}

void Diagnostics::Append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::HasError() const {
  for (const Diagnostic& d : items_) {
    if (d.severity == Diagnostic::Severity::kError) return true;
  }
  return false;
}

}  // namespace gandimail::tfplugin
