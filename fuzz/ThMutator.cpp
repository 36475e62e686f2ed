//===- ThMutator.cpp - Grammar-aware mutations of .th programs ------------===//
//
// libFuzzer's byte mutations of a program mostly make syntax errors, which
// only exercise the parser. These mutate a program the way a user edits one:
// by tokens (an identifier becomes another name the language knows, a number
// an extreme value, a token moves or disappears) and by lines (duplicated,
// dropped, swapped, spliced in from another program), so most mutants parse
// and reach the interpreter, the gradient and the optimizer.
//
//===----------------------------------------------------------------------===//

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

extern "C" size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t maxSize);

namespace {

/// Names, keywords and snippets a program is made of.
const char *const kWords[] = {
    "def",
    "return",
    "if",
    "else",
    "elif",
    "for",
    "in",
    "while",
    "lambda",
    "and",
    "or",
    "not",
    "None",
    "True",
    "False",
    "import",
    "x",
    "y",
    "w",
    "b",
    "T.dscalar",
    "T.dvector",
    "T.dmatrix",
    "T.scalar",
    "T.vector",
    "T.matrix",
    "T.tensor3",
    "T.ivector",
    "T.lscalar",
    "T.bmatrix",
    "theano.function",
    "theano.shared",
    "theano.grad",
    "T.grad",
    "updates",
    "givens",
    "allow_input_downcast",
    "T.dot",
    "T.sum",
    "T.mean",
    "T.max",
    "T.argmax",
    "T.exp",
    "T.log",
    "T.log1p",
    "T.tanh",
    "T.sqrt",
    "T.sqr",
    "abs",
    "T.nnet.sigmoid",
    "T.nnet.softmax",
    "T.switch",
    "T.maximum",
    "T.eq",
    "T.concatenate",
    "T.stack",
    "T.reshape",
    "T.arange",
    "T.zeros_like",
    "T.ones_like",
    "T.cast",
    "T.clip",
    "T.outer",
    "T.sort",
    "T.cumsum",
    "ifelse",
    "x.T",
    "x.shape",
    "x.shape[0]",
    "x.dimshuffle('x', 0)",
    "x.reshape((2, -1))",
    "x[1:]",
    "x[::-1]",
    "x[y]",
    "x[0, 0]",
    "np.zeros",
    "np.ones",
    "np.random.randn",
    "np.random.RandomState",
    "np.float32",
    "np.int64",
    "np.asarray",
    "np.arange(6).reshape(2, 3)",
    "'float32'",
    "'int8'",
    "axis=0",
    "axis=-1",
    "keepdims=True",
    "dtype='int32'",
    "[]",
    "()",
    "[x, y]",
    "(x, y)",
    "{}",
    ":",
    ",",
    "(",
    ")",
    "[",
    "]",
    "=",
    "**",
    "//",
    "%",
    "@",
    "-",
    "*",
    "/",
    "+",
    "==",
    "<",
    ">",
};

const char *const kNumbers[] = {
    "0",
    "1",
    "-1",
    "2",
    "3",
    "0.5",
    "-0.0",
    "1e308",
    "1e-308",
    "1e400",
    "4096",
    "65536",
    "2**31",
    "2**62",
    "2**63",
    "9223372036854775807",
    "-9223372036854775808",
    "10**12",
    "float('nan')",
    "float('inf')",
    "1j",
    "0x7fffffff",
};

/// The program as tokens; concatenated they give it back exactly.
std::vector<std::string> tokenize(const std::string &text) {
  std::vector<std::string> tokens;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i + 1;
    unsigned char c = text[i];
    if (std::isalpha(c) || c == '_') {
      while (j < text.size() &&
             (std::isalnum((unsigned char)text[j]) || text[j] == '_'))
        ++j;
    } else if (std::isdigit(c)) {
      while (j < text.size() &&
             (std::isalnum((unsigned char)text[j]) || text[j] == '.'))
        ++j;
    } else if (c == '\'' || c == '"') {
      while (j < text.size() && text[j] != c && text[j] != '\n')
        ++j;
      j = std::min(j + 1, text.size());
    } else if (c == ' ') {
      while (j < text.size() && text[j] == ' ')
        ++j;
    }
    tokens.push_back(text.substr(i, j - i));
    i = j;
  }
  return tokens;
}

