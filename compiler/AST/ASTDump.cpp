//===- ASTDump.cpp - Print the syntax tree (--emit=ast) -------------------===//
//
// The tree prints as S-expressions, every node with its `line:col`:
//
//   (Module
//     (Assign 3:1
//       (Name 3:1 x)
//       (Call 3:5 (Attribute 3:5 (Name 3:5 T) dmatrix) (Str 3:16 "x"))))
//
// * A statement opens a line, `(Kind line:col` plus its scalar fields; each
//   child expression follows on its own line, two spaces deeper; nested
//   statement lists are `(body ...)` / `(orelse ...)` groups. Closing parens
//   end the last line, Lisp style.
// * An expression prints on one line: `(Kind line:col fields... children...)`.
//   Absent optional parts print as `_`.
//
// Statements:
//   (Expr L:C <value>)              (Assign L:C <target>... <value>)
//   (AugAssign L:C += <target> <value>)
//   (FunctionDef L:C name [(decorators <e>...)] (params <param>...) (body ...))
//   (ClassDef L:C name (bases <e>...) (body ...))
//   (Return L:C [<value>])          (If L:C <test> (body ...) [(orelse ...)])
//   (For L:C <target> <iter> (body ...) [(orelse ...)])
//   (While L:C <test> (body ...) [(orelse ...)])
//   (Break L:C) (Continue L:C) (Pass L:C)
//   (Import L:C (alias L:C a.b [as x])...)
//   (ImportFrom L:C module (alias L:C name [as x])...)   `*` is (alias L:C *)
//   (Assert L:C <test> [<msg>])     (Global L:C name...)  (Del L:C <target>...)
// Expressions:
//   (Name L:C id) (Int L:C 42) (Float L:C 0.5) (Str L:C "escaped")
//   (Bool L:C True) (None L:C)
//   (Attribute L:C <value> attr)    (Subscript L:C <value> <index>)
//   (Slice L:C <lower|_> <upper|_> <step|_>)
//   (Call L:C <func> <arg>... (keyword L:C name <value>)...)   `**kw` has
//     the name `**`; `*args` is (Starred L:C <value>) among the arguments
//   (BinOp L:C + <lhs> <rhs>)       (UnaryOp L:C - <operand>)  (`not` too)
//   (Compare L:C <left> (cmp L:C <) <right> (cmp L:C is not) <right>...)
//   (BoolOp L:C and <value>...)     (IfExp L:C <test> <body> <orelse>)
//   (Lambda L:C (params ...) <body>)
//   (List L:C <elt>...) (Tuple L:C <elt>...) (Dict L:C (pair <k> <v>)...)
//   (ListComp L:C <elt> (for <target> <iter> (if <cond>)...)...)
// Parameters: (param L:C x [<default>]), (param L:C *args), (param L:C **kw).
// Floats print in Python's repr style (shortest round-trip, `1.0`, `1e-05`);
// strings are double-quoted with \\ \" \n \t \r and \xHH escapes.
//
//===----------------------------------------------------------------------===//

#include "AST/AST.h"

#include "llvm/Support/Casting.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/Format.h"

#include <charconv>
#include <cmath>

using namespace tcc::ast;
using llvm::cast;

namespace {

class Dumper {
public:
  explicit Dumper(llvm::raw_ostream &os) : os(os) {}

  void module(const Module &m) {
    os << "(Module";
    for (const StmtPtr &s : m.body)
      stmt(*s, 2);
    os << ")\n";
  }

private:
  llvm::raw_ostream &os;

  void loc(SourceLoc l) { os << ' ' << l.line << ':' << l.col; }
  void newline(unsigned indent) { os << '\n' << std::string(indent, ' '); }
  void open(const char *kind, SourceLoc l) {
    os << '(' << kind;
    loc(l);
  }

  void exprLine(const Expr &e, unsigned indent) {
    newline(indent);
    expr(e);
  }
  void optExpr(const ExprPtr &e) {
    os << ' ';
    if (e)
      expr(*e);
    else
      os << '_';
  }
  void exprs(const ExprList &list) {
    for (const ExprPtr &e : list) {
      os << ' ';
      expr(*e);
    }
  }
  void block(const char *label, const StmtList &list, unsigned indent) {
    newline(indent);
    os << '(' << label;
    for (const StmtPtr &s : list)
      stmt(*s, indent + 2);
    os << ')';
  }

