#include "internal/cty/number.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "absl/strings/str_cat.h"
#include "internal/cty/text.h"

namespace gandimail::cty::number {
namespace {

// Bounds the position of the most significant digit, so that the canonical
// text (which has no exponent) of any accepted number stays small.
constexpr int64_t kMaxMagnitude = 10000;

// An exact decimal: value = (negative ? -1 : 1) * digits * 10^exponent,
// where `digits` has no leading or trailing zeros; empty digits is zero.
struct Decimal {
  bool negative = false;
  std::string digits;
  int64_t exponent = 0;
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view TakeDigits(std::string_view* text) {
  size_t n = 0;
  while (n < text->size() && IsDigit((*text)[n])) ++n;
  std::string_view digits = text->substr(0, n);
  text->remove_prefix(n);
  return digits;
}

// Parses "[eE][+-]digits" into `exponent`, rejecting absurd values early so
// that later arithmetic cannot overflow.
bool ParseExponent(std::string_view* text, int64_t* exponent) {
  if (text->empty() || ((*text)[0] != 'e' && (*text)[0] != 'E')) return true;
  text->remove_prefix(1);

  bool negative = false;
  if (!text->empty() && ((*text)[0] == '+' || (*text)[0] == '-')) {
    negative = (*text)[0] == '-';
    text->remove_prefix(1);
  }
  std::string_view digits = TakeDigits(text);
  if (digits.empty()) return false;

  int64_t value = 0;
  for (char c : digits) {
    value = value * 10 + (c - '0');
    if (value > 1000000000) return false;
  }
  *exponent = negative ? -value : value;
  return true;
}

void Normalize(Decimal* d) {
  size_t lead = d->digits.find_first_not_of('0');
  if (lead == std::string::npos) {
    *d = Decimal{};
    return;
  }
  d->digits.erase(0, lead);

  size_t last = d->digits.find_last_not_of('0');
  d->exponent += static_cast<int64_t>(d->digits.size() - last - 1);
  d->digits.erase(last + 1);
}

absl::StatusOr<Decimal> ParseDecimal(std::string_view text) {
  const absl::Status invalid = absl::InvalidArgumentError(absl::StrCat(
      "\"", ToAbsl(text.substr(0, 64)), "\" is not a decimal number"));
  Decimal d;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    d.negative = text[0] == '-';
    text.remove_prefix(1);
  }

  std::string_view whole = TakeDigits(&text);
  std::string_view fraction;
  if (!text.empty() && text[0] == '.') {
    text.remove_prefix(1);
    fraction = TakeDigits(&text);
  }
  if (whole.empty() && fraction.empty()) return invalid;

  int64_t exponent = 0;
  if (!ParseExponent(&text, &exponent) || !text.empty()) return invalid;

