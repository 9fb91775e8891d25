#ifndef GANDIMAIL_INTERNAL_BASE_STATUS_MACROS_H_
#define GANDIMAIL_INTERNAL_BASE_STATUS_MACROS_H_

// Abseil 20220623 (Debian 12) has absl::Status and absl::StatusOr but no
// propagation macros, so the project keeps these two small ones.

#include "absl/status/status.h"
#include "absl/status/statusor.h"

// Returns from the current function when `expr` (an absl::Status) is not OK.
#define GM_RETURN_IF_ERROR(expr)             \
  do {                                       \
    ::absl::Status gm_status_ = (expr);      \
    if (!gm_status_.ok()) return gm_status_; \
  } while (0)

#define GM_STATUS_CONCAT_INNER_(a, b) a##b
#define GM_STATUS_CONCAT_(a, b) GM_STATUS_CONCAT_INNER_(a, b)

// Evaluates `rexpr` (an absl::StatusOr<T>); on error returns its status,
// otherwise moves the value into `lhs`, which may be a declaration.
#define GM_ASSIGN_OR_RETURN(lhs, rexpr)                                     \
  GM_ASSIGN_OR_RETURN_IMPL_(GM_STATUS_CONCAT_(gm_statusor_, __LINE__), lhs, \
                            rexpr)

#define GM_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr)    \
  auto statusor = (rexpr);                                 \
  if (!statusor.ok()) return std::move(statusor).status(); \
  lhs = std::move(statusor).value()

#endif  // GANDIMAIL_INTERNAL_BASE_STATUS_MACROS_H_
