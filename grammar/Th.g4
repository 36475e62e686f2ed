// Th.g4 - grammar of .th programs: the graph-building subset of Python 3.
//
// Shaped after grammars-v4's Python3 grammar, with two differences:
//  * expressions are two left-recursive rules with labelled alternatives (one
//    visitor method per form): `expr` covers the arithmetic and bitwise levels
//    (Python's `expr`, usable as an assignment or loop target) and `test` adds
//    comparisons, `not`, `and`, `or`, conditional expressions and lambdas on
//    top of it. Alternatives are listed from the tightest-binding to the
//    loosest; `**` binds tighter than a unary operator on its left
//    (`-x**2 == -(x**2)`) and takes a unary operand on its right (`2**-1`).
//  * INDENT, DEDENT and NEWLINE come from ThIndentLexer (compiler/Parse/
//    ThLexerBase.h), which overrides nextToken(): newlines inside brackets and
//    blank lines never reach the parser, and lexical errors (bad characters,
//    unterminated strings, unclosed brackets, unsupported keywords) arrive as
//    one LEXER_ERROR token carrying its own message.
//
// Decisions are kept LL(1)/LL(2) wherever possible so that a syntax error is
// detected at the offending token, inside the rule that expected something
// else; ThErrorStrategy turns that into one readable message.

grammar Th;

tokens { INDENT, DEDENT, LEXER_ERROR }

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

program : stmt* EOF ;

stmt : simpleStmts | compoundStmt ;

simpleStmts : smallStmt (';' smallStmt)* ';'? NEWLINE ;

smallStmt
  : testList (assignTail+ | augAssignOp testList)?                # exprStmt
  | 'del' exprList                                                # delStmt
  | 'pass'                                                        # passStmt
  | 'break'                                                       # breakStmt
  | 'continue'                                                    # continueStmt
  | 'return' testList?                                            # returnStmt
  | 'import' dottedAsName (',' dottedAsName)*                     # importStmt
  | 'from' dottedName 'import'
      ( star='*' | '(' importAsNames ','? ')' | importAsNames )   # importFromStmt
  | 'global' NAME (',' NAME)*                                     # globalStmt
  | 'assert' test (',' test)?                                     # assertStmt
  | 'raise' test?                                                 # raiseStmt
  ;

assignTail : '=' testList ;

augAssignOp
  : '+=' | '-=' | '*=' | '@=' | '/=' | '//=' | '%=' | '**='
  | '&=' | '|=' | '^=' | '<<=' | '>>='
  ;

importAsNames : importAsName (',' importAsName)* ;
importAsName : NAME ('as' NAME)? ;
dottedAsName : dottedName ('as' NAME)? ;
dottedName : NAME ('.' NAME)* ;

compoundStmt
  : 'if' test ':' block elifClause* elseClause?                   # ifStmt
  | 'while' test ':' block elseClause?                            # whileStmt
  | 'for' exprList 'in' testList ':' block elseClause?            # forStmt
  | funcDef                                                       # funcDefStmt
  | classDef                                                      # classDefStmt
  | decorator+ (funcDef | classDef)                               # decoratedStmt
  ;

elifClause : 'elif' test ':' block ;
elseClause : 'else' ':' block ;

funcDef : 'def' NAME '(' parameters? ')' ':' block ;
classDef : 'class' NAME ('(' arglist? ')')? ':' block ;
decorator : '@' test NEWLINE ;

// The body of a compound statement: the rest of the header line, or an
// indented block.
block : simpleStmts | NEWLINE INDENT stmt+ DEDENT ;

parameters : parameter (',' parameter)* ','? ;

parameter
  : NAME ('=' test)?                                              # plainParam
  | '*' NAME?                                                     # varArgsParam
  | '**' NAME                                                     # kwArgsParam
  ;

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

// Comma-separated expressions: a tuple unless there is one and no trailing
// comma.
testList : test (',' test)* ','? ;

// Targets of `for` and `del`: `expr`s, so that `for x in xs` stops at `in`.
exprList : expr (',' expr)* ','? ;

test
  : expr                                                          # exprTest
  | test compOp test                                              # compareTest
  | 'not' test                                                    # notTest
  | test 'and' test                                               # andTest
  | test 'or' test                                                # orTest
  | <assoc=right> test 'if' test 'else' test                      # condTest
  | 'lambda' parameters? ':' test                                 # lambdaTest
  ;

