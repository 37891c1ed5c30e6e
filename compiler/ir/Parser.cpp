//===- Parser.cpp - Text to IR --------------------------------------------===//
//
// A character-level recursive-descent reader for the grammar below (the
// text Printer.cpp writes). Operations without a loc(...) get their position
// in this text as location, so verifier errors point at the IR line.
//
//   module    ::= 'module' '@' ident '{' operation* '}'
//   operation ::= (value '=')? op-name (value (',' value)*)? attr-dict?
//                 (':' type)? loc?
//   attr-dict ::= '{' (ident '=' attr (',' ident '=' attr)*)? '}'
//   attr      ::= integer | float | string | 'true' | 'false' | 'inf' | 'nan'
//               | '[' (attr (',' attr)*)? ']'
//   type      ::= 'tensor' '<' shape '>'
//               | ('!qsvt.block' | '!qsvt.state') '<' shape ',' 'alpha' '='
//                 float ',' 'anc' '=' integer '>'
//   loc       ::= 'loc' '(' string ':' integer ':' integer ')'
//
//===----------------------------------------------------------------------===//
#include "qsvtc/ir/Parser.h"

#include "qsvtc/ir/Verifier.h"
#include "qsvtc/support/Diagnostics.h"
#include "qsvtc/support/Error.h"
#include "qsvtc/support/Numbers.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <unordered_map>

namespace qsvtc::ir {

namespace {

/// Thrown to unwind after the first syntax error (already recorded).
struct ParseFailure {};

class IrParser {
public:
  IrParser(const std::string &text, const std::string &fileName)
      : source(fileName, text), diags(source), text(source.getText()) {}

  std::unique_ptr<Module> run() {
    try {
      auto module = parseModule();
      skipSpace();
      if (pos != text.size())
        fail("expected end of input after the module");
      return module;
    } catch (const ParseFailure &) {
      diags.throwIfErrors();
      throw Error("IR parse failed");
    }
  }

private:
  [[noreturn]] void fail(const std::string &message, std::size_t at = std::string::npos) {
    diags.error(at == std::string::npos ? pos : at, message);
    throw ParseFailure{};
  }

  void skipSpace() {
    while (pos < text.size()) {
      if (std::isspace(static_cast<unsigned char>(text[pos]))) {
        ++pos;
      } else if (text.compare(pos, 2, "//") == 0) {
        while (pos < text.size() && text[pos] != '\n')
          ++pos;
      } else {
        break;
      }
    }
  }

  bool peek(char c) {
    skipSpace();
    return pos < text.size() && text[pos] == c;
  }

  bool consume(char c) {
    if (!peek(c))
      return false;
    ++pos;
    return true;
  }

  void expect(char c, const std::string &context) {
    if (!consume(c))
      fail(std::string("expected '") + c + "' " + context);
  }

  static bool isIdentChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '$';
  }

  /// identifier ::= [A-Za-z_][A-Za-z0-9_.$]*  (or a suffix-id after % / @).
  std::string parseIdentifier(const std::string &what, bool allowDigitStart = false) {
    skipSpace();
    std::size_t start = pos;
    if (pos < text.size() &&
        (std::isalpha(static_cast<unsigned char>(text[pos])) || text[pos] == '_' ||
         (allowDigitStart && std::isdigit(static_cast<unsigned char>(text[pos])))))
      while (pos < text.size() && isIdentChar(text[pos]))
        ++pos;
    if (pos == start)
      fail("expected " + what);
    return text.substr(start, pos - start);
  }

  bool consumeKeyword(const std::string &word) {
    skipSpace();
    if (text.compare(pos, word.size(), word) != 0)
      return false;
    std::size_t end = pos + word.size();
    if (end < text.size() && isIdentChar(text[end]))
      return false;
    pos = end;
    return true;
  }

  std::unique_ptr<Module> parseModule() {
    if (!consumeKeyword("module"))
      fail("expected 'module'");
    expect('@', "before the module name");
    auto module = std::make_unique<Module>(parseIdentifier("a module name"));
    expect('{', "to open the module body");
    while (!peek('}')) {
      if (pos >= text.size())
        fail("expected '}' to close the module");
      parseOperation(*module);
    }
    expect('}', "to close the module");
    return module;
  }