  static const char *binOp(BinOpKind op) {
    switch (op) {
    case BinOpKind::Add:
      return "+";
    case BinOpKind::Sub:
      return "-";
    case BinOpKind::Mul:
      return "*";
    case BinOpKind::Div:
      return "/";
    case BinOpKind::FloorDiv:
      return "//";
    case BinOpKind::Mod:
      return "%";
    case BinOpKind::Pow:
      return "**";
    case BinOpKind::MatMul:
      return "@";
    case BinOpKind::BitAnd:
      return "&";
    case BinOpKind::BitOr:
      return "|";
    case BinOpKind::BitXor:
      return "^";
    case BinOpKind::LShift:
      return "<<";
    case BinOpKind::RShift:
      return ">>";
    }
    llvm_unreachable("unknown binary operator");
  }

  static const char *cmpOp(CmpOpKind op) {
    switch (op) {
    case CmpOpKind::Lt:
      return "<";
    case CmpOpKind::Le:
      return "<=";
    case CmpOpKind::Gt:
      return ">";
    case CmpOpKind::Ge:
      return ">=";
    case CmpOpKind::Eq:
      return "==";
    case CmpOpKind::Ne:
      return "!=";
    case CmpOpKind::Is:
      return "is";
    case CmpOpKind::IsNot:
      return "is not";
    case CmpOpKind::In:
      return "in";
    case CmpOpKind::NotIn:
      return "not in";
    }
    llvm_unreachable("unknown comparison");
  }

  void string(const std::string &s) {
    os << '"';
    for (unsigned char c : s) {
      switch (c) {
      case '"':
        os << "\\\"";
        break;
      case '\\':
        os << "\\\\";
        break;
      case '\n':
        os << "\\n";
        break;
      case '\t':
        os << "\\t";
        break;
      case '\r':
        os << "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7F)
          os << "\\x" << llvm::format_hex_no_prefix(c, 2);
        else
          os << c;
      }
    }
    os << '"';
  }

  /// Python's repr of a float: the shortest digits that round-trip, fixed
  /// notation for exponents in [-4, 16), otherwise `d.ddde+XX`.
  void number(double v) {
    if (std::isnan(v)) {
      os << "nan";
      return;
    }
    if (std::isinf(v)) {
      os << (v < 0 ? "-inf" : "inf");
      return;
    }
    char buf[64];
    auto [end, ec] =
        std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::scientific);
    std::string sci(buf, end); // [-]d[.ddd]e(+|-)XX
    size_t e = sci.find('e');
    int exp = std::stoi(sci.substr(e + 1));
    std::string mantissa = sci.substr(0, e);
    std::string sign;
    if (mantissa[0] == '-') {
      sign = "-";
      mantissa.erase(0, 1);
    }
    std::string digits;
    for (char c : mantissa)
      if (c != '.')
        digits.push_back(c);
    std::string out;
    if (exp >= -4 && exp < 16) {
      if (exp < 0) {
        out = "0." + std::string(-exp - 1, '0') + digits;
      } else {
        if (digits.size() < size_t(exp) + 1)
          digits.append(size_t(exp) + 1 - digits.size(), '0');
        out = digits.substr(0, exp + 1) + ".";
        std::string frac = digits.substr(exp + 1);
        out += frac.empty() ? "0" : frac;
      }
    } else {
      out = digits.substr(0, 1);
      if (digits.size() > 1)
        out += "." + digits.substr(1);
      out += exp < 0 ? "e-" : "e+";
      std::string mag = std::to_string(exp < 0 ? -exp : exp);
      out += (mag.size() < 2 ? "0" : "") + mag;
    }
    os << sign << out;
  }

  void params(const std::vector<Param> &list) {
    os << "(params";
    for (const Param &p : list) {
      os << " (param";
      loc(p.loc);
      os << ' '
         << (p.kind == Param::Kind::VarArgs  ? "*"
             : p.kind == Param::Kind::KwArgs ? "**"
                                             : "")
         << p.name;
      if (p.defaultValue) {
        os << ' ';
        expr(*p.defaultValue);
      }
      os << ')';
    }
    os << ')';
  }

  void alias(const Alias &a) {
    os << " (alias";
    loc(a.loc);
    os << ' ' << a.dotted;
    if (!a.asname.empty())
      os << " as " << a.asname;
    os << ')';
  }

