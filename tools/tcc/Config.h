//===- Config.h - TCC_FLAGS and ~/.tccrc, as Theano's flags -----*- C++ -*-===//
//
// Theano users set THEANO_FLAGS="floatX=float32,optimizer=fast_compile" or
// write them in ~/.theanorc. tcc reads the same keys from ~/.tccrc (or the
// files listed in $TCCRC, colon-separated), then TCC_FLAGS; the command
// line comes last and wins (where it repeats an option such as -O, the
// last one wins, as in clang). `tcc --print-config` shows the result and
// where each value came from.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_TOOLS_CONFIG_H
#define TCC_TOOLS_CONFIG_H

#include "Compile.h"

#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace tcc {

class Config {
public:
  /// The defaults, then the config files, then TCC_FLAGS. Returns false
  /// after printing an error naming the file and line or the flag.
  bool load();
  /// Sets `options` from the settings (before the command line is parsed,
  /// so that options given there override them).
  void applyTo(DriverOptions &options) const;
  /// Records that the command line set `key` (for --print-config).
  void setFromCommandLine(const std::string &key, const std::string &value);
  void print(llvm::raw_ostream &os) const;

private:
  struct Setting {
    std::string key, value, source;
  };
  bool set(const std::string &key, const std::string &value,
           const std::string &source);
  const std::string &get(const std::string &key) const;

  std::vector<Setting> settings;
  std::vector<std::string> filesRead;
};

} // namespace tcc

#endif // TCC_TOOLS_CONFIG_H
