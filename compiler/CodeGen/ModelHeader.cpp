//===- ModelHeader.cpp - The C/C++ header of a model library --------------===//
//
// The header documents what the manifest says about each function: inputs
// and outputs with their dtypes and shapes (`?` for a run-time size, 1 for a
// broadcastable one), defaults, the shared variables it updates and where
// the program defined it. C++ gets typed wrappers that throw tcc::Error.
//
//===----------------------------------------------------------------------===//

#include "CodeGen/ModelHeader.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"

#include <string>
#include <vector>

using namespace tcc;
using llvm::json::Array;
using llvm::json::Object;

/// Theano's picture of a type's shape: (?, 1) for a column.
static std::string shapePattern(const Object &value) {
  std::vector<std::string> dims;
  for (const llvm::json::Value &b : *value.getArray("broadcastable"))
    dims.push_back(*b.getAsBoolean() ? "1" : "?");
  return "(" + llvm::join(dims, ", ") + (dims.size() == 1 ? ",)" : ")");
}

static std::string shapeTuple(const Array &shape) {
  std::vector<std::string> dims;
  for (const llvm::json::Value &d : shape)
    dims.push_back(std::to_string(*d.getAsInteger()));
  return "(" + llvm::join(dims, ", ") + (dims.size() == 1 ? ",)" : ")");
}

/// A C++ identifier for a Theano name: other characters become '_', and a
/// keyword or a repeated name gets a '_' suffix.
static std::string cxxIdentifier(llvm::StringRef name, llvm::StringSet<> &used) {
  static const char *const keywords[] = {
      "alignas",  "alignof",   "and",      "asm",       "auto",     "bool",
      "break",    "case",      "catch",    "char",      "class",    "const",
      "continue", "default",   "delete",   "do",        "double",   "else",
      "enum",     "explicit",  "export",   "extern",    "false",    "float",
      "for",      "friend",    "goto",     "if",        "inline",   "int",
      "long",     "mutable",   "namespace", "new",      "not",      "operator",
      "or",       "private",   "protected", "public",   "register", "return",
      "short",    "signed",    "sizeof",   "static",    "struct",   "switch",
      "template", "this",      "throw",    "true",      "try",      "typedef",
      "typename", "union",     "unsigned", "using",     "virtual",  "void",
      "volatile", "while",     "xor",      "tcc",       "std"};
  std::string id;
  for (char c : name)
    id += llvm::isAlnum(c) || c == '_' ? c : '_';
  if (id.empty() || llvm::isDigit(id[0]))
    id = "_" + id;
  while (llvm::is_contained(keywords, llvm::StringRef(id)) ||
         used.contains(id))
    id += "_";
  used.insert(id);
  return id;
}

static void printSharedVariables(llvm::raw_ostream &os, const Array &shared) {
  if (shared.empty())
    return;
  os << "/* Shared variables (tcc_shared_get, tcc_shared_set, "
        "tcc_shared_save, tcc_shared_load):\n";
  for (const llvm::json::Value &v : shared) {
    const Object &s = *v.getAsObject();
    os << llvm::formatv(" *   {0,-16} {1} {2}\n", *s.getString("name"),
                        *s.getString("dtype"),
                        shapeTuple(*s.getArray("shape")));
  }
  os << " */\n\n";
}

static std::vector<std::string> names(const Array &values) {
  std::vector<std::string> out;
  for (const llvm::json::Value &v : values)
    out.push_back(v.getAsObject()->getString("name")->str());
  return out;
}

static void printCFunction(llvm::raw_ostream &os, const Object &fn,
                           const Array &shared) {
  llvm::StringRef name = *fn.getString("name");
  const Array &inputs = *fn.getArray("inputs");
  const Array &outputs = *fn.getArray("outputs");
  os << "/* " << name << "(" << llvm::join(names(inputs), ", ") << ") -> ("
     << llvm::join(names(outputs), ", ") << ")";
  if (std::optional<llvm::StringRef> loc = fn.getString("loc"))
    os << ", defined at " << *loc;
  os << "\n *\n";
  for (auto [i, v] : llvm::enumerate(inputs)) {
    const Object &in = *v.getAsObject();
    os << llvm::formatv(" *   inputs[{0}]  {1,-14} {2} {3}", i,
                        *in.getString("name"), *in.getString("dtype"),
                        shapePattern(in));
    if (in.getObject("default"))
      os << ", has a default (pass rank TCC_USE_DEFAULT)";
    os << "\n";
  }
  for (auto [i, v] : llvm::enumerate(outputs)) {
    const Object &out = *v.getAsObject();
    os << llvm::formatv(" *   outputs[{0}] {1,-14} {2} {3}\n", i,
                        *out.getString("name"), *out.getString("dtype"),
                        shapePattern(out));
  }
  std::vector<std::string> updated;
  for (const llvm::json::Value &index : *fn.getArray("updates"))
    updated.push_back(
        shared[*index.getAsInteger()].getAsObject()->getString("name")->str());
  if (!updated.empty())
    os << " *   updates    " << llvm::join(updated, ", ")
       << " (after the call, only if it succeeds)\n";
  os << " *\n * Returns TCC_OK, or an error status with tcc_last_error() set.\n"
     << " * Release each output with tcc_array_release. */\n"
     << "int tcc_fn_" << name
     << "(const tcc_array *inputs, tcc_array *outputs);\n"
     << llvm::formatv("enum {{ TCC_FN_{0}_INPUTS = {1}, TCC_FN_{0}_OUTPUTS = "
                      "{2} };\n\n",
                      name, inputs.size(), outputs.size());
}