  void expr(const Expr &e) {
    switch (e.getKind()) {
    case Expr::Kind::Name:
      open("Name", e.getLoc());
      os << ' ' << cast<NameExpr>(e).id;
      break;
    case Expr::Kind::Int:
      open("Int", e.getLoc());
      os << ' ' << cast<IntExpr>(e).value;
      break;
    case Expr::Kind::Float:
      open("Float", e.getLoc());
      os << ' ';
      number(cast<FloatExpr>(e).value);
      break;
    case Expr::Kind::Str:
      open("Str", e.getLoc());
      os << ' ';
      string(cast<StrExpr>(e).value);
      break;
    case Expr::Kind::Bool:
      open("Bool", e.getLoc());
      os << (cast<BoolExpr>(e).value ? " True" : " False");
      break;
    case Expr::Kind::None:
      open("None", e.getLoc());
      break;
    case Expr::Kind::Attribute: {
      auto &a = cast<AttributeExpr>(e);
      open("Attribute", e.getLoc());
      os << ' ';
      expr(*a.value);
      os << ' ' << a.attr;
      break;
    }
    case Expr::Kind::Subscript: {
      auto &s = cast<SubscriptExpr>(e);
      open("Subscript", e.getLoc());
      os << ' ';
      expr(*s.value);
      os << ' ';
      expr(*s.index);
      break;
    }
    case Expr::Kind::Slice: {
      auto &s = cast<SliceExpr>(e);
      open("Slice", e.getLoc());
      optExpr(s.lower);
      optExpr(s.upper);
      optExpr(s.step);
      break;
    }
    case Expr::Kind::Call: {
      auto &c = cast<CallExpr>(e);
      open("Call", e.getLoc());
      os << ' ';
      expr(*c.func);
      exprs(c.args);
      for (const Keyword &k : c.keywords) {
        os << " (keyword";
        loc(k.loc);
        os << ' ' << (k.name.empty() ? "**" : k.name) << ' ';
        expr(*k.value);
        os << ')';
      }
      break;
    }
    case Expr::Kind::BinOp: {
      auto &b = cast<BinOpExpr>(e);
      open("BinOp", e.getLoc());
      os << ' ' << binOp(b.op) << ' ';
      expr(*b.lhs);
      os << ' ';
      expr(*b.rhs);
      break;
    }
    case Expr::Kind::UnaryOp: {
      auto &u = cast<UnaryOpExpr>(e);
      open("UnaryOp", e.getLoc());
      os << ' '
         << (u.op == UnaryOpKind::Neg   ? "-"
             : u.op == UnaryOpKind::Pos ? "+"
             : u.op == UnaryOpKind::Not ? "not"
                                        : "~")
         << ' ';
      expr(*u.operand);
      break;
    }
    case Expr::Kind::Compare: {
      auto &c = cast<CompareExpr>(e);
      open("Compare", e.getLoc());
      os << ' ';
      expr(*c.left);
      for (size_t i = 0; i < c.ops.size(); ++i) {
        os << " (cmp";
        loc(c.opLocs[i]);
        os << ' ' << cmpOp(c.ops[i]) << ") ";
        expr(*c.comparators[i]);
      }
      break;
    }
    case Expr::Kind::BoolOp: {
      auto &b = cast<BoolOpExpr>(e);
      open("BoolOp", e.getLoc());
      os << (b.op == BoolOpKind::And ? " and" : " or");
      exprs(b.values);
      break;
    }
    case Expr::Kind::IfExp: {
      auto &i = cast<IfExpExpr>(e);
      open("IfExp", e.getLoc());
      os << ' ';
      expr(*i.test);
      os << ' ';
      expr(*i.body);
      os << ' ';
      expr(*i.orelse);
      break;
    }
    case Expr::Kind::Lambda: {
      auto &l = cast<LambdaExpr>(e);
      open("Lambda", e.getLoc());
      os << ' ';
      params(l.params);
      os << ' ';
      expr(*l.body);
      break;
    }
    case Expr::Kind::List:
      open("List", e.getLoc());
      exprs(cast<ListExpr>(e).elts);
      break;
    case Expr::Kind::Tuple:
      open("Tuple", e.getLoc());
      exprs(cast<TupleExpr>(e).elts);
      break;
    case Expr::Kind::Dict: {
      auto &d = cast<DictExpr>(e);
      open("Dict", e.getLoc());
      for (size_t i = 0; i < d.keys.size(); ++i) {
        os << " (pair ";
        expr(*d.keys[i]);
        os << ' ';
        expr(*d.values[i]);
        os << ')';
      }
      break;
    }
    case Expr::Kind::ListComp: {
      auto &c = cast<ListCompExpr>(e);
      open("ListComp", e.getLoc());
      os << ' ';
      expr(*c.elt);
      for (const Comprehension &g : c.generators) {
        os << " (for ";
        expr(*g.target);
        os << ' ';
        expr(*g.iter);
        for (const ExprPtr &cond : g.ifs) {
          os << " (if ";
          expr(*cond);
          os << ')';
        }
        os << ')';
      }
      break;
    }
    case Expr::Kind::Starred:
      open("Starred", e.getLoc());
      os << ' ';
      expr(*cast<StarredExpr>(e).value);
      break;
    }
    os << ')';
  }

