//===- JsonFile.cpp - Parse a JSON document with located errors -----------===//
#include "qsvtc/support/JsonFile.h"

#include "qsvtc/support/Error.h"
#include "qsvtc/support/FileIO.h"

namespace qsvtc {

nlohmann::ordered_json parseJsonDocument(const std::string &text, const std::string &name) {
  try {
    return nlohmann::ordered_json::parse(text);
  } catch (const nlohmann::ordered_json::parse_error &e) {
    const std::size_t at = e.byte > 0 ? e.byte - 1 : 0;
    std::string what = e.what();
    const std::size_t cut = what.find("parse error");
    throw Error(name + ":" + lineColumn(text, at) + ": error: malformed JSON (" +
                (cut == std::string::npos ? what : what.substr(cut)) + ")");
  } catch (const nlohmann::ordered_json::exception &e) { // e.g. a number beyond double range
    throw Error(name + ": error: unreadable JSON (" + std::string(e.what()) + ")");
  }
}

} // namespace qsvtc