/// inline std::array<tcc::Array, 2> train(tcc::ArrayRef x, tcc::ArrayRef y)
/// (one tcc::Array for one output, void for none).
static void printCxxFunction(llvm::raw_ostream &os, const Object &fn,
                             llvm::StringSet<> &usedNames) {
  llvm::StringRef name = *fn.getString("name");
  const Array &inputs = *fn.getArray("inputs");
  size_t numInputs = inputs.size(), numOutputs = fn.getArray("outputs")->size();
  // C++ default arguments must be trailing.
  size_t firstDefaulted = numInputs;
  while (firstDefaulted > 0 &&
         inputs[firstDefaulted - 1].getAsObject()->getObject("default"))
    --firstDefaulted;

  llvm::StringSet<> params;
  std::vector<std::string> paramNames, paramDecls;
  for (auto [i, v] : llvm::enumerate(inputs)) {
    paramNames.push_back(
        cxxIdentifier(*v.getAsObject()->getString("name"), params));
    paramDecls.push_back("tcc::ArrayRef " + paramNames.back() +
                         (i >= firstDefaulted ? " = tcc::ArrayRef()" : ""));
  }
  std::string result = numOutputs == 0   ? "void"
                       : numOutputs == 1 ? "tcc::Array"
                                         : llvm::formatv("std::array<tcc::Array, {0}>",
                                                         numOutputs)
                                               .str();
  std::string call = llvm::formatv(
      "tcc::detail::callEntry<{0}, {1}>(tcc_fn_{2}, "
      "std::array<tcc::ArrayRef, {1}>{{{3}})",
      numOutputs, numInputs, name, llvm::join(paramNames, ", "));
  os << "/// " << name << ": see tcc_fn_" << name
     << " above. Throws tcc::Error.\n"
     << "inline " << result << " " << cxxIdentifier(name, usedNames) << "("
     << llvm::join(paramDecls, ", ") << ") {\n  ";
  if (numOutputs == 0)
    os << call << ";\n";
  else if (numOutputs == 1)
    os << "return std::move(" << call << "[0]);\n";
  else
    os << "return " << call << ";\n";
  os << "}\n\n";
}

void tcc::printModelHeader(llvm::raw_ostream &os,
                           const ModelManifest &manifest) {
  const Object &root = *manifest.json.getAsObject();
  llvm::StringRef model = *root.getString("model");
  const Array &functions = *root.getArray("functions");
  const Array &shared = *root.getArray("shared");
  os << "/* Generated by tcc from " << *root.getString("source")
     << ":\n * the C API of model '" << model
     << "'. tcc/tcc.h has tcc_array, the status codes and the\n"
        " * shared-variable functions; C++ gets wrappers at the end "
        "(tcc/tcc.hpp). */\n"
     << "#ifndef TCC_MODEL_" << model << "_H\n"
     << "#define TCC_MODEL_" << model << "_H\n\n"
     << "#include <tcc/tcc.h>\n\n#ifdef __cplusplus\nextern \"C\" {\n"
        "#endif\n\n";
  printSharedVariables(os, shared);
  for (const llvm::json::Value &f : functions)
    printCFunction(os, *f.getAsObject(), shared);
  os << "#ifdef __cplusplus\n}\n#endif\n\n"
     << "#if defined(__cplusplus) && !defined(TCC_NO_CXX_WRAPPERS)\n"
        "#include <tcc/tcc.hpp>\n\n";
  llvm::StringSet<> usedNames;
  std::string space = cxxIdentifier(model, usedNames);
  os << "namespace " << space << " {\n\n";
  for (const llvm::json::Value &f : functions)
    printCxxFunction(os, *f.getAsObject(), usedNames);
  os << "} // namespace " << space << "\n#endif\n\n#endif\n";
}
