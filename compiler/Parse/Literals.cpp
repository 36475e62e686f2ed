//===- Literals.cpp - Values of number and string tokens ------------------===//

#include "Parse/Literals.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"

#include <cstdlib>

using namespace tcc::parse;

IntLiteral tcc::parse::parseIntLiteral(llvm::StringRef text) {
  unsigned base = 10;
  if (text.size() > 2 && text[0] == '0') {
    char p = llvm::toLower(text[1]);
    base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 10;
    if (base != 10)
      text = text.drop_front(2);
  }
  IntLiteral lit;
  for (char c : text) {
    if (c == '_')
      continue;
    unsigned digit = llvm::hexDigitValue(c);
    uint64_t next = lit.magnitude * base + digit;
    if (lit.magnitude > (UINT64_MAX - digit) / base)
      lit.overflow = true;
    lit.magnitude = next;
  }
  return lit;
}

double tcc::parse::parseFloatLiteral(llvm::StringRef text) {
  std::string digits;
  for (char c : text)
    if (c != '_')
      digits.push_back(c);
  return std::strtod(digits.c_str(), nullptr);
}

static void appendCodePoint(std::string &out, uint32_t cp) {
  char buf[UNI_MAX_UTF8_BYTES_PER_CODE_POINT];
  char *p = buf;
  if (llvm::ConvertCodePointToUTF8(cp, p))
    out.append(buf, p);
}

bool tcc::parse::decodeStringLiteral(llvm::StringRef token, std::string &value,
                                     std::string &error) {
  bool raw = false;
  while (!token.empty() && token[0] != '\'' && token[0] != '"') {
    if (token[0] == 'r' || token[0] == 'R')
      raw = true;
    token = token.drop_front();
  }
  size_t quote =
      token.starts_with("'''") || token.starts_with("\"\"\"") ? 3 : 1;
  llvm::StringRef body = token.drop_front(quote).drop_back(quote);
  value.clear();
  if (raw) {
    value = body.str();
    return true;
  }
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c != '\\' || i + 1 == body.size()) {
      value.push_back(c);
      continue;
    }
    char e = body[++i];
    switch (e) {
    case '\n': // line continuation inside the literal
      break;
    case '\\':
      value.push_back('\\');
      break;
    case '\'':
      value.push_back('\'');
      break;
    case '"':
      value.push_back('"');
      break;
    case 'a':
      value.push_back('\a');
      break;
    case 'b':
      value.push_back('\b');
      break;
    case 'f':
      value.push_back('\f');
      break;
    case 'n':
      value.push_back('\n');
      break;
    case 'r':
      value.push_back('\r');
      break;
    case 't':
      value.push_back('\t');
      break;
    case 'v':
      value.push_back('\v');
      break;
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7': {
      uint32_t cp = 0;
      size_t n = 0;
      for (; n < 3 && i < body.size() && body[i] >= '0' && body[i] <= '7'; ++n)
        cp = cp * 8 + (body[i++] - '0');
      --i;
      appendCodePoint(value, cp);
      break;
    }
    case 'x':
    case 'u':
    case 'U': {
      size_t width = e == 'x' ? 2 : e == 'u' ? 4 : 8;
      llvm::StringRef hex = body.substr(i + 1, width);
      if (hex.size() != width ||
          !llvm::all_of(hex, [](char h) { return llvm::isHexDigit(h); })) {
        error = std::string("truncated \\") + e + " escape in string literal";
        return false;
      }
      uint32_t cp = 0;
      for (char h : hex)
        cp = cp * 16 + llvm::hexDigitValue(h);
      if (cp > 0x10FFFF) {
        error = "\\U escape is not a valid Unicode code point";
        return false;
      }
      appendCodePoint(value, cp);
      i += width;
      break;
    }
    case 'N':
      error = "\\N{...} escapes are not supported in .th programs";
      return false;
    default: // unknown escapes keep their backslash, as in Python
      value.push_back('\\');
      value.push_back(e);
      break;
    }
  }
  return true;
}