  /// value-use ::= '%' suffix-id
  Value *parseValueUse() {
    skipSpace();
    std::size_t at = pos;
    expect('%', "for an operand");
    std::string name = parseIdentifier("a value name after '%'", true);
    auto it = values.find(name);
    if (it == values.end())
      fail("use of undefined value '%" + name + "'", at);
    return it->second;
  }

  void parseOperation(Module &module) {
    skipSpace();
    std::size_t opStart = pos;
    std::string resultName;
    std::size_t resultAt = pos;
    if (consume('%')) {
      resultName = parseIdentifier("a value name after '%'", true);
      if (values.count(resultName))
        fail("redefinition of value '%" + resultName + "'", resultAt);
      expect('=', "after the result name");
    }
    skipSpace();
    std::size_t nameAt = pos;
    std::string opName = parseIdentifier("an operation name");
    if (!lookupOp(opName))
      fail("unknown operation '" + opName + "'", nameAt);
    std::vector<Value *> operands;
    if (peek('%')) {
      operands.push_back(parseValueUse());
      while (consume(','))
        operands.push_back(parseValueUse());
    }
    AttrDict attributes;
    if (peek('{'))
      attributes = parseAttrDict();
    std::optional<Type> type;
    std::size_t endOfOp = pos; // just after the op's last token
    if (consume(':'))
      type = parseType();
    if (!resultName.empty() && !type)
      fail("expected ':' and the result type", endOfOp);
    if (resultName.empty() && type)
      fail("an operation with a result type needs a result name '%name ='", opStart);
    auto [line, column] = source.lineColumn(nameAt);
    Location location{source.getName(), line, column};
    if (consumeKeyword("loc"))
      location = parseLocation();
    Value *result = module.create(opName, std::move(operands), std::move(type),
                                  std::move(attributes), std::move(location), resultName);
    if (result)
      values[resultName] = result;
  }

  AttrDict parseAttrDict() {
    AttrDict attributes;
    expect('{', "to open the attributes");
    if (consume('}'))
      return attributes;
    do {
      skipSpace();
      std::size_t at = pos;
      std::string key = parseIdentifier("an attribute name");
      if (attributes.count(key))
        fail("duplicate attribute '" + key + "'", at);
      expect('=', "after the attribute name");
      attributes[key] = parseAttribute();
    } while (consume(','));
    expect('}', "to close the attributes");
    return attributes;
  }

  Attribute parseAttribute() {
    skipSpace();
    if (consume('[')) {
      Attribute::List items;
      if (!consume(']')) {
        do
          items.push_back(parseAttribute());
        while (consume(','));
        expect(']', "to close the list");
      }
      return Attribute(std::move(items));
    }
    if (peek('"'))
      return Attribute(parseString());
    if (consumeKeyword("true"))
      return Attribute(true);
    if (consumeKeyword("false"))
      return Attribute(false);
    return parseNumberAttribute();
  }

  std::string parseString() {
    std::size_t at = pos;
    expect('"', "to open a string");
    std::string value;
    while (pos < text.size() && text[pos] != '"' && text[pos] != '\n') {
      char c = text[pos++];
      if (c == '\\' && pos < text.size()) {
        char e = text[pos++];
        value += e == 'n' ? '\n' : e;
      } else {
        value += c;
      }
    }
    if (pos >= text.size() || text[pos] != '"')
      fail("unterminated string", at);
    ++pos;
    return value;
  }