// `is not` before `is`: in `a is not b` both would parse (`a is (not b)`),
// and ANTLR resolves the ambiguity to the first alternative.
compOp
  : '<' | '>' | '==' | '>=' | '<=' | '!='
  | 'in' | 'not' 'in' | 'is' 'not' | 'is'
  ;

expr
  : atom                                                          # atomExpr
  | expr '.' NAME                                                 # attributeExpr
  | expr '(' arglist? ')'                                         # callExpr
  | expr '[' subscriptList ']'                                    # subscriptExpr
  | <assoc=right> expr op='**' expr                               # powerExpr
  | op=('+' | '-' | '~') expr                                     # unaryExpr
  | expr op=('*' | '@' | '/' | '//' | '%') expr                   # mulExpr
  | expr op=('+' | '-') expr                                      # addExpr
  | expr op=('<<' | '>>') expr                                    # shiftExpr
  | expr op='&' expr                                              # bitAndExpr
  | expr op='^' expr                                              # bitXorExpr
  | expr op='|' expr                                              # bitOrExpr
  ;

atom
  : '(' testListComp? ')'                                         # parenAtom
  | '[' testListComp? ']'                                         # listAtom
  | '{' dictOrSetMaker? '}'                                       # dictAtom
  | NAME                                                          # nameAtom
  | INTEGER                                                       # intAtom
  | FLOAT_NUMBER                                                  # floatAtom
  | STRING+                                                       # stringAtom
  | 'None'                                                        # noneAtom
  | 'True'                                                        # trueAtom
  | 'False'                                                       # falseAtom
  ;

// The inside of (...) and [...]: one expression, a comprehension, or a
// comma-separated list.
testListComp : test (compFor | (',' test)* ','?) ;

// The inside of {...}: a dict (supported), a set or a comprehension (both
// parsed so that the builder can reject them by name).
dictOrSetMaker
  : test ':' test (compFor | (',' dictEntry)* ','?)
  | test (compFor | (',' test)* ','?)
  ;
dictEntry : test ':' test ;

compFor : 'for' exprList 'in' test compIter? ;
compIter : compFor | compIf ;
compIf : 'if' test compIter? ;

arglist : argument (',' argument)* ','? ;

argument
  : NAME '=' test                                                 # keywordArg
  | '*' test                                                      # starArg
  | '**' test                                                     # doubleStarArg
  | test compFor?                                                 # positionalArg
  ;

subscriptList : subscript (',' subscript)* ','? ;

subscript
  : test sliceTail?                                               # indexSubscript
  | sliceTail                                                     # sliceSubscript
  ;

// `:upper` or `:upper:step` (either part may be absent).
sliceTail : ':' upper=test? (':' step=test?)? ;

//===----------------------------------------------------------------------===//
// Lexer
//===----------------------------------------------------------------------===//

// Keywords (before NAME: on equal length the first rule wins).
AND : 'and' ;
AS : 'as' ;
ASSERT : 'assert' ;
RAISE : 'raise' ;
BREAK : 'break' ;
CLASS : 'class' ;
CONTINUE : 'continue' ;
DEF : 'def' ;
DEL : 'del' ;
ELIF : 'elif' ;
ELSE : 'else' ;
FOR : 'for' ;
FROM : 'from' ;
GLOBAL : 'global' ;
IF : 'if' ;
IMPORT : 'import' ;
IN : 'in' ;
IS : 'is' ;
LAMBDA : 'lambda' ;
NOT : 'not' ;
OR : 'or' ;
PASS : 'pass' ;
RETURN : 'return' ;
WHILE : 'while' ;
NONE_KW : 'None' ;
TRUE_KW : 'True' ;
FALSE_KW : 'False' ;

// Python keywords the language does not support: lexed as keywords so that
// the lexer can reject them by name instead of as a stray identifier.
UNSUPPORTED_KEYWORD
  : 'try' | 'except' | 'finally' | 'with' | 'yield'
  | 'async' | 'await' | 'nonlocal'
  ;

NAME : [a-zA-Z_] [a-zA-Z_0-9]* ;

// String literals; the prefix `r` keeps backslashes, `u` is accepted and
// ignored. Escapes are decoded by the AST builder.
STRING : STRING_PREFIX? (SHORT_STRING | LONG_STRING) ;
BYTES_STRING : BYTES_PREFIX (SHORT_STRING | LONG_STRING) ;
FORMAT_STRING : FORMAT_PREFIX (SHORT_STRING | LONG_STRING) ;
// A quote that reaches the end of its line: only ever an error.
UNTERMINATED_STRING
  : (STRING_PREFIX | BYTES_PREFIX | FORMAT_PREFIX)?
    ( '\'' (STRING_ESCAPE | ~[\\\r\n'])* | '"' (STRING_ESCAPE | ~[\\\r\n"])* )
  ;

