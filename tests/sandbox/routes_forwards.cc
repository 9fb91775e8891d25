// Forwarding addresses: list, create, update (PUT), delete.
//
// Readings (README.md): a source is a local part; a full address is refused
// with 400. A source follows the alias rule (login characters, one '*' at an
// end). A duplicate source is 409; a domain holds at most 1000 forwards
// (409 beyond). sort_by "destination" orders by each forward's smallest
// destination, then by source.
#include <algorithm>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tests/sandbox/routes.h"
#include "tests/sandbox/rules.h"

namespace gandimail::sandbox {
namespace {

constexpr size_t kMaxForwards = 1000;

std::string ForwardPath(const std::string& domain, const std::string& source) {
  return absl::StrCat("/v5/email/forwards/", domain, "/", source);
}

Json ForwardJson(Ctx& ctx, const std::string& domain, const Forward& f) {
  return {{"source", f.source},
          {"destinations", f.destinations},
          {"href", ctx.BaseUrl() + ForwardPath(domain, f.source)}};
}

// Returns an empty string when `source` is a valid forward source.
std::string CheckSource(const std::string& source) {
  if (absl::StrContains(source, '@')) {
    return "must be a local part such as \"alice\", not a full address";
  }
  return CheckAlias(source);
}

bool Matches(const Ctx& ctx, const Forward& f) {
  if (ctx.req.has_param("source") &&
      !GlobMatch(ctx.req.get_param_value("source"), f.source)) {
    return false;
  }
  if (!ctx.req.has_param("destination")) return true;
  std::string pattern = ctx.req.get_param_value("destination");
  return std::any_of(
      f.destinations.begin(), f.destinations.end(),
      [&](const std::string& d) { return GlobMatch(pattern, d); });
}

std::string SmallestDestination(const Forward& f) {
  return f.destinations.empty()
             ? std::string()
             : *std::min_element(f.destinations.begin(), f.destinations.end());
}

void SortForwards(const std::string& sort_by,
                  std::vector<const Forward*>* items) {
  bool descending = sort_by[0] == '-';
  bool by_destination = absl::EndsWith(sort_by, "destination");
  std::stable_sort(
      items->begin(), items->end(), [&](const Forward* a, const Forward* b) {
        auto key = [&](const Forward* f) {
          return by_destination
                     ? std::make_pair(SmallestDestination(*f), f->source)
                     : std::make_pair(f->source, std::string());
        };
        return descending ? key(b) < key(a) : key(a) < key(b);
      });
}

void WriteForwardsCsv(Ctx& ctx, const std::vector<const Forward*>& items,
                      size_t begin, size_t end) {
  std::string csv = "source,destinations\r\n";
  for (size_t i = begin; i < end; ++i) {
    absl::StrAppend(&csv, CsvField(items[i]->source), ",",
                    CsvField(absl::StrJoin(items[i]->destinations, ",")),
                    "\r\n");
  }
  ctx.res.status = 200;
  ctx.res.set_content(csv, "text/csv");
}

void ListForwards(Ctx& ctx, Store& store, const ApiOptions& options) {
  auto world = store.Visible();
  const Domain* d = RequireDomain(ctx, *world);
  if (d == nullptr) return;
  std::optional<PageRequest> page = ParsePaging(ctx, options.page_size);
  if (!page) return;
  std::string sort_by = ctx.req.has_param("sort_by")
                            ? ctx.req.get_param_value("sort_by")
                            : "source";
  static const std::set<std::string> kSorts = {"source", "-source",
                                               "destination", "-destination"};
  if (kSorts.count(sort_by) == 0) {
    std::string why = "must be source, -source, destination or -destination";
    ReplyError(ctx.res, 400, "sort_by " + why,
               {{"querystring", "sort_by", why}});
    return;
  }

  std::vector<const Forward*> items;
  for (const auto& [source, f] : d->forwards) {
    if (Matches(ctx, f)) items.push_back(&f);
  }
  SortForwards(sort_by, &items);
  SetPageHeaders(ctx, items.size(), *page);
  auto [begin, end] = PageRange(items.size(), *page);

  if (WantsCsv(ctx)) return WriteForwardsCsv(ctx, items, begin, end);
  Json body = Json::array();
  for (size_t i = begin; i < end; ++i) {
    body.push_back(ForwardJson(ctx, d->name, *items[i]));
  }
  ReplyJson(ctx.res, 200, body);
}

void CreateForward(Ctx& ctx, Store& store) {
  if (!ParseDryRun(ctx, false)) return;
  std::optional<Json> body = ParseJsonObject(ctx, false);
  if (!body) return;
  std::vector<FieldError> errors;
  BodyReader reader(*body, "", &errors);
  std::optional<std::string> source = reader.String("source", true);
  if (source && !CheckSource(*source).empty()) {
    reader.Error("source", CheckSource(*source));
  }
  std::vector<std::string> destinations;
  CheckDestinations(reader.Array("destinations", true), "destinations",
                    &destinations, &errors);
  reader.RejectUnknown();
  if (!errors.empty()) return ReplyInvalid(ctx, false, errors);

  store.Write([&](World& world) {
    const Domain* d = RequireDomain(ctx, world);
    if (d == nullptr) return false;
    if (d->forwards.count(*source) > 0) {
      ReplyError(
          ctx.res, 409,
          "A forward with source " + *source + " already exists on " + d->name,
          {{"body", "source", "already exists"}});
      return false;
    }
    if (d->forwards.size() >= kMaxForwards) {
      ReplyError(ctx.res, 409,
                 absl::StrCat(d->name, " already has ", kMaxForwards,
                              " forwards, the most allowed"));
      return false;
    }
    world.Mutable(d->name)->forwards[*source] = {*source, destinations};
    ReplyAccepted(ctx, 201, ForwardPath(ctx.Param("domain"), *source),
                  "The forwarding address was created.");
    return true;
  });
}

// Checks the {source} path placeholder and the absence of Dry-Run; replies
// 400 when the source is not a local part.
bool CheckPathSource(Ctx& ctx) {
  if (!ParseDryRun(ctx, false)) return false;
  std::string why = CheckSource(ctx.Param("source"));
  if (why.empty()) return true;
  ReplyError(ctx.res, 400, "source " + why, {{"path", "source", why}});
  return false;
}

// The forward named by the path, in `world`; replies 404 when missing.
const Forward* FindForward(Ctx& ctx, const Domain& d) {
  auto it = d.forwards.find(ctx.Param("source"));
  if (it != d.forwards.end()) return &it->second;
  ReplyError(ctx.res, 404,
             "No forward with source " + ctx.Param("source") + " on " + d.name);
  return nullptr;
}

void UpdateForward(Ctx& ctx, Store& store) {
  if (!CheckPathSource(ctx)) return;
  std::optional<Json> body = ParseJsonObject(ctx, false);
  if (!body) return;
  std::vector<FieldError> errors;
  BodyReader reader(*body, "", &errors);
  std::vector<std::string> destinations;
  CheckDestinations(reader.Array("destinations", true), "destinations",
                    &destinations, &errors);
  reader.RejectUnknown();
  if (!errors.empty()) return ReplyInvalid(ctx, false, errors);

  store.Write([&](World& world) {
    const Domain* d = RequireDomain(ctx, world);
    if (d == nullptr || FindForward(ctx, *d) == nullptr) return false;
    world.Mutable(d->name)->forwards[ctx.Param("source")].destinations =
        destinations;
    ReplyAccepted(ctx, 202, ForwardPath(d->name, ctx.Param("source")),
                  "The forwarding address was updated.");
    return true;
  });
}

void DeleteForward(Ctx& ctx, Store& store) {
  if (!CheckPathSource(ctx)) return;
  store.Write([&](World& world) {
    const Domain* d = RequireDomain(ctx, world);
    if (d == nullptr || FindForward(ctx, *d) == nullptr) return false;
    world.Mutable(d->name)->forwards.erase(ctx.Param("source"));
    ReplyAccepted(ctx, 202, ForwardPath(d->name, ctx.Param("source")),
                  "The forwarding address was deleted.");
    return true;
  });
}

}  // namespace

void CheckDestinations(const Json* list, const std::string& name,
                       std::vector<std::string>* out,
                       std::vector<FieldError>* errors) {
  if (list == nullptr) return;
  if (list->empty()) {
    errors->push_back({"body", name, "must hold at least one address"});
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < list->size(); ++i) {
    std::string item_name = absl::StrCat(name, "/", i);
    const Json& item = (*list)[i];
    std::string why = item.is_string()
                          ? CheckEmailAddress(item.get<std::string>())
                          : "must be a string";
    if (why.empty() && !seen.insert(item.get<std::string>()).second) {
      why = "is listed twice";
    }
    if (!why.empty()) {
      errors->push_back({"body", item_name, why});
    } else {
      out->push_back(item.get<std::string>());
    }
  }
}

void AddForwardRoutes(Router& router, Store& store, const ApiOptions& options) {
  const std::string list = "/v5/email/forwards/{domain}";
  const std::string one = "/v5/email/forwards/{domain}/{source}";
  router.Add("GET", list,
             [&store, options](Ctx& c) { ListForwards(c, store, options); });
  router.Add("POST", list, [&store](Ctx& c) { CreateForward(c, store); });
  router.Add("PUT", one, [&store](Ctx& c) { UpdateForward(c, store); });
  router.Add("DELETE", one, [&store](Ctx& c) { DeleteForward(c, store); });
}

}  // namespace gandimail::sandbox
