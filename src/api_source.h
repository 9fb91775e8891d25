#ifndef GANDIMAIL_SRC_API_SOURCE_H_
#define GANDIMAIL_SRC_API_SOURCE_H_

// How resources and data sources reach the Gandi API: the provider hands
// them an ApiSource at startup, and ConfigureProvider fills it later.

#include <memory>
#include <string>

#include "absl/time/time.h"
#include "internal/http/client.h"
#include "internal/tfplugin/diagnostics.h"
#include "src/gandi/client.h"

namespace gandimail {

// Everything ConfigureProvider set up; immutable once made.
struct ApiHandle {
  std::shared_ptr<http::Client> http;
  std::shared_ptr<gandi::Client> gandi;
  std::string sharing_id;
};

class ApiSource {
 public:
  virtual ~ApiSource() = default;

  // The configured API, or null (with an error diagnostic added) when
  // Terraform has not configured the provider.
  virtual std::shared_ptr<const ApiHandle> Api(
      tfplugin::Diagnostics* diagnostics) const = 0;
};

}  // namespace gandimail

#endif  // GANDIMAIL_SRC_API_SOURCE_H_
