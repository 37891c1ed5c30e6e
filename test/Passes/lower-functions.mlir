// lower-activation and lower-matfn: element-wise functions are Hadamard-power
// polynomials of the entries, matrix functions are QSVT polynomials; the
// two stay distinct (elementwise = true or not).
// RUN: qsvt-opt %s --lower-to-qsvt | FileCheck %s
// RUN: not qsvt-opt %S/Inputs/elementwise-inverse.mlir --lower-to-qsvt 2>&1 | FileCheck %s --check-prefix=INV
// INV: elementwise-inverse.mlir:3:8: error: element-wise inverse cannot be lowered: the operand's entries are not bounded away from 0 (use 'matrix inverse(A, kappa = ...)' for the matrix function)
// RUN: not qsvt-opt %S/Inputs/no-kappa.mlir --lower-to-qsvt 2>&1 | FileCheck %s --check-prefix=KAPPA
// KAPPA: no-kappa.mlir:3:8: error: 'matrix inverse' needs kappa = (a bound on alpha / smallest singular value) to be lowered

module @functions {
  %H = qt.weight {init = "symbolic", name = "H", norm = 2.0} : tensor<4x4>
  %g = qt.elementwise %H {fn = "gelu"} : tensor<4x4>
  %e = qt.matfn %H {fn = "exp"} : tensor<4x4>
  %i = qt.matfn %H {fn = "inverse", kappa = 10.0} : tensor<4x4>
  qt.output %g {epsilon = 0.01}
  qt.output %e {epsilon = 0.01}
  qt.output %i {epsilon = 0.01}
}
// CHECK: [[AMP:%[0-9]+]] = qsvt.poly %H {domain = [-1.0, 1.0], epsilon = 1.0, fn = "amplify"}
// CHECK-NEXT: %g = qsvt.poly [[AMP]] {domain = [-1.0, 1.0], elementwise = true, epsilon = 1.0, fn = "gelu"}
// CHECK: %e = qsvt.poly %H {domain = [-1.0, 1.0], epsilon = 1.0, fn = "exp"}
// The gap: alpha / kappa = 2 / 10.
// CHECK: %i = qsvt.poly %H {domain = [-1.0, 1.0], epsilon = 1.0, fn = "inverse", param = 0.2}
