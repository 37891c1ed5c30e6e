// lower-activation and lower-matfn: element-wise functions of power-of-2
// shapes are QSVT on a diagonal encoding of the entries (GELU as x normcdf(x),
// sigmoid directly on the all-ones column); exp, and other shapes, are
// Hadamard-power polynomials of the entries (elementwise = true); matrix
// functions are QSVT polynomials of the singular values.
// RUN: qsvt-opt %s --lower-to-qsvt | FileCheck %s
// RUN: not qsvt-opt %S/Inputs/elementwise-inverse.mlir --lower-to-qsvt 2>&1 | FileCheck %s --check-prefix=INV
// INV: elementwise-inverse.mlir:3:8: error: element-wise inverse cannot be lowered: the operand's entries are not bounded away from 0 (use 'matrix inverse(A, kappa = ...)' for the matrix function)
// RUN: not qsvt-opt %S/Inputs/no-kappa.mlir --lower-to-qsvt 2>&1 | FileCheck %s --check-prefix=KAPPA
// KAPPA: no-kappa.mlir:3:8: error: 'matrix inverse' needs kappa = (a bound on alpha / smallest singular value) to be lowered

module @functions {
  %H = qt.weight {init = "symbolic", name = "H", norm = 2.0} : tensor<4x4>
  %g = qt.elementwise %H {fn = "gelu"} : tensor<4x4>
  %s = qt.elementwise %H {fn = "sigmoid"} : tensor<4x4>
  %x = qt.elementwise %H {fn = "exp"} : tensor<4x4>
  %R = qt.weight {init = "symbolic", name = "R", norm = 1.0} : tensor<3x4>
  %r = qt.elementwise %R {fn = "gelu"} : tensor<3x4>
  %t = qt.elementwise %R {fn = "tanh"} : tensor<3x4>
  %e = qt.matfn %H {fn = "exp"} : tensor<4x4>
  %i = qt.matfn %H {fn = "inverse", kappa = 10.0} : tensor<4x4>
  qt.output %g {epsilon = 0.01}
  qt.output %s {epsilon = 0.01}
  qt.output %x {epsilon = 0.01}
  qt.output %r {epsilon = 0.01}
  qt.output %t {epsilon = 0.01}
  qt.output %e {epsilon = 0.01}
  qt.output %i {epsilon = 0.01}
}
// CHECK: [[AMP:%[0-9]+]] = qsvt.poly %H {domain = [-1.0, 1.0], epsilon = 1.0, fn = "amplify"}
// CHECK-NEXT: [[VEC:%[0-9]+]] = qsvt.vec [[AMP]] : !qsvt.block<16x1, alpha = 2.0, anc = 5>
// CHECK-NEXT: [[DIAG:%[0-9]+]] = qsvt.diag_from_state [[VEC]] : !qsvt.block<16x16, alpha = 2.0, anc = 9>
// CHECK-NEXT: [[GATE:%[0-9]+]] = qsvt.poly [[DIAG]] {domain = [-1.0, 1.0], epsilon = 1.0, fn = "normcdf"}
// CHECK-NEXT: [[PROD:%[0-9]+]] = qsvt.mul [[GATE]], [[VEC]] : !qsvt.block<16x1
// CHECK-NEXT: %g = qsvt.unvec [[PROD]] {cols = 4, rows = 4} : !qsvt.block<4x4
// CHECK: [[SVEC:%[0-9]+]] = qsvt.vec
// CHECK-NEXT: [[SDIAG:%[0-9]+]] = qsvt.diag_from_state [[SVEC]]
// CHECK-NEXT: [[SIG:%[0-9]+]] = qsvt.poly [[SDIAG]] {domain = [-1.0, 1.0], epsilon = 1.0, fn = "sigmoid"}
// CHECK-NEXT: [[ONES:%[0-9]+]] = qsvt.lcu {kind = "uniform", source = ""} : !qsvt.block<16x1, alpha = 4.0, anc = 0>
// CHECK-NEXT: [[SPROD:%[0-9]+]] = qsvt.mul [[SIG]], [[ONES]]
// CHECK-NEXT: %s = qsvt.unvec [[SPROD]] {cols = 4, rows = 4}
// CHECK: %x = qsvt.poly %H {domain = [-1.0, 1.0], elementwise = true, epsilon = 1.0, fn = "exp", param = 0.0}
// A 3 x 4 matrix: on the diagonal of its 12 entries too; tanh(0) of the
// padding stays in the padded rows, which outputs and QSVT project away.
// CHECK: [[RVEC:%[0-9]+]] = qsvt.vec {{%[0-9]+}} : !qsvt.block<12x1
// CHECK: %r = qsvt.unvec {{%[0-9]+}} {cols = 4, rows = 3} : !qsvt.block<3x4
// CHECK: [[TDIAG:%[0-9]+]] = qsvt.diag_from_state {{%[0-9]+}} : !qsvt.block<12x12
// CHECK: {{%[0-9]+}} = qsvt.poly {{%[0-9]+}} {domain = [-1.0, 1.0], epsilon = 1.0, fn = "tanh"}
// CHECK: %t = qsvt.unvec {{%[0-9]+}} {cols = 4, rows = 3} : !qsvt.block<3x4
// CHECK: %e = qsvt.poly %H {domain = [-1.0, 1.0], epsilon = 1.0, fn = "exp"}
// The gap: alpha / kappa = 2 / 10; the pseudo-inverse is the adjoint of
// QSVT's U p(S) V^T.
// CHECK: [[ODD:%[0-9]+]] = qsvt.poly %H {domain = [-1.0, 1.0], epsilon = 1.0, fn = "inverse", param = 0.2}
// CHECK-NEXT: %i = qsvt.adjoint [[ODD]]
