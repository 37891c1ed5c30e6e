//===- DiagnosticsTest.cpp - clang-style message layout -------------------===//
#include "qsvtc/support/Diagnostics.h"
#include "qsvtc/support/Error.h"

#include <gtest/gtest.h>

namespace {

using namespace qsvtc;

TEST(Diagnostics, LineColumnAndCaretUnderTheColumn) {
  SourceFile file("m.qtf", "model m {\n  x = 1 $ 2;\n}\n");
  DiagnosticEngine diags(file);
  diags.error(file.getText().find('$'), "unexpected character '$'");
  EXPECT_EQ(diags.text(), "m.qtf:2:9: error: unexpected character '$'\n"
                          "  x = 1 $ 2;\n"
                          "        ^\n");
}

TEST(Diagnostics, TabsKeepTheCaretAligned) {
  SourceFile file("t.qtf", "\tx\t= ?;\n");
  DiagnosticEngine diags(file);
  diags.error(5, "bad", 1);
  EXPECT_EQ(diags.text(), "t.qtf:1:6: error: bad\n\tx\t= ?;\n\t \t  ^\n");
}

TEST(Diagnostics, RangesAreUnderlinedWithinTheLine) {
  SourceFile file("r.qtf", "abc defgh\n");
  DiagnosticEngine diags(file);
  diags.error(4, "word", 50); // longer than the line: clipped
  EXPECT_EQ(diags.text(), "r.qtf:1:5: error: word\nabc defgh\n    ^~~~~\n");
}

TEST(Diagnostics, SortedBySourcePositionWithNotesKept) {
  SourceFile file("s.qtf", "aaaa\nbbbb\ncccc\n");
  DiagnosticEngine diags(file);
  diags.error(10, "third line");
  diags.error(0, "first line");
  diags.note(5, "about the first");
  std::string text = diags.text();
  std::size_t first = text.find("first line"), note = text.find("about the first"),
              third = text.find("third line");
  EXPECT_LT(first, note);
  EXPECT_LT(note, third);
  EXPECT_EQ(diags.errorCount(), 2u);
  EXPECT_THROW(diags.throwIfErrors(), Error);
}

TEST(Diagnostics, OffsetAtEndOfFileIsOnTheLastLine) {
  SourceFile file("e.qtf", "model m {");
  EXPECT_EQ(file.lineColumn(9), (std::pair<unsigned, unsigned>{1, 10}));
  EXPECT_EQ(file.lineColumn(1000), (std::pair<unsigned, unsigned>{1, 10}));
}

} // namespace
