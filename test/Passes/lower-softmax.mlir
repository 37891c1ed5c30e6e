// lower-softmax: exp of the entries (Hadamard powers), row sums, their
// diagonal, QSVT 1/x, the product, and amplification back to |S| <= sqrt(R)
// (rows of norm <= 1). A region for the error budget: softmax is
// 1/2-Lipschitz per row.
// RUN: qsvt-opt %s --lower-linear --lower-softmax | FileCheck %s

module @softmax {
  %Q = qt.input {init = "symbolic", name = "Q", norm = 1.0} : tensor<4x2>
  %S = qt.softmax %Q {axis = 1} : tensor<4x2>
  qt.output %S {epsilon = 0.01}
}
// CHECK:      [[E:%[0-9]+]] = qsvt.poly %Q {domain = [-1.0, 1.0], elementwise = true, epsilon = 1.0, fn = "softmax-exp", region_entry = 0} : !qsvt.block<4x2
// CHECK-NEXT: [[ONES:%[0-9]+]] = qsvt.lcu {kind = "uniform", source = ""} : !qsvt.block<2x1, alpha = 1.4142135623730951, anc = 0>
// CHECK-NEXT: [[Z:%[0-9]+]] = qsvt.mul [[E]], [[ONES]] : !qsvt.block<4x1
// CHECK-NEXT: [[D:%[0-9]+]] = qsvt.diag_from_state [[Z]] : !qsvt.block<4x4
// CHECK-NEXT: [[INV:%[0-9]+]] = qsvt.poly [[D]] {domain = [-1.0, 1.0], epsilon = 1.0, fn = "inverse"} : !qsvt.block<4x4
// CHECK-NEXT: [[P:%[0-9]+]] = qsvt.mul [[INV]], [[E]] : !qsvt.block<4x2
// 4 x 2 inside 4 x 4: the columns >= 2 are projected away before QSVT.
// CHECK-NEXT: [[I2:%[0-9]+]] = qsvt.lcu {kind = "columns", offset = 0, source = ""} : !qsvt.block<2x2
// CHECK-NEXT: [[PP:%[0-9]+]] = qsvt.mul [[P]], [[I2]] {zero_padding = true} : !qsvt.block<4x2
// CHECK-NEXT: %S = qsvt.poly [[PP]] {domain = [-1.0, 1.0], epsilon = 1.0, fn = "amplify", lipschitz = 0.5, param = 2.0, row_norm = 1.0} : !qsvt.block<4x2

// Symbolic scores whose alpha exceeds 2 (here 4): the exponentials are QSVT
// of e^{x - a} on the diagonal of their entries, amplified to their bound.
// RUN: qsvt-opt %S/Inputs/softmax-wide.mlir --lower-linear --lower-softmax | FileCheck %s --check-prefix=WIDE
// WIDE:      [[V:%[0-9]+]] = qsvt.vec %Q {region_entry = 0} : !qsvt.block<16x1, alpha = 8.0
// WIDE-NEXT: [[D:%[0-9]+]] = qsvt.diag_from_state [[V]] : !qsvt.block<16x16
// WIDE-NEXT: [[A:%[0-9]+]] = qsvt.poly [[D]] {domain = [-1.0, 1.0], epsilon = 1.0, fn = "amplify"}
// WIDE-NEXT: [[X:%[0-9]+]] = qsvt.poly [[A]] {domain = [-1.0, 1.0], epsilon = 1.0, fn = "softmax-exp"} : !qsvt.block<16x16
// WIDE-NEXT: [[ONES:%[0-9]+]] = qsvt.lcu {kind = "uniform", source = ""} : !qsvt.block<16x1
// WIDE-NEXT: [[W:%[0-9]+]] = qsvt.mul [[X]], [[ONES]] : !qsvt.block<16x1
// WIDE-NEXT: [[E:%[0-9]+]] = qsvt.unvec [[W]] {cols = 4, rows = 4} : !qsvt.block<4x4
// WIDE-NEXT: qsvt.lcu {kind = "uniform", source = ""} : !qsvt.block<4x1

// Attention with two heads splits the columns and sums the heads back.
// RUN: qsvt-opt %S/Inputs/attention.mlir --lower-to-qsvt | FileCheck %s --check-prefix=HEADS
// HEADS: qsvt.lcu {kind = "columns", offset = 0, source = ""} : !qsvt.block<4x2
// HEADS: fn = "softmax-exp"
// HEADS: qsvt.lcu {kind = "columns", offset = 2, source = ""} : !qsvt.block<4x2
// HEADS: fn = "softmax-exp"
// HEADS: qsvt.add {{%[0-9]+}}, {{%[0-9]+}} {coeffs = [1.0, 1.0]} : !qsvt.block<8x4
