#ifndef GANDIMAIL_TESTS_FUZZ_FUZZ_SCHEMA_H_
#define GANDIMAIL_TESTS_FUZZ_FUZZ_SCHEMA_H_

// The types the cty fuzzers decode against: a schema-like object with
// nested blocks, collections and a dynamic attribute, plus some of its
// parts on their own, so that short inputs reach every decoder path too.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "internal/cty/type.h"
#include "internal/cty/value.h"

namespace gandimail::cty::fuzz {

inline Type MailboxLikeType() {
  Type responder = Type::Object({{"enabled", Type::Bool()},
                                 {"message", Type::String()},
                                 {"starts_at", Type::Number()}});
  Type block = Type::Object(
      {{"name", Type::String()}, {"values", Type::List(Type::Number())}});
  return Type::Object(
      {{"id", Type::String()},
       {"quota", Type::Number()},
       {"enabled", Type::Bool()},
       {"aliases", Type::Set(Type::String())},
       {"tags", Type::Map(Type::String())},
       {"responder", responder},
       {"blocks", Type::List(block)},
       {"rules", Type::Set(block)},
       {"extra", Type::Dynamic()},
       {"pair", Type::Tuple({Type::String(), Type::Dynamic()})},
       {"nested", Type::Map(Type::Set(Type::List(Type::Dynamic())))}});
}

// The first input byte picks one of these; the rest is the encoded value.
inline const std::vector<Type>& FuzzTypes() {
  static const auto* types = new std::vector<Type>{
      MailboxLikeType(),
      Type::Dynamic(),
      Type::List(Type::Dynamic()),
      Type::Set(
          MailboxLikeType().attribute_types().at("blocks").element_type()),
      Type::Map(Type::Number()),
      Type::Number(),
      Type::String(),
      Type::Tuple({Type::Bool(), Type::Number(), Type::String()}),
  };
  return *types;
}

// Reports a broken round-trip property and aborts, so libFuzzer keeps the
// input.
[[noreturn]] inline void Fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "cty fuzz property violated: %s\n%s\n", what,
               detail.c_str());
  std::abort();
}

}  // namespace gandimail::cty::fuzz

#endif  // GANDIMAIL_TESTS_FUZZ_FUZZ_SCHEMA_H_
