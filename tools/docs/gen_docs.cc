// gandimail-docs: renders the Terraform Registry docs (docs/index.md,
// docs/resources/*.md, docs/data-sources/*.md and the other kinds) from the
// output of `terraform providers schema -json`, the examples and short
// hand-written notes.
//
//   gandimail-docs SCHEMA_JSON REPO_ROOT OUT_DIR [EXTRAS_JSON]
//
// SCHEMA_JSON is the file `terraform providers schema -json` wrote;
// EXTRAS_JSON, from gandimail-schema-extras, adds the list resource and
// action schemas that Terraform before 1.14 does not show. The examples are
// read from REPO_ROOT/examples and the notes from
// REPO_ROOT/docs-templates/<kind>/<name>.md when present.

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "nlohmann/json.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr char kProvider[] = "gandimail";
constexpr char kAddress[] = "registry.terraform.io/gandimail/gandimail";

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string TrimRight(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// "string" -> "String", ["set","string"] -> "Set of String".
std::string TypeName(const json& type) {
  if (type.is_string()) {
    std::string t = type.get<std::string>();
    if (t == "string") return "String";
    if (t == "number") return "Number";
    if (t == "bool") return "Boolean";
    return "Dynamic";
  }
  std::string kind = type[0].get<std::string>();
  if (kind == "list") return "List of " + TypeName(type[1]);
  if (kind == "set") return "Set of " + TypeName(type[1]);
  if (kind == "map") return "Map of " + TypeName(type[1]);
  return "Object";
}

std::string NestedTypeName(const json& nested) {
  std::string mode = nested.value("nesting_mode", "single");
  if (mode == "list") return "Attributes List";
  if (mode == "set") return "Attributes Set";
  if (mode == "map") return "Attributes Map";
  return "Attributes";
}

struct Nested {
  std::string anchor;
  std::string title;
  json attributes;
};

std::string AttributeLine(const std::string& name, const json& a,
                          const std::string& prefix,
                          std::vector<Nested>* nested) {
  std::string type = a.contains("nested_type")
                         ? NestedTypeName(a["nested_type"])
                         : TypeName(a["type"]);
  if (a.value("sensitive", false)) type += ", Sensitive";
  if (a.value("write_only", false)) type += ", Write-only";
  if (a.value("deprecated", false)) type += ", Deprecated";
  std::string line = "- `" + name + "` (" + type + ")";
  std::string description = a.value("description", "");
  if (!description.empty()) line += " " + description;
  if (a.contains("nested_type")) {
    std::string anchor = "nestedatt--" + prefix + name;
    line += " (see [below for nested schema](#" + anchor + "))";
    nested->push_back({anchor, prefix + name, a["nested_type"]["attributes"]});
  }
  return line + "\n";
}

// Required / Optional / Read-Only groups of one attribute map.
std::string AttributeGroups(const json& attributes, const std::string& prefix,
                            const std::string& heading,
                            std::vector<Nested>* nested) {
  std::map<std::string, std::string> groups[3];
  for (const auto& [name, a] : attributes.items()) {
    int group = a.value("required", false)   ? 0
                : a.value("optional", false) ? 1
                                             : 2;
    groups[group][name] = AttributeLine(name, a, prefix, nested);
  }
  static const char* kTitles[] = {"Required", "Optional", "Read-Only"};
  std::string out;
  for (int g = 0; g < 3; ++g) {
    if (groups[g].empty()) continue;
    out += heading.empty() ? std::string(kTitles[g]) + ":\n\n"
                           : heading + " " + kTitles[g] + "\n\n";
    for (const auto& [name, line] : groups[g]) out += line;
    out += "\n";
  }
  return out;
}

std::string SchemaSection(const json& block) {
  std::vector<Nested> nested;
  std::string out = "## Schema\n\n";
  out += AttributeGroups(block["attributes"], "", "###", &nested);
  for (size_t i = 0; i < nested.size(); ++i) {
    Nested n = nested[i];
    out += "<a id=\"" + n.anchor + "\"></a>\n### Nested Schema for `" +
           n.title + "`\n\n";
    out += AttributeGroups(n.attributes, n.title + "--", "", &nested);
  }
  return TrimRight(out) + "\n";
}

std::string CodeBlock(const std::string& language, const std::string& code) {
  return "```" + language + "\n" + TrimRight(code) + "\n```\n";
}

std::string FrontMatter(const std::string& title,
                        const std::string& description) {
  std::string out = "---\npage_title: \"" + title +
                    "\"\nsubcategory: \"\"\ndescription: |-\n";
  std::stringstream lines(description);
  std::string line;
  while (std::getline(lines, line)) out += "  " + line + "\n";
  return out + "---\n\n";
}

std::string ImportSection(const fs::path& dir) {
  std::string shell = ReadText(dir / "import.sh");
  std::string block = ReadText(dir / "import-by-string-id.tf");
  if (shell.empty() && block.empty()) return "";
  std::string out = "## Import\n\n";
  if (!block.empty()) {
    out += "In Terraform v1.5.0 and later, use an `import` block:\n\n" +
           CodeBlock("terraform", block) + "\n";
  }
  if (!shell.empty()) {
    out += "The `terraform import` command takes the same ID:\n\n" +
           CodeBlock("shell", shell) + "\n";
  }
  return TrimRight(out) + "\n";
}

std::string RenderPage(const std::string& name, const std::string& kind_label,
                       const json& schema, const fs::path& examples,
                       const std::string& example_file,
                       const std::string& notes) {
  const json& block = schema["block"];
  std::string description = TrimRight(block.value("description", ""));
  std::string out =
      FrontMatter(name + " " + kind_label + " - " + kProvider, description);
  out += "# " + name + " (" + kind_label + ")\n\n" + description + "\n\n";
  if (!notes.empty()) out += TrimRight(notes) + "\n\n";
  std::string example = ReadText(examples / example_file);
  if (!example.empty()) {
    out += "## Example Usage\n\n" + CodeBlock("terraform", example) + "\n";
  }
  out += SchemaSection(block);
  std::string import = ImportSection(examples);
  if (!import.empty()) out += "\n" + import;
  return out;
}

std::string ShortName(const std::string& type_name) {
  std::string prefix = std::string(kProvider) + "_";
  return type_name.rfind(prefix, 0) == 0 ? type_name.substr(prefix.size())
                                         : type_name;
}

bool WriteText(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out);
}