  d.digits = absl::StrCat(ToAbsl(whole), ToAbsl(fraction));
  d.exponent = exponent - static_cast<int64_t>(fraction.size());
  Normalize(&d);
  return d;
}

// The exact decimal value of a finite double. glibc's printf converts
// exactly, and no double has more than 767 significant decimal digits.
Decimal ExactDecimal(double value) {
  char buffer[800];
  std::snprintf(buffer, sizeof(buffer), "%.766e", std::fabs(value));

  Decimal d;
  d.negative = std::signbit(value) && value != 0;
  std::string_view text(buffer);
  size_t e = text.find('e');
  d.digits.push_back(text[0]);
  d.digits.append(text.substr(2, e - 2));
  d.exponent = std::atoll(buffer + e + 1) - 766;
  Normalize(&d);
  return d;
}

std::string FormatDecimal(const Decimal& d) {
  if (d.digits.empty()) return "0";
  std::string out = d.negative ? "-" : "";
  if (d.exponent >= 0) {
    absl::StrAppend(&out, d.digits, std::string(d.exponent, '0'));
    return out;
  }

  int64_t point = static_cast<int64_t>(d.digits.size()) + d.exponent;
  if (point > 0) {
    absl::StrAppend(&out, d.digits.substr(0, point), ".",
                    d.digits.substr(point));
  } else {
    absl::StrAppend(&out, "0.", std::string(-point, '0'), d.digits);
  }
  return out;
}

bool FitsInt64(const Decimal& d, int64_t* out) {
  if (d.exponent < 0 || d.digits.size() + d.exponent > 19) return false;
  uint64_t magnitude = 0;
  for (char c : d.digits) magnitude = magnitude * 10 + (c - '0');
  for (int64_t i = 0; i < d.exponent; ++i) magnitude *= 10;

  // 19 digits fit uint64 without wrapping; int64 needs the range check.
  constexpr uint64_t kMax = std::numeric_limits<int64_t>::max();
  if (!d.negative && magnitude <= kMax) {
    *out = static_cast<int64_t>(magnitude);
    return true;
  }
  if (d.negative && magnitude <= kMax + 1) {
    *out = static_cast<int64_t>(0 - magnitude);
    return true;
  }
  return false;
}

// Whether `d` is exactly some double, stored in `out`.
bool ExactDouble(const Decimal& d, double* out) {
  if (d.digits.size() > 767) return false;
  std::string text =
      absl::StrCat(d.negative ? "-" : "", d.digits, "e", d.exponent);
  double value = std::strtod(text.c_str(), nullptr);
  if (std::isinf(value) || value == 0) return false;

  Decimal back = ExactDecimal(value);
  if (back.digits != d.digits || back.exponent != d.exponent) return false;
  *out = value;
  return true;
}

absl::StatusOr<Number> ParseInfinity(std::string_view text) {
  bool negative = text[0] == '-';
  if (text[0] == '-' || text[0] == '+') text.remove_prefix(1);
  if (text != "Inf" && text != "inf") {
    return absl::InvalidArgumentError("not an infinity");
  }
  return FromDouble(negative ? -HUGE_VAL : HUGE_VAL);
}

}  // namespace

Number FromDouble(double d) {
  constexpr double kTwo63 = 9223372036854775808.0;
  if (!std::isinf(d) && d == std::trunc(d) && d >= -kTwo63 && d < kTwo63) {
    return Number{Form::kInt, static_cast<int64_t>(d), 0, {}};
  }
  return Number{Form::kDouble, 0, d, {}};
}

absl::StatusOr<Number> Parse(std::string_view text) {
  if (!text.empty() && (text.back() == 'f')) {
    auto infinity = ParseInfinity(text);
    if (infinity.ok()) return infinity;
  }

  auto decimal = ParseDecimal(text);
  if (!decimal.ok()) return decimal.status();
  int64_t msd =
      static_cast<int64_t>(decimal->digits.size()) + decimal->exponent - 1;
  if (!decimal->digits.empty() &&
      (msd > kMaxMagnitude || msd < -kMaxMagnitude)) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", ToAbsl(text.substr(0, 64)),
                     "\" is beyond the supported range 1e±", kMaxMagnitude));
  }

  Number n;
  if (FitsInt64(*decimal, &n.i)) return n;
  if (ExactDouble(*decimal, &n.d)) {
    n.form = Form::kDouble;
    return n;
  }
  n.form = Form::kDecimal;
  n.decimal = FormatDecimal(*decimal);
  return n;
}

std::string ToText(const Number& n) {
  switch (n.form) {
    case Form::kInt:
      return absl::StrCat(n.i);
    case Form::kDouble:
      if (std::isinf(n.d)) return n.d > 0 ? "+Inf" : "-Inf";
      return FormatDecimal(ExactDecimal(n.d));
    case Form::kDecimal:
      return n.decimal;
  }
  return "0";
}

double ToDouble(const Number& n) {
  switch (n.form) {
    case Form::kInt:
      return static_cast<double>(n.i);
    case Form::kDouble:
      return n.d;
    case Form::kDecimal:
      return std::strtod(n.decimal.c_str(), nullptr);
  }
  return 0;
}

int Compare(const Number& a, const Number& b) {
  double da = ToDouble(a);
  double db = ToDouble(b);
  if (da != db) return da < db ? -1 : 1;
  if (a.form != b.form) return a.form < b.form ? -1 : 1;

  switch (a.form) {
    case Form::kInt:
      return a.i < b.i ? -1 : (a.i > b.i ? 1 : 0);
    case Form::kDouble:
      return 0;
    case Form::kDecimal: {
      int c = a.decimal.compare(b.decimal);
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
  }
  return 0;
}

bool Equal(const Number& a, const Number& b) { return Compare(a, b) == 0; }

}  // namespace gandimail::cty::number
