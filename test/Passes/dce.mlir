// dce removes unused results transitively; inputs and outputs stay.
// RUN: qsvt-opt %s --dce | FileCheck %s

module @dce {
  %x = qt.input {init = "symbolic", name = "x", norm = 1.0} : tensor<2x2>
  %unused_in = qt.input {init = "symbolic", name = "u", norm = 1.0} : tensor<2x2>
  %w = qt.weight {init = "symbolic", name = "w", norm = 1.0} : tensor<2x2>
  %dead1 = qt.matmul %x, %w : tensor<2x2>
  %dead2 = qt.elementwise %dead1 {fn = "gelu"} : tensor<2x2>
  %live = qt.elementwise %x {fn = "relu"} : tensor<2x2>
  qt.output %live {epsilon = 0.01}
}
// CHECK-LABEL: module @dce
// CHECK-NEXT:   %x = qt.input
// CHECK-NEXT:   %unused_in = qt.input
// CHECK-NEXT:   %live = qt.elementwise %x {fn = "relu"}
// CHECK-NEXT:   qt.output %live {epsilon = 0.01}
// CHECK-NEXT: {{^}}}
