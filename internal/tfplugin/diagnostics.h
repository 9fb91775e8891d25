#ifndef GANDIMAIL_INTERNAL_TFPLUGIN_DIAGNOSTICS_H_
#define GANDIMAIL_INTERNAL_TFPLUGIN_DIAGNOSTICS_H_

// What a provider tells a Terraform user about a problem: a severity, a
// short summary, a detail in full sentences, and where it can, the path of
// the attribute at fault. User errors travel as diagnostics with gRPC OK;
// only protocol faults become gRPC errors.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "internal/cty/path.h"

namespace gandimail::tfplugin {

struct Diagnostic {
  enum class Severity { kError, kWarning };

  Severity severity = Severity::kError;
  std::string summary;
  std::string detail;
  std::optional<cty::Path> path;
};

class Diagnostics {
 public:
  void AddError(std::string summary, std::string detail,
                std::optional<cty::Path> path = std::nullopt);
  void AddWarning(std::string summary, std::string detail,
                  std::optional<cty::Path> path = std::nullopt);
  // An error whose detail ends with the status's own message.
  void AddStatusError(std::string summary, std::string detail,
                      const absl::Status& status);
  void Append(const Diagnostics& other);

  bool HasError() const;
  bool empty() const { return items_.empty(); }
  const std::vector<Diagnostic>& items() const { return items_; }

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace gandimail::tfplugin

#endif  // GANDIMAIL_INTERNAL_TFPLUGIN_DIAGNOSTICS_H_