std::vector<std::string> splitLines(const std::string &text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    end = end == std::string::npos ? text.size() : end + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

template <typename T> std::string join(const std::vector<T> &parts) {
  std::string text;
  for (const auto &p : parts)
    text += p;
  return text;
}

bool isWord(const std::string &t) {
  return !t.empty() && (std::isalpha((unsigned char)t[0]) || t[0] == '_');
}
bool isNumber(const std::string &t) {
  return !t.empty() && std::isdigit((unsigned char)t[0]);
}

template <size_t N>
const char *pick(const char *const (&list)[N], std::mt19937 &rng) {
  return list[rng() % N];
}

/// Index of a random token satisfying `pred`, or -1.
template <typename Pred>
long randomToken(const std::vector<std::string> &tokens, std::mt19937 &rng,
                 Pred pred) {
  std::vector<size_t> candidates;
  for (size_t i = 0; i < tokens.size(); ++i)
    if (pred(tokens[i]))
      candidates.push_back(i);
  return candidates.empty() ? -1 : long(candidates[rng() % candidates.size()]);
}

std::string mutate(const std::string &text, std::mt19937 &rng) {
  std::vector<std::string> tokens = tokenize(text);
  std::vector<std::string> lines = splitLines(text);
  switch (rng() % 8) {
  case 0: { // a name becomes another
    long i = randomToken(tokens, rng, isWord);
    if (i < 0)
      break;
    tokens[i] = pick(kWords, rng);
    return join(tokens);
  }
  case 1: { // a number becomes an extreme one
    long i = randomToken(tokens, rng, isNumber);
    if (i < 0)
      break;
    tokens[i] = pick(kNumbers, rng);
    return join(tokens);
  }
  case 2: { // a token disappears
    if (tokens.empty())
      break;
    tokens.erase(tokens.begin() + rng() % tokens.size());
    return join(tokens);
  }
  case 3: { // a token is copied elsewhere
    if (tokens.empty())
      break;
    std::string copy = tokens[rng() % tokens.size()];
    tokens.insert(tokens.begin() + rng() % (tokens.size() + 1), copy);
    return join(tokens);
  }
  case 4: { // a word or snippet is inserted
    tokens.insert(tokens.begin() + rng() % (tokens.size() + 1),
                  std::string(pick(kWords, rng)));
    return join(tokens);
  }
  case 5: { // a line is duplicated
    if (lines.empty())
      break;
    size_t i = rng() % lines.size();
    lines.insert(lines.begin() + rng() % (lines.size() + 1), lines[i]);
    return join(lines);
  }
  case 6: { // a line disappears
    if (lines.empty())
      break;
    lines.erase(lines.begin() + rng() % lines.size());
    return join(lines);
  }
  case 7: { // two lines swap
    if (lines.size() < 2)
      break;
    std::swap(lines[rng() % lines.size()], lines[rng() % lines.size()]);
    return join(lines);
  }
  }
  return text;
}

size_t store(const std::string &text, uint8_t *data, size_t maxSize) {
  size_t n = std::min(text.size(), maxSize);
  std::memcpy(data, text.data(), n);
  return n;
}

} // namespace

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size,
                                          size_t maxSize, unsigned int seed) {
  std::mt19937 rng(seed);
  // One in eight: libFuzzer's own byte mutations, for the lexer and parser.
  if (rng() % 8 == 0)
    return LLVMFuzzerMutate(data, size, maxSize);
  std::string text(reinterpret_cast<char *>(data), size);
  for (unsigned n = 1 + rng() % 3; n; --n)
    text = mutate(text, rng);
  return store(text, data, maxSize);
}

/// The first lines of one program, then the last lines of another.
extern "C" size_t LLVMFuzzerCustomCrossOver(const uint8_t *data1, size_t size1,
                                            const uint8_t *data2, size_t size2,
                                            uint8_t *out, size_t maxOutSize,
                                            unsigned int seed) {
  std::mt19937 rng(seed);
  std::vector<std::string> a =
      splitLines(std::string(reinterpret_cast<const char *>(data1), size1));
  std::vector<std::string> b =
      splitLines(std::string(reinterpret_cast<const char *>(data2), size2));
  a.resize(a.empty() ? 0 : rng() % (a.size() + 1));
  if (!b.empty())
    a.insert(a.end(), b.begin() + rng() % b.size(), b.end());
  return store(join(a), out, maxOutSize);
}
