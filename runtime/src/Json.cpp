//===- Json.cpp - A small JSON reader for the manifest --------------------===//

#include "Json.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace tcc::rt {

const JsonValue *JsonValue::get(const std::string &Key) const {
  if (K != Kind::Object)
    return nullptr;
  for (const auto &Member : Object)
    if (Member.first == Key)
      return &Member.second;
  return nullptr;
}

namespace {

class Parser {
public:
  explicit Parser(const char *Text) : Begin(Text), Cur(Text) {}

  bool parseDocument(JsonValue &Out, std::string &Error) {
    bool Ok = parseValue(Out, 0);
    if (Ok) {
      skipSpace();
      if (*Cur != '\0')
        Ok = error("trailing characters after the JSON value");
    }
    if (!Ok)
      Error = Message;
    return Ok;
  }

private:
  // The manifest nests a few levels; the limit only stops a malicious or
  // corrupt document from overflowing the stack.
  static constexpr int MaxDepth = 64;

  const char *Begin;
  const char *Cur;
  std::string Message;

  bool error(const std::string &What) {
    if (Message.empty())
      Message =
          "invalid JSON at offset " + std::to_string(Cur - Begin) + ": " + What;
    return false;
  }

  void skipSpace() {
    while (*Cur == ' ' || *Cur == '\t' || *Cur == '\n' || *Cur == '\r')
      ++Cur;
  }

  bool consumeWord(const char *Word) {
    size_t N = std::strlen(Word);
    if (std::strncmp(Cur, Word, N) != 0)
      return false;
    Cur += N;
    return true;
  }

  bool parseValue(JsonValue &Out, int Depth) {
    if (Depth > MaxDepth)
      return error("nesting too deep");
    skipSpace();
    switch (*Cur) {
    case '{':
      return parseObject(Out, Depth);
    case '[':
      return parseArray(Out, Depth);
    case '"':
      Out.K = JsonValue::Kind::String;
      return parseString(Out.String);
    case 't':
    case 'f':
      Out.K = JsonValue::Kind::Bool;
      Out.Bool = *Cur == 't';
      if (consumeWord(Out.Bool ? "true" : "false"))
        return true;
      return error("unexpected word");
    case 'n':
      Out.K = JsonValue::Kind::Null;
      if (consumeWord("null"))
        return true;
      return error("unexpected word");
    default:
      if (*Cur == '-' || (*Cur >= '0' && *Cur <= '9'))
        return parseNumber(Out);
      return error(*Cur ? "unexpected character" : "unexpected end");
    }
  }

  bool parseObject(JsonValue &Out, int Depth) {
    Out.K = JsonValue::Kind::Object;
    ++Cur; // '{'
    skipSpace();
    if (*Cur == '}') {
      ++Cur;
      return true;
    }
    for (;;) {
      skipSpace();
      if (*Cur != '"')
        return error("expected a member name");
      std::string Key;
      if (!parseString(Key))
        return false;
      skipSpace();
      if (*Cur != ':')
        return error("expected ':'");
      ++Cur;
      Out.Object.emplace_back(std::move(Key), JsonValue());
      if (!parseValue(Out.Object.back().second, Depth + 1))
        return false;
      skipSpace();
      if (*Cur == ',') {
        ++Cur;
        continue;
      }
      if (*Cur == '}') {
        ++Cur;
        return true;
      }
      return error("expected ',' or '}'");
    }
  }

  bool parseArray(JsonValue &Out, int Depth) {
    Out.K = JsonValue::Kind::Array;
    ++Cur; // '['
    skipSpace();
    if (*Cur == ']') {
      ++Cur;
      return true;
    }
    for (;;) {
      Out.Array.emplace_back();
      if (!parseValue(Out.Array.back(), Depth + 1))
        return false;
      skipSpace();
      if (*Cur == ',') {
        ++Cur;
        continue;
      }
      if (*Cur == ']') {
        ++Cur;
        return true;
      }
      return error("expected ',' or ']'");
    }
  }

