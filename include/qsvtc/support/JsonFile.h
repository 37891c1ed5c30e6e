//===- JsonFile.h - Parse a JSON document with located errors --*- C++ -*-===//
#ifndef QSVTC_SUPPORT_JSONFILE_H
#define QSVTC_SUPPORT_JSONFILE_H

#include <nlohmann/json.hpp>

#include <string>

namespace qsvtc {

/// Parses `text` (read from `name`); malformed JSON throws qsvtc::Error as
/// "name:line:col: error: malformed JSON (parse error ...)".
nlohmann::ordered_json parseJsonDocument(const std::string &text, const std::string &name);

} // namespace qsvtc

#endif // QSVTC_SUPPORT_JSONFILE_H
