#ifndef GANDIMAIL_INTERNAL_CTY_NUMBER_H_
#define GANDIMAIL_INTERNAL_CTY_NUMBER_H_

// Exact number representation for cty values. Internal to internal/cty.
//
// A number is held in exactly one canonical form, so that two numbers are
// equal exactly when their forms are equal:
// - kInt: an integer in int64 range;
// - kDouble: any other value exactly representable as a double, including
//   the infinities and integers beyond int64 such as 2^70;
// - kDecimal: anything else, as canonical decimal text (no exponent, no
//   superfluous zeros, "-" only for negatives).

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace gandimail::cty::number {

enum class Form { kInt, kDouble, kDecimal };

struct Number {
  Form form = Form::kInt;
  int64_t i = 0;
  double d = 0;
  std::string decimal;
};

// The canonical form of `d`, which must not be NaN.
Number FromDouble(double d);

// Parses decimal text ([+-] digits [. digits] [e [+-] digits], at least one
// digit before the exponent, or [+-]Inf / [+-]inf). Magnitudes beyond
// 1e±10000 are rejected so that the canonical text stays bounded.
absl::StatusOr<Number> Parse(std::string_view text);

// Exact decimal text without exponent; "+Inf"/"-Inf" for the infinities.
std::string ToText(const Number& n);

// Nearest double.
double ToDouble(const Number& n);

// A total order consistent with equality of canonical forms; numerically
// ordered except that values closer than double precision are ordered by
// form.
int Compare(const Number& a, const Number& b);

bool Equal(const Number& a, const Number& b);

}  // namespace gandimail::cty::number

#endif  // GANDIMAIL_INTERNAL_CTY_NUMBER_H_
