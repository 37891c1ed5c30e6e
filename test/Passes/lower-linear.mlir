// lower-linear: products, transposes, scales and sums become block-encoding
// algebra; alphas multiply along products and add along sums.
// RUN: qsvt-opt %s --lower-linear | FileCheck %s

module @linear {
  %X = qt.input {init = "symbolic", name = "X", norm = 2.0} : tensor<4x8>
  %W = qt.weight {init = "symbolic", name = "W", norm = 3.0} : tensor<8x8>
  %D = qt.weight {init = "inline", name = "D", values = [1.0, 0.0, 0.0, -1.0]} : tensor<2x2>
  %v = qt.input {init = "inline", name = "v", values = [3.0, 4.0]} : tensor<2>
  %P = qt.matmul %X, %W : tensor<4x8>
  %T = qt.transpose %P : tensor<8x4>
  %S = qt.scale %T {factor = -0.5} : tensor<8x4>
  %Dv = qt.matmul %D, %v : tensor<2>
  %R = qt.add %D, %D : tensor<2x2>
  qt.output %S {epsilon = 0.01}
  qt.output %Dv {epsilon = 0.01}
}
// CHECK-LABEL: module @linear
// CHECK-NEXT: %X = qsvt.lcu {init = "symbolic", kind = "amplitude", norm = 2.0, source = "X"} : !qsvt.block<4x8, alpha = 2.0, anc = 3>
// CHECK-NEXT: %W = qsvt.lcu {init = "symbolic", kind = "opaque", norm = 3.0, source = "W"} : !qsvt.block<8x8, alpha = 3.0, anc = 3>
// Z = diag(1, -1) is one Pauli string: alpha 1 beats ||D||_F = sqrt(2).
// CHECK-NEXT: %D = qsvt.lcu {init = "inline", kind = "pauli", source = "D", values = [1.0, 0.0, 0.0, -1.0]} : !qsvt.block<2x2, alpha = 1.0, anc = 0>
// CHECK-NEXT: %v = qsvt.lcu {init = "inline", kind = "amplitude", source = "v", values = [3.0, 4.0]} : !qsvt.block<2x1, alpha = 5.0, anc = 0>
// CHECK-NEXT: %P = qsvt.mul %X, %W : !qsvt.block<4x8, alpha = 6.0, anc = 6>
// CHECK-NEXT: %T = qsvt.adjoint %P : !qsvt.block<8x4, alpha = 6.0, anc = 6>
// CHECK-NEXT: %S = qsvt.add %T {coeffs = [-0.5]} : !qsvt.block<8x4, alpha = 3.0, anc = 6>
// CHECK-NEXT: %Dv = qsvt.mul %D, %v : !qsvt.block<2x1, alpha = 5.0, anc = 0>
// CHECK-NEXT: %R = qsvt.add %D, %D {coeffs = [1.0, 1.0]} : !qsvt.block<2x2, alpha = 2.0, anc = 1>
// S is 8 x 4 inside 8 x 8: times the 4 x 4 identity, whose product keeps
// its first 4 columns (a flag ancilla), so the padding is zero.
// CHECK-NEXT: [[I4:%[0-9]+]] = qsvt.lcu {kind = "columns", offset = 0, source = ""} : !qsvt.block<4x4, alpha = 1.0, anc = 0>
// CHECK-NEXT: [[SP:%[0-9]+]] = qsvt.mul %S, [[I4]] {zero_padding = true} : !qsvt.block<8x4, alpha = 3.0, anc = 7>
// CHECK-NEXT: qsvt.output [[SP]] {epsilon = 0.01}
// CHECK-NEXT: qsvt.output %Dv {epsilon = 0.01}
