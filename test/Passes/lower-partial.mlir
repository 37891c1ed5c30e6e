// A lowering pass only fires where its operands are already encoded: alone,
// lower-softmax leaves this module as it is (its input is still a qt
// tensor); after lower-linear it lowers the softmax, and the remaining qt
// user (the output) sees a qsvt.cast of the block until it is lowered too.
// RUN: qsvt-opt %s --lower-softmax | FileCheck %s --check-prefix=ALONE
// RUN: qsvt-opt %s --pass-pipeline=lower-linear,lower-softmax | FileCheck %s --check-prefix=BOTH
// RUN: qsvt-opt %s --lower-to-qsvt | FileCheck %s --check-prefix=ALL

module @partial {
  %X = qt.input {init = "symbolic", name = "X", norm = 1.0} : tensor<4x4>
  %A = qt.softmax %X {axis = 1} : tensor<4x4>
  %G = qt.elementwise %A {fn = "gelu"} : tensor<4x4>
  qt.output %G {epsilon = 0.01}
}
// ALONE: %A = qt.softmax %X {axis = 1} : tensor<4x4>
// BOTH: %X = qsvt.lcu
// BOTH: qsvt.poly {{.*}}fn = "softmax-exp"
// BOTH: %A = qsvt.poly {{.*}}fn = "amplify"
// BOTH-NEXT: [[CAST:%[0-9]+]] = qsvt.cast %A : tensor<4x4>
// BOTH-NEXT: %G = qt.elementwise [[CAST]] {fn = "gelu"}
// ALL-NOT: qt.
// ALL-NOT: qsvt.cast
// Element-wise functions amplify their operand first (the identity unless
// the data's norm is known).
// ALL: [[AMP:%[0-9]+]] = qsvt.poly %A {{{.*}}fn = "amplify"{{.*}}}
// ALL-NEXT: [[VEC:%[0-9]+]] = qsvt.vec [[AMP]]
// ALL: qsvt.poly {{%[0-9]+}} {{{.*}}fn = "normcdf"}
// ALL: %G = qsvt.unvec
// ALL: qsvt.output %G