  void stmt(const Stmt &s, unsigned indent) {
    newline(indent);
    unsigned inner = indent + 2;
    switch (s.getKind()) {
    case Stmt::Kind::Expr:
      open("Expr", s.getLoc());
      exprLine(*cast<ExprStmt>(s).value, inner);
      break;
    case Stmt::Kind::Assign: {
      auto &a = cast<AssignStmt>(s);
      open("Assign", s.getLoc());
      for (const ExprPtr &t : a.targets)
        exprLine(*t, inner);
      exprLine(*a.value, inner);
      break;
    }
    case Stmt::Kind::AugAssign: {
      auto &a = cast<AugAssignStmt>(s);
      open("AugAssign", s.getLoc());
      os << ' ' << binOp(a.op) << '=';
      exprLine(*a.target, inner);
      exprLine(*a.value, inner);
      break;
    }
    case Stmt::Kind::FunctionDef: {
      auto &f = cast<FunctionDefStmt>(s);
      open("FunctionDef", s.getLoc());
      os << ' ' << f.name;
      if (!f.decorators.empty()) {
        newline(inner);
        os << "(decorators";
        exprs(f.decorators);
        os << ')';
      }
      newline(inner);
      params(f.params);
      block("body", f.body, inner);
      break;
    }
    case Stmt::Kind::ClassDef: {
      auto &c = cast<ClassDefStmt>(s);
      open("ClassDef", s.getLoc());
      os << ' ' << c.name;
      newline(inner);
      os << "(bases";
      exprs(c.bases);
      os << ')';
      block("body", c.body, inner);
      break;
    }
    case Stmt::Kind::Return: {
      auto &r = cast<ReturnStmt>(s);
      open("Return", s.getLoc());
      if (r.value)
        exprLine(*r.value, inner);
      break;
    }
    case Stmt::Kind::If: {
      auto &i = cast<IfStmt>(s);
      open("If", s.getLoc());
      exprLine(*i.test, inner);
      block("body", i.body, inner);
      if (!i.orelse.empty())
        block("orelse", i.orelse, inner);
      break;
    }
    case Stmt::Kind::For: {
      auto &f = cast<ForStmt>(s);
      open("For", s.getLoc());
      exprLine(*f.target, inner);
      exprLine(*f.iter, inner);
      block("body", f.body, inner);
      if (!f.orelse.empty())
        block("orelse", f.orelse, inner);
      break;
    }
    case Stmt::Kind::While: {
      auto &w = cast<WhileStmt>(s);
      open("While", s.getLoc());
      exprLine(*w.test, inner);
      block("body", w.body, inner);
      if (!w.orelse.empty())
        block("orelse", w.orelse, inner);
      break;
    }
    case Stmt::Kind::Break:
      open("Break", s.getLoc());
      break;
    case Stmt::Kind::Continue:
      open("Continue", s.getLoc());
      break;
    case Stmt::Kind::Pass:
      open("Pass", s.getLoc());
      break;
    case Stmt::Kind::Import:
      open("Import", s.getLoc());
      for (const Alias &a : cast<ImportStmt>(s).names)
        alias(a);
      break;
    case Stmt::Kind::ImportFrom: {
      auto &i = cast<ImportFromStmt>(s);
      open("ImportFrom", s.getLoc());
      os << ' ' << i.module;
      for (const Alias &a : i.names)
        alias(a);
      break;
    }
    case Stmt::Kind::Assert: {
      auto &a = cast<AssertStmt>(s);
      open("Assert", s.getLoc());
      exprLine(*a.test, inner);
      if (a.msg)
        exprLine(*a.msg, inner);
      break;
    }
    case Stmt::Kind::Raise: {
      auto &r = cast<RaiseStmt>(s);
      open("Raise", s.getLoc());
      if (r.exc)
        exprLine(*r.exc, inner);
      break;
    }
    case Stmt::Kind::Global:
      open("Global", s.getLoc());
      for (const std::string &name : cast<GlobalStmt>(s).names)
        os << ' ' << name;
      break;
    case Stmt::Kind::Del:
      open("Del", s.getLoc());
      for (const ExprPtr &t : cast<DelStmt>(s).targets)
        exprLine(*t, inner);
      break;
    }
    os << ')';
  }
};

} // namespace

void tcc::ast::dump(const Module &module, llvm::raw_ostream &os) {
  Dumper(os).module(module);
}
