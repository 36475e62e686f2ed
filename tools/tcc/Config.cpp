//===- Config.cpp - TCC_FLAGS and ~/.tccrc, as Theano's flags -------------===//

#include "Config.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cstdlib>

using namespace tcc;

namespace {
struct Key {
  const char *name;
  const char *defaultValue;
  std::vector<const char *> allowed; // empty: any value
  const char *help;
};
} // namespace

// Theano's names. optimizer_including/excluding are colon-separated lists.
static const Key keys[] = {
    {"floatX", "float64", {"float32", "float64"}, "the default float type"},
    {"device", "cpu", {}, "where models run: cpu, cuda, cuda0, cuda1, ..."},
    {"optimizer",
     "fast_run",
     {"fast_run", "fast_compile", "None"},
     "the graph optimizer"},
    {"optimizer_including", "", {}, "phases or rewrites turned on"},
    {"optimizer_excluding", "", {}, "phases or rewrites turned off"},
    {"mode", "FAST_RUN", {"FAST_RUN", "FAST_COMPILE"}, "Theano's mode"},
};

static const Key *findKey(llvm::StringRef name) {
  for (const Key &k : keys)
    if (name == k.name)
      return &k;
  return nullptr;
}

static void fail(const std::string &source, const llvm::Twine &message) {
  llvm::errs() << "tcc: error: " << source << ": " << message << "\n";
}

bool Config::set(const std::string &key, const std::string &value,
                 const std::string &source) {
  const Key *k = findKey(key);
  if (!k) {
    std::string known;
    for (const Key &each : keys)
      known += std::string(known.empty() ? "" : ", ") + each.name;
    fail(source, "unknown flag '" + key + "' (tcc knows " + known + ")");
    return false;
  }
  if (!k->allowed.empty() && !llvm::is_contained(k->allowed, value)) {
    std::string allowed;
    for (const char *a : k->allowed)
      allowed += std::string(allowed.empty() ? "" : ", ") + a;
    fail(source, key + "=" + value + " is not one of " + allowed);
    return false;
  }
  if (key == "device" && !isKnownDevice(value)) {
    fail(source, "device=" + value +
                     " is not one of cpu, cuda, cuda0, "
                     "cuda1, ...");
    return false;
  }
  // Theano's mode names its optimizer.
  if (key == "mode")
    return set("optimizer",
               value == "FAST_COMPILE" ? "fast_compile" : "fast_run",
               source + " (mode=" + value + ")");
  for (Setting &s : settings)
    if (s.key == key) {
      s.value = value;
      s.source = source;
      return true;
    }
  return false;
}

const std::string &Config::get(const std::string &key) const {
  for (const Setting &s : settings)
    if (s.key == key)
      return s.value;
  llvm_unreachable("unknown key");
}

/// An INI file as .theanorc: `key = value` lines in [global] (a key in
/// another section is section.key, which tcc does not know), # and ;
/// comments.
static bool
readFile(const std::string &path, bool &found,
         llvm::function_ref<bool(const std::string &, const std::string &,
                                 const std::string &)>
             set) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path);
  found = bool(buffer);
  if (!buffer)
    return true;
  std::string section = "global";
  llvm::SmallVector<llvm::StringRef> lines;
  (*buffer)->getBuffer().split(lines, '\n');
  for (auto [i, raw] : llvm::enumerate(lines)) {
    std::string where = path + ":" + std::to_string(i + 1);
    llvm::StringRef line = raw.split('#').first.split(';').first.trim();
    if (line.empty())
      continue;
    if (line.starts_with("[")) {
      if (!line.ends_with("]")) {
        fail(where, "a section header must end with ']'");
        return false;
      }
      section = line.drop_front().drop_back().trim().str();
      continue;
    }
    auto [key, value] = line.split('=');
    if (key.size() == line.size()) {
      fail(where, "expected 'key = value', got '" + line + "'");
      return false;
    }
    std::string name = key.trim().str();
    if (section != "global")
      name = section + "." + name;
    if (!set(name, value.trim().str(), where))
      return false;
  }
  return true;
}

bool Config::load() {
  for (const Key &k : keys)
    if (llvm::StringRef(k.name) != "mode")
      settings.push_back({k.name, k.defaultValue, "default"});
  auto setter = [this](const std::string &key, const std::string &value,
                       const std::string &source) {
    return set(key, value, source);
  };
  std::vector<std::string> files;
  if (const char *rc = std::getenv("TCCRC")) {
    llvm::SmallVector<llvm::StringRef> parts;
    llvm::StringRef(rc).split(parts, ':', -1, false);
    for (llvm::StringRef p : parts)
      files.push_back(p.str());
  } else if (const char *home = std::getenv("HOME")) {
    files.push_back(std::string(home) + "/.tccrc");
  }
  for (const std::string &file : files) {
    bool found = false;
    if (!readFile(file, found, setter))
      return false;
    filesRead.push_back(file + (found ? "" : " (not found)"));
  }
  // TCC_FLAGS: comma-separated key=value, as THEANO_FLAGS.
  if (const char *flags = std::getenv("TCC_FLAGS")) {
    llvm::SmallVector<llvm::StringRef> items;
    llvm::StringRef(flags).split(items, ',', -1, false);
    for (llvm::StringRef item : items) {
      auto [key, value] = item.split('=');
      if (key.size() == item.size()) {
        fail("TCC_FLAGS", "expected key=value, got '" + item + "'");
        return false;
      }
      if (!set(key.trim().str(), value.trim().str(), "TCC_FLAGS"))
        return false;
    }
  }
  return true;
}

static std::vector<std::string> colonList(llvm::StringRef text) {
  llvm::SmallVector<llvm::StringRef> parts;
  text.split(parts, ':', -1, false);
  std::vector<std::string> out;
  for (llvm::StringRef p : parts)
    out.push_back(p.trim().str());
  return out;
}

void Config::applyTo(DriverOptions &options) const {
  options.floatX = get("floatX");
  options.device = get("device");
  options.optimizer = get("optimizer");
  options.optimizerIncluding = colonList(get("optimizer_including"));
  options.optimizerExcluding = colonList(get("optimizer_excluding"));
}

void Config::setFromCommandLine(const std::string &key,
                                const std::string &value) {
  for (Setting &s : settings)
    if (s.key == key) {
      s.value = value;
      s.source = "command line";
    }
}

void Config::print(llvm::raw_ostream &os) const {
  for (const Setting &s : settings) {
    const Key *k = findKey(s.key);
    os << s.key << " = " << s.value << "    # " << s.source << "; " << k->help
       << "\n";
  }
  os << "# config files: ";
  if (filesRead.empty())
    os << "none ($HOME unset)";
  for (auto [i, f] : llvm::enumerate(filesRead))
    os << (i ? ", " : "") << f;
  os << "\n";
}
