#include "internal/cty/path.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "internal/cty/text.h"

namespace gandimail::cty {

PathStep PathStep::Attr(std::string name) {
  return PathStep(Kind::kAttr, std::move(name), 0);
}

PathStep PathStep::Key(std::string key) {
  return PathStep(Kind::kKey, std::move(key), 0);
}

PathStep PathStep::Index(int64_t index) {
  return PathStep(Kind::kIndex, "", index);
}

bool operator==(const PathStep& a, const PathStep& b) {
  return a.kind_ == b.kind_ && a.name_ == b.name_ && a.index_ == b.index_;
}

bool operator<(const PathStep& a, const PathStep& b) {
  if (a.kind_ != b.kind_) return a.kind_ < b.kind_;
  if (a.name_ != b.name_) return a.name_ < b.name_;
  return a.index_ < b.index_;
}

Path Path::Attr(std::string name) const {
  Path longer = *this;
  longer.steps_.push_back(PathStep::Attr(std::move(name)));
  return longer;
}

Path Path::Key(std::string key) const {
  Path longer = *this;
  longer.steps_.push_back(PathStep::Key(std::move(key)));
  return longer;
}

Path Path::Index(int64_t index) const {
  Path longer = *this;
  longer.steps_.push_back(PathStep::Index(index));
  return longer;
}

std::string Path::ToString() const {
  std::string out;
  for (const PathStep& step : steps_) {
    switch (step.kind()) {
      case PathStep::Kind::kAttr:
        if (!out.empty()) out.push_back('.');
        out.append(step.name());
        break;
      case PathStep::Kind::kKey:
        absl::StrAppend(&out, "[", JsonString(step.name()), "]");
        break;
      case PathStep::Kind::kIndex:
        absl::StrAppend(&out, "[", step.index(), "]");
        break;
    }
  }
  return out;
}

bool operator<(const Path& a, const Path& b) { return a.steps_ < b.steps_; }

namespace {

absl::StatusOr<Value> StepAttr(const Value& v, const std::string& name,
                               const Path& here) {
  if (v.type().kind() != Kind::kObject) {
    return PathError(here,
                     absl::StrCat("cannot access attribute ", JsonString(name),
                                  " on a ", v.type().FriendlyName()));
  }
  const Value* attribute = v.FindAttr(name);
  if (attribute == nullptr) {
    return PathError(
        here, absl::StrCat("object has no attribute ", JsonString(name)));
  }
  return *attribute;
}

absl::StatusOr<Value> StepKey(const Value& v, const std::string& key,
                              const Path& here) {
  if (v.type().kind() != Kind::kMap) {
    return PathError(here,
                     absl::StrCat("cannot index a ", v.type().FriendlyName(),
                                  " with a string key"));
  }
  if (!v.IsKnown()) return Value::Unknown(v.type().element_type());

  auto it = v.map_elements().find(key);
  if (it == v.map_elements().end()) {
    return PathError(
        here, absl::StrCat("map has no element for key ", JsonString(key)));
  }
  return it->second;
}

absl::StatusOr<Value> StepIndex(const Value& v, int64_t index,
                                const Path& here) {
  Kind kind = v.type().kind();
  if (kind != Kind::kList && kind != Kind::kTuple) {
    return PathError(here,
                     absl::StrCat("cannot index a ", v.type().FriendlyName(),
                                  " with a number"));
  }

  const auto& tuple_types = v.type().element_types();
  if (kind == Kind::kTuple &&
      (index < 0 || index >= static_cast<int64_t>(tuple_types.size()))) {
    return PathError(here, absl::StrCat("tuple has no element ", index));
  }
  if (!v.IsKnown()) {
    return Value::Unknown(kind == Kind::kList ? v.type().element_type()
                                              : tuple_types[index]);
  }

  if (index < 0 || index >= v.LengthInt()) {
    return PathError(here, absl::StrCat("index ", index, " is out of range (",
                                        v.LengthInt(), " elements)"));
  }
  return v.elements()[index];
}

}  // namespace

absl::StatusOr<Value> GetPath(const Value& root, const Path& path) {
  Value current = root;
  Path here;
  for (const PathStep& step : path.steps()) {
    if (current.IsNull()) {
      return PathError(here, "cannot step into a null value");
    }
    if (!current.IsKnown() && current.type().kind() == Kind::kDynamic) {
      // Nothing is known about an unknown of unknown type, not even its
      // shape, so every step below it is just as unknown.
      return Value::Unknown(Type::Dynamic());
    }

    absl::StatusOr<Value> next;
    switch (step.kind()) {
      case PathStep::Kind::kAttr:
        next = StepAttr(current, step.name(), here);
        break;
      case PathStep::Kind::kKey:
        next = StepKey(current, step.name(), here);
        break;
      case PathStep::Kind::kIndex:
        next = StepIndex(current, step.index(), here);
        break;
    }
    if (!next.ok()) return next.status();

    current = *std::move(next);
    here = Path(std::vector<PathStep>(
        path.steps().begin(),
        path.steps().begin() + (here.steps().size() + 1)));
  }
  return current;
}

}  // namespace gandimail::cty
