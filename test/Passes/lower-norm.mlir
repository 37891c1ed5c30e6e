// lower-norm: layer norm = centering, amplification (identity unless the
// data's norm is known), squares, row sums + C eps, QSVT 1/sqrt(x) on their
// diagonal, rescale by sqrt(C) gamma, amplify, + beta J. The construction
// is a region for the error budget: the op reading X marks its entry, the
// last amplification carries layer norm's Lipschitz constant
// |gamma| / sqrt(eps) = 2 / 0.1, and the rows' norm sqrt(C) |gamma|.
// RUN: qsvt-opt %s --lower-linear --lower-norm | FileCheck %s

module @norm {
  %X = qt.input {init = "symbolic", name = "X", norm = 1.0} : tensor<2x4>
  %L = qt.layernorm %X {axis = 1, beta = 0.5, epsilon = 0.01, gamma = 2.0} : tensor<2x4>
  %R = qt.rmsnorm %X {axis = 1} : tensor<2x4>
  qt.output %L {epsilon = 0.01}
  qt.output %R {epsilon = 0.01}
}
// CHECK:      [[C:%[0-9]+]] = qsvt.lcu {kind = "centering", source = ""} : !qsvt.block<4x4, alpha = 1.0, anc = 1>
// CHECK-NEXT: [[XC:%[0-9]+]] = qsvt.mul %X, [[C]] {region_entry = 0}
// X is 2 x 4 inside 4 x 4: QSVT's operand has its padded rows projected
// away (a product with the 2 x 2 identity).
// CHECK-NEXT: [[I2:%[0-9]+]] = qsvt.lcu {kind = "columns", offset = 0, source = ""} : !qsvt.block<2x2
// CHECK-NEXT: [[XP:%[0-9]+]] = qsvt.mul [[I2]], [[XC]] {zero_padding = true}
// CHECK-NEXT: [[XA:%[0-9]+]] = qsvt.poly [[XP]] {{{.*}}fn = "amplify"}
// CHECK-NEXT: [[SQ:%[0-9]+]] = qsvt.hadamard [[XA]], [[XA]]
// CHECK:      qsvt.add {{%[0-9]+}}, {{%[0-9]+}} {coeffs = [1.0, 0.04]}
// CHECK-NEXT: [[D:%[0-9]+]] = qsvt.diag_from_state
// CHECK-NEXT: [[IS:%[0-9]+]] = qsvt.poly [[D]] {{{.*}}fn = "invsqrt"}
// CHECK-NEXT: [[N:%[0-9]+]] = qsvt.mul [[IS]], [[XA]]
// CHECK-NEXT: [[Y:%[0-9]+]] = qsvt.add [[N]] {coeffs = [4.0]}
// CHECK:      {{%[0-9]+}} = qsvt.mul {{%[0-9]+}}, [[Y]] {zero_padding = true}
// CHECK-NEXT: [[A:%[0-9]+]] = qsvt.poly {{%[0-9]+}} {{{.*}}fn = "amplify", lipschitz = 20.0, param = 5.656854249492381, row_norm = 4.0}
// CHECK:      %L = qsvt.add [[A]], {{%[0-9]+}} {coeffs = [1.0, 0.5]}
// RMS norm: no centering, eps defaults to 1e-5.
// CHECK:      {{%[0-9]+}} = qsvt.mul {{%[0-9]+}}, %X {region_entry = 1, zero_padding = true}
// CHECK-NEXT: [[XA2:%[0-9]+]] = qsvt.poly {{%[0-9]+}} {{{.*}}fn = "amplify"}
// CHECK-NEXT: [[SQ2:%[0-9]+]] = qsvt.hadamard [[XA2]], [[XA2]]
// CHECK:      qsvt.add {{%[0-9]+}}, {{%[0-9]+}} {coeffs = [1.0, 4e-05]}
// CHECK:      %R = qsvt.poly {{%[0-9]+}} {{{.*}}fn = "amplify", lipschitz = 316.2277660168379, param = 2.8284271247461903, row_norm = 2.0}