INTEGER : DECIMAL_INTEGER | OCT_INTEGER | HEX_INTEGER | BIN_INTEGER ;
FLOAT_NUMBER : POINT_FLOAT | EXPONENT_FLOAT ;
IMAG_NUMBER : (FLOAT_NUMBER | DIGIT_PART) [jJ] ;

NEWLINE : '\r'? '\n' | '\r' ;

// Operators and delimiters (longest match picks '**=' over '**' over '*').
DOT : '.' ;
ELLIPSIS : '...' ;
STAR : '*' ;
OPEN_PAREN : '(' ;
CLOSE_PAREN : ')' ;
COMMA : ',' ;
COLON : ':' ;
SEMI_COLON : ';' ;
POWER : '**' ;
ASSIGN : '=' ;
OPEN_BRACK : '[' ;
CLOSE_BRACK : ']' ;
OR_OP : '|' ;
XOR : '^' ;
AND_OP : '&' ;
LEFT_SHIFT : '<<' ;
RIGHT_SHIFT : '>>' ;
ADD : '+' ;
MINUS : '-' ;
DIV : '/' ;
MOD : '%' ;
IDIV : '//' ;
NOT_OP : '~' ;
OPEN_BRACE : '{' ;
CLOSE_BRACE : '}' ;
LESS_THAN : '<' ;
GREATER_THAN : '>' ;
EQUALS : '==' ;
GT_EQ : '>=' ;
LT_EQ : '<=' ;
NOT_EQ : '!=' ;
AT : '@' ;
ADD_ASSIGN : '+=' ;
SUB_ASSIGN : '-=' ;
MULT_ASSIGN : '*=' ;
AT_ASSIGN : '@=' ;
DIV_ASSIGN : '/=' ;
MOD_ASSIGN : '%=' ;
AND_ASSIGN : '&=' ;
OR_ASSIGN : '|=' ;
XOR_ASSIGN : '^=' ;
LEFT_SHIFT_ASSIGN : '<<=' ;
RIGHT_SHIFT_ASSIGN : '>>=' ;
POWER_ASSIGN : '**=' ;
IDIV_ASSIGN : '//=' ;
// Tokens of Python forms the language rejects with a message of their own.
OLD_NOT_EQ : '<>' ;
ARROW : '->' ;
WALRUS : ':=' ;

SKIP_ : (SPACES | COMMENT | LINE_JOINING) -> skip ;

// Anything else is one bad character, reported by the lexer base.
ERROR_CHAR : . ;

fragment SPACES : [ \t\f]+ ;
fragment COMMENT : '#' ~[\r\n]* ;
fragment LINE_JOINING : '\\' ('\r'? '\n' | '\r') ;

fragment STRING_PREFIX : [rRuU] ;
fragment BYTES_PREFIX : [bB] | [bB][rR] | [rR][bB] ;
fragment FORMAT_PREFIX : [fF] | [fF][rR] | [rR][fF] ;
fragment SHORT_STRING
  : '\'' (STRING_ESCAPE | ~[\\\r\n'])* '\''
  | '"' (STRING_ESCAPE | ~[\\\r\n"])* '"'
  ;
fragment LONG_STRING
  : '\'\'\'' (STRING_ESCAPE | ~'\\')*? '\'\'\''
  | '"""' (STRING_ESCAPE | ~'\\')*? '"""'
  ;
fragment STRING_ESCAPE : '\\' . ;

fragment DECIMAL_INTEGER : [1-9] ('_'? [0-9])* | '0' ('_'? '0')* ;
fragment OCT_INTEGER : '0' [oO] ('_'? [0-7])+ ;
fragment HEX_INTEGER : '0' [xX] ('_'? [0-9a-fA-F])+ ;
fragment BIN_INTEGER : '0' [bB] ('_'? [01])+ ;
fragment DIGIT_PART : [0-9] ('_'? [0-9])* ;
fragment POINT_FLOAT : DIGIT_PART? '.' DIGIT_PART | DIGIT_PART '.' ;
fragment EXPONENT_FLOAT : (DIGIT_PART | POINT_FLOAT) [eE] [+-]? DIGIT_PART ;
