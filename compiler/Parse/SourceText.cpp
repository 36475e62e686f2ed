//===- SourceText.cpp - Source buffer and position mapping ----------------===//

#include "Parse/SourceText.h"

#include "llvm/Support/ConvertUTF.h"

using namespace tcc;
using namespace tcc::parse;

SourceText::SourceText(llvm::StringRef source) {
  text.reserve(source.size());
  for (size_t i = 0; i < source.size(); ++i) {
    char c = source[i];
    if (c == '\r') {
      // "\r\n" -> "\n" and a lone "\r" -> "\n": Python's universal newlines.
      // Columns are unchanged (the '\r' ended its line).
      if (i + 1 < source.size() && source[i + 1] == '\n')
        continue;
      c = '\n';
    }
    text.push_back(c);
  }
  lineStarts.push_back(0);
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n' && i + 1 < text.size())
      lineStarts.push_back(i + 1);

  auto *begin = reinterpret_cast<const llvm::UTF8 *>(text.data());
  auto *cursor = begin;
  auto *end = begin + text.size();
  while (cursor != end && !llvm::isLegalUTF8String(&cursor, end)) {
    size_t offset = cursor - begin;
    size_t line = 1;
    for (size_t i = 1; i < lineStarts.size() && lineStarts[i] <= offset; ++i)
      line = i + 1;
    size_t col = offset - lineStarts[line - 1] + 1;
    encodingError =
        SyntaxError{{static_cast<uint32_t>(line), static_cast<uint32_t>(col)},
                    "invalid UTF-8 byte sequence in source file"};
    break;
  }
}

llvm::StringRef SourceText::lineText(size_t line) const {
  if (line == 0 || line > lineStarts.size())
    return {};
  size_t begin = lineStarts[line - 1];
  size_t end = line < lineStarts.size() ? lineStarts[line] : text.size();
  llvm::StringRef s(text.data() + begin, end - begin);
  if (s.ends_with("\n"))
    s = s.drop_back();
  return s;
}

ast::SourceLoc SourceText::locate(size_t line, size_t codePointColumn) const {
  if (line == 0)
    line = 1;
  if (line > lineStarts.size()) {
    // Past the last line: point just after the end of the last line.
    size_t last = lineStarts.size();
    return {static_cast<uint32_t>(last),
            static_cast<uint32_t>(lineText(last).size() + 1)};
  }
  llvm::StringRef s = lineText(line);
  size_t bytes = 0;
  // ANTLRInputStream drops a leading UTF-8 byte order mark; columns count
  // bytes of the file, so skip it here too.
  if (line == 1 && s.starts_with("\xEF\xBB\xBF"))
    bytes = 3;
  for (size_t i = 0; i < codePointColumn && bytes < s.size(); ++i) {
    size_t len = 1;
    decodeUTF8(s.substr(bytes), len);
    bytes += len;
  }
  return {static_cast<uint32_t>(line), static_cast<uint32_t>(bytes + 1)};
}

uint32_t tcc::parse::decodeUTF8(llvm::StringRef s, size_t &length) {
  if (s.empty()) {
    length = 0;
    return 0;
  }
  auto c = static_cast<unsigned char>(s[0]);
  size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (n > s.size())
    n = 1;
  uint32_t cp = n == 1   ? c
                : n == 2 ? (c & 0x1F)
                : n == 3 ? (c & 0x0F)
                         : (c & 0x07);
  for (size_t i = 1; i < n; ++i)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
  length = n;
  return cp;
}