void RenderKind(const json& schemas, const std::string& kind_label,
                const std::string& docs_dir, const std::string& example_dir,
                const std::string& example_file, const fs::path& root,
                const fs::path& out_dir) {
  for (const auto& [type_name, schema] : schemas.items()) {
    std::string notes = ReadText(root / "docs-templates" / docs_dir /
                                 (ShortName(type_name) + ".md"));
    fs::path examples = root / "examples" / example_dir / type_name;
    WriteText(out_dir / docs_dir / (ShortName(type_name) + ".md"),
              RenderPage(type_name, kind_label, schema, examples, example_file,
                         notes));
  }
}

std::string RenderIndex(const json& provider, const fs::path& root) {
  std::string notes = ReadText(root / "docs-templates" / "index.md");
  std::string description =
      TrimRight(provider["block"].value("description", ""));
  std::string out =
      FrontMatter(std::string(kProvider) + " Provider", description);
  out += std::string("# ") + kProvider + " Provider\n\n" + description + "\n\n";
  if (!notes.empty()) out += TrimRight(notes) + "\n\n";
  std::string example = ReadText(root / "examples/provider/provider.tf");
  if (!example.empty()) {
    out += "## Example Usage\n\n" + CodeBlock("terraform", example) + "\n";
  }
  return out + SchemaSection(provider["block"]);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4 && argc != 5) {
    std::fprintf(stderr, "usage: %s SCHEMA_JSON REPO_ROOT OUT_DIR [EXTRAS]\n",
                 argv[0]);
    return 2;
  }
  json all = json::parse(ReadText(argv[1]), nullptr, false);
  if (all.is_discarded() || !all["provider_schemas"].contains(kAddress)) {
    std::fprintf(stderr, "%s: no schema for %s\n", argv[1], kAddress);
    return 1;
  }
  json schema = all["provider_schemas"][kAddress];
  if (argc == 5) {
    json extras = json::parse(ReadText(argv[4]), nullptr, false);
    if (extras.is_discarded()) {
      std::fprintf(stderr, "%s: not JSON\n", argv[4]);
      return 1;
    }
    schema.update(extras);
  }
  fs::path root = argv[2], out_dir = argv[3];

  WriteText(out_dir / "index.md", RenderIndex(schema["provider"], root));
  RenderKind(schema.value("resource_schemas", json::object()), "Resource",
             "resources", "resources", "resource.tf", root, out_dir);
  RenderKind(schema.value("data_source_schemas", json::object()), "Data Source",
             "data-sources", "data-sources", "data-source.tf", root, out_dir);
  RenderKind(schema.value("ephemeral_resource_schemas", json::object()),
             "Ephemeral Resource", "ephemeral-resources", "ephemeral-resources",
             "ephemeral-resource.tf", root, out_dir);
  RenderKind(schema.value("list_resource_schemas", json::object()),
             "List Resource", "list-resources", "list-resources",
             "list-resource.tfquery.hcl", root, out_dir);
  RenderKind(schema.value("action_schemas", json::object()), "Action",
             "actions", "actions", "action.tf", root, out_dir);
  return 0;
}
