// IR syntax errors: file:line:col, the line and a caret.
// RUN: not qsvt-opt %s --split-input-file 2>&1 | FileCheck %s

module @m {
  %b = qt.matmul %a, %a : tensor<2x3>
}
// CHECK: parse-errors.mlir:[[@LINE-2]]:18: error: use of undefined value '%a'
// CHECK-NEXT: {{^}}  %b = qt.matmul %a, %a : tensor<2x3>
// CHECK-NEXT: {{^}}                 ^

// -----
module @m {
  %a = qt.frobnicate : tensor<2>
}
// CHECK: parse-errors.mlir:[[@LINE-2]]:8: error: unknown operation 'qt.frobnicate'

// -----
module @m {
  %a = qt.input {init = "symbolic", name = "a", norm = 1.0} : tensor<2>
  %a = qt.input {init = "symbolic", name = "a", norm = 1.0} : tensor<2>
}
// CHECK: parse-errors.mlir:[[@LINE-2]]:3: error: redefinition of value '%a'

// -----
module @m {
  %a = qt.input {init = "symbolic", name = "a", norm = 1.0} : tensor<2x0>
}
// CHECK: parse-errors.mlir:[[@LINE-2]]:72: error: invalid dimension

// -----
module @m {
  %a = qt.input {init = "symbolic", name = "a", norm = 1.0}
}
// CHECK: parse-errors.mlir:[[@LINE-2]]:60: error: expected ':' and the result type

// -----
module @m {
  %a = qt.input {init = "symbolic", name = "a", name = "b"} : tensor<2>
}
// CHECK: parse-errors.mlir:[[@LINE-2]]:49: error: duplicate attribute 'name'

// -----
module @m {
  %a = qt.input {init = "symbolic, name = "a"} : tensor<2>
}
// CHECK: parse-errors.mlir:[[@LINE-2]]:44: error: expected '}' to close the attributes

// -----
module @m {
  %a = qt.input {init = "symbolic", name = "a", norm = 1.0.0} : tensor<2>
}
// CHECK: parse-errors.mlir:[[@LINE-2]]:56: error: invalid number '1.0.0'

// -----
module @m {
  %a = qt.input {init = "symbolic", name = "a", norm = 1.0} : !qsvt.blob<2>
}
// CHECK: parse-errors.mlir:[[@LINE-2]]:63: error: unknown type '!qsvt.blob'

// -----
module @m {
  %a = qt.input {init = "symbolic", name = "a", norm = 1.0} : tensor<2>
// CHECK: parse-errors.mlir:[[@LINE+1]]:1: error: expected '}' to close the module