  bool parseHex4(unsigned &Code) {
    Code = 0;
    for (int I = 0; I < 4; ++I) {
      char C = *Cur++;
      Code <<= 4;
      if (C >= '0' && C <= '9')
        Code |= C - '0';
      else if (C >= 'a' && C <= 'f')
        Code |= C - 'a' + 10;
      else if (C >= 'A' && C <= 'F')
        Code |= C - 'A' + 10;
      else
        return error("bad \\u escape");
    }
    return true;
  }

  static void appendUtf8(std::string &Out, unsigned Code) {
    if (Code < 0x80) {
      Out += char(Code);
    } else if (Code < 0x800) {
      Out += char(0xC0 | (Code >> 6));
      Out += char(0x80 | (Code & 0x3F));
    } else if (Code < 0x10000) {
      Out += char(0xE0 | (Code >> 12));
      Out += char(0x80 | ((Code >> 6) & 0x3F));
      Out += char(0x80 | (Code & 0x3F));
    } else {
      Out += char(0xF0 | (Code >> 18));
      Out += char(0x80 | ((Code >> 12) & 0x3F));
      Out += char(0x80 | ((Code >> 6) & 0x3F));
      Out += char(0x80 | (Code & 0x3F));
    }
  }

  bool parseString(std::string &Out) {
    ++Cur; // '"'
    for (;;) {
      char C = *Cur;
      if (C == '\0')
        return error("unterminated string");
      if (C == '"') {
        ++Cur;
        return true;
      }
      if (static_cast<unsigned char>(C) < 0x20)
        return error("control character in string");
      if (C != '\\') {
        Out += C;
        ++Cur;
        continue;
      }
      ++Cur;
      switch (*Cur++) {
      case '"':
        Out += '"';
        break;
      case '\\':
        Out += '\\';
        break;
      case '/':
        Out += '/';
        break;
      case 'b':
        Out += '\b';
        break;
      case 'f':
        Out += '\f';
        break;
      case 'n':
        Out += '\n';
        break;
      case 'r':
        Out += '\r';
        break;
      case 't':
        Out += '\t';
        break;
      case 'u': {
        unsigned Code;
        if (!parseHex4(Code))
          return false;
        // A high surrogate must be followed by a low one (UTF-16 pair).
        if (Code >= 0xD800 && Code < 0xDC00) {
          unsigned Low;
          if (Cur[0] != '\\' || Cur[1] != 'u')
            return error("unpaired surrogate");
          Cur += 2;
          if (!parseHex4(Low) || Low < 0xDC00 || Low >= 0xE000)
            return error("unpaired surrogate");
          Code = 0x10000 + ((Code - 0xD800) << 10) + (Low - 0xDC00);
        } else if (Code >= 0xDC00 && Code < 0xE000) {
          return error("unpaired surrogate");
        }
        appendUtf8(Out, Code);
        break;
      }
      default:
        --Cur;
        return error("bad escape");
      }
    }
  }

  bool parseNumber(JsonValue &Out) {
    const char *Start = Cur;
    bool Integral = true;
    if (*Cur == '-')
      ++Cur;
    if (!(*Cur >= '0' && *Cur <= '9'))
      return error("bad number");
    while (*Cur >= '0' && *Cur <= '9')
      ++Cur;
    if (*Cur == '.') {
      Integral = false;
      ++Cur;
      if (!(*Cur >= '0' && *Cur <= '9'))
        return error("bad number");
      while (*Cur >= '0' && *Cur <= '9')
        ++Cur;
    }
    if (*Cur == 'e' || *Cur == 'E') {
      Integral = false;
      ++Cur;
      if (*Cur == '+' || *Cur == '-')
        ++Cur;
      if (!(*Cur >= '0' && *Cur <= '9'))
        return error("bad number");
      while (*Cur >= '0' && *Cur <= '9')
        ++Cur;
    }
    std::string Token(Start, Cur);
    Out.K = JsonValue::Kind::Number;
    Out.Number = std::strtod(Token.c_str(), nullptr);
    if (Integral) {
      errno = 0;
      long long Value = std::strtoll(Token.c_str(), nullptr, 10);
      if (errno == 0) {
        Out.IsInteger = true;
        Out.Integer = Value;
      }
    }
    return true;
  }
};

} // namespace

bool parseJson(const char *Text, JsonValue &Out, std::string &Error) {
  Out = JsonValue();
  return Parser(Text).parseDocument(Out, Error);
}

} // namespace tcc::rt
