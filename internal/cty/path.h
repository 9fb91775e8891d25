#ifndef GANDIMAIL_INTERNAL_CTY_PATH_H_
#define GANDIMAIL_INTERNAL_CTY_PATH_H_

// Paths into values, as Terraform's AttributePath has them: a sequence of
// attribute names, string element keys (maps) and integer element indexes
// (lists, tuples). Set elements have no path step, as in tfplugin6.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "internal/cty/value.h"

namespace gandimail::cty {

class PathStep {
 public:
  enum class Kind { kAttr, kKey, kIndex };

  static PathStep Attr(std::string name);
  static PathStep Key(std::string key);
  static PathStep Index(int64_t index);

  Kind kind() const { return kind_; }
  // The attribute name (kAttr) or element key (kKey); empty for kIndex.
  const std::string& name() const { return name_; }
  // The element index (kIndex); 0 otherwise.
  int64_t index() const { return index_; }

  friend bool operator==(const PathStep& a, const PathStep& b);
  friend bool operator!=(const PathStep& a, const PathStep& b) {
    return !(a == b);
  }
  friend bool operator<(const PathStep& a, const PathStep& b);

 private:
  PathStep(Kind kind, std::string name, int64_t index)
      : kind_(kind), name_(std::move(name)), index_(index) {}

  Kind kind_;
  std::string name_;
  int64_t index_;
};

// A path from the root of a value. Builders return a longer copy:
// Path().Attr("responder").Attr("message").
class Path {
 public:
  Path() = default;
  explicit Path(std::vector<PathStep> steps) : steps_(std::move(steps)) {}

  Path Attr(std::string name) const;
  Path Key(std::string key) const;
  Path Index(int64_t index) const;

  const std::vector<PathStep>& steps() const { return steps_; }
  bool empty() const { return steps_.empty(); }

  // "responder.message", "aliases[2]", "tags[\"k\"]" (keys JSON-quoted);
  // the empty path is "" .
  std::string ToString() const;

  friend bool operator==(const Path& a, const Path& b) {
    return a.steps_ == b.steps_;
  }
  friend bool operator!=(const Path& a, const Path& b) { return !(a == b); }
  // Lexicographic by step (attr < key < index at a differing step); a
  // prefix sorts before its extensions.
  friend bool operator<(const Path& a, const Path& b);

 private:
  std::vector<PathStep> steps_;
};

// The value at `path` inside `root`. An attribute step needs an object with
// that attribute, a key step a map with that key, an index step a list or
// tuple with that index; a step through an unknown value yields an unknown
// of the step's type (Dynamic when not determinable), a step through a null
// is an error. Errors are InvalidArgument naming the path walked so far.
absl::StatusOr<Value> GetPath(const Value& root, const Path& path);

}  // namespace gandimail::cty

#endif  // GANDIMAIL_INTERNAL_CTY_PATH_H_