  Attribute parseNumberAttribute() {
    skipSpace();
    std::size_t start = pos;
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '+'))
      ++pos;
    if (consumeKeyword("inf") || consumeKeyword("nan")) {
      std::string word = text.substr(start, pos - start);
      return Attribute(*parseNumber(word));
    }
    while (pos < text.size() &&
           (std::isalnum(static_cast<unsigned char>(text[pos])) || text[pos] == '.' ||
            ((text[pos] == '-' || text[pos] == '+') &&
             (text[pos - 1] == 'e' || text[pos - 1] == 'E'))))
      ++pos;
    std::string word = text.substr(start, pos - start);
    if (word.empty() || word == "-" || word == "+")
      fail("expected an attribute value", start);
    if (word.find_first_of(".eE") == std::string::npos) {
      int64_t value = 0;
      auto [end, ec] =
          std::from_chars(word.data() + (word[0] == '+'), word.data() + word.size(), value);
      if (ec == std::errc() && end == word.data() + word.size())
        return Attribute(value);
      fail("invalid integer '" + word + "'", start);
    }
    std::optional<double> value = parseNumber(word);
    if (!value)
      fail("invalid number '" + word + "'", start);
    return Attribute(*value);
  }

  int64_t parseInteger(const std::string &what) {
    Attribute a = parseNumberAttribute();
    if (!a.isInt())
      fail("expected " + what);
    return a.getInt();
  }

  double parseFloat(const std::string &what) {
    std::size_t at = pos;
    Attribute a = parseNumberAttribute();
    if (!a.isNumber())
      fail("expected " + what, at);
    return a.getNumber();
  }

  /// shape ::= integer ('x' integer)*
  std::vector<int64_t> parseShape() {
    std::vector<int64_t> shape;
    skipSpace();
    while (true) {
      std::size_t start = pos;
      while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])))
        ++pos;
      if (start == pos)
        fail("expected a dimension");
      int64_t extent = 0;
      auto [end, ec] = std::from_chars(text.data() + start, text.data() + pos, extent);
      if (ec != std::errc() || extent <= 0)
        fail("invalid dimension", start);
      shape.push_back(extent);
      if (pos < text.size() && text[pos] == 'x')
        ++pos;
      else
        break;
    }
    return shape;
  }

  Type parseType() {
    skipSpace();
    std::size_t at = pos;
    if (consumeKeyword("tensor")) {
      expect('<', "after 'tensor'");
      Type type = Type::tensor(parseShape());
      expect('>', "to close the tensor type");
      return type;
    }
    if (!consume('!'))
      fail("expected a type");
    // Spelled as Type::str() prints them: "!qsvt.block<...>", "!qsvt.state<...>".
    const std::string name = "!" + parseIdentifier("a type name");
    if (name != "!qsvt.block" && name != "!qsvt.state")
      fail("unknown type '" + name + "'", at);
    expect('<', "after the type name");
    std::vector<int64_t> shape = parseShape();
    expect(',', "after the shape");
    if (!consumeKeyword("alpha"))
      fail("expected 'alpha'");
    expect('=', "after 'alpha'");
    double alpha = parseFloat("a normalisation alpha");
    expect(',', "after alpha");
    if (!consumeKeyword("anc"))
      fail("expected 'anc'");
    expect('=', "after 'anc'");
    int64_t ancillas = parseInteger("an ancilla count");
    expect('>', "to close the type");
    if (name == "!qsvt.block") {
      if (shape.size() != 2)
        fail("a block type has a shape RxC", at);
      return Type::block(shape[0], shape[1], alpha, ancillas);
    }
    if (shape.size() != 1)
      fail("a state type has a shape N", at);
    return Type::state(shape[0], alpha, ancillas);
  }

  Location parseLocation() {
    expect('(', "after 'loc'");
    Location location;
    location.file = parseString();
    expect(':', "after the file name");
    location.line = static_cast<unsigned>(parseInteger("a line number"));
    expect(':', "after the line number");
    location.column = static_cast<unsigned>(parseInteger("a column number"));
    expect(')', "to close loc(...)");
    return location;
  }

  SourceFile source;
  DiagnosticEngine diags;
  const std::string &text;
  std::size_t pos = 0;
  std::unordered_map<std::string, Value *> values;
};

} // namespace

std::unique_ptr<Module> parseModule(const std::string &text, const std::string &fileName) {
  return IrParser(text, fileName).run();
}

} // namespace qsvtc::ir
