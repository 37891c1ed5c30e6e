// The verifier: each op's rule, with the location of the offending op.
// RUN: not qsvt-opt %s --split-input-file 2>&1 | FileCheck %s

module @m {
  %a = qt.input {init = "symbolic", name = "a", norm = 1.0} : tensor<2x3>
  %b = qt.matmul %a, %a : tensor<2x3>
}
// CHECK: verify-errors.mlir:[[@LINE-2]]:8: error: 'qt.matmul' op (result tensor<2x3>): inner dimensions differ: tensor<2x3> @ tensor<2x3>

// -----
module @m {
  %a = qt.input {init = "symbolic", name = "a", norm = 1.0} : tensor<2x3>
  %b = qt.transpose %a : tensor<2x3>
}
// CHECK: verify-errors.mlir:[[@LINE-2]]:8: error: 'qt.transpose' op (result tensor<2x3>): result type should be tensor<3x2>

// -----
module @m {
  %a = qt.input {init = "random", name = "a"} : tensor<2>
}
// CHECK: verify-errors.mlir:[[@LINE-2]]:8: error: 'qt.input' op (result tensor<2>): init = "random" needs attribute 'seed'

// -----
module @m {
  %a = qt.weight {init = "inline", name = "a", values = [1.0, 2.0]} : tensor<3>
}
// CHECK: error: 'qt.weight' op (result tensor<3>): 'values' has 2 entries but the type tensor<3> has 3

// -----
module @m {
  %a = qt.input {init = "symbolic", name = "a", norm = 1.0, color = "red"} : tensor<2>
}
// CHECK: error: 'qt.input' op (result tensor<2>): unknown attribute 'color'

// -----
module @m {
  %a = qt.input {init = "symbolic", name = 3, norm = 1.0} : tensor<2>
}
// CHECK: error: 'qt.input' op (result tensor<2>): attribute 'name' must be a string, got 3

// -----
module @m {
  %a = qt.input {init = "symbolic", name = "a", norm = 1.0} : tensor<2>
  qt.output %a {epsilon = 2.0}
}
// CHECK: verify-errors.mlir:[[@LINE-2]]:3: error: 'qt.output' op: epsilon must be in (0, 1), got 2.0

// -----
module @m {
  %a = qt.input {init = "symbolic", name = "a", norm = 1.0} : tensor<2>
  %b = qt.scale %a : tensor<2>
}
// CHECK: error: 'qt.scale' op (result tensor<2>): requires attribute 'factor'

// -----
module @m {
  %a = qt.input {init = "symbolic", name = "a", norm = 1.0} : tensor<2>
  %b = qt.add %a : tensor<2>
}
// CHECK: error: 'qt.add' op (result tensor<2>): expects 2 operand(s), got 1

// -----
module @m {
  %w = qsvt.lcu {kind = "pauli", source = "W"} : !qsvt.block<4x4, alpha = 1.5, anc = 2>
  %m = qsvt.mul %w, %w : !qsvt.block<4x4, alpha = 1.5, anc = 4>
}
// CHECK: error: 'qsvt.mul' op (result !qsvt.block<4x4, alpha = 1.5, anc = 4>): result type should be !qsvt.block<4x4, alpha = 2.25, anc = 4>

// -----
module @m {
  %w = qsvt.lcu {kind = "pauli", source = "W"} : !qsvt.block<4x4, alpha = 1.0, anc = 2>
  %s = qsvt.add %w, %w {coeffs = [1.0]} : !qsvt.block<4x4, alpha = 1.0, anc = 3>
}
// CHECK: error: 'qsvt.add' op (result !qsvt.block<4x4, alpha = 1.0, anc = 3>): 'coeffs' has 1 entries for 2 operands

// -----
module @m {
  %x = qt.input {init = "symbolic", name = "x", norm = 1.0} : tensor<2x3>
  %c = qsvt.cast %x : !qsvt.block<3x2, alpha = 1.0, anc = 0>
}
// CHECK: error: 'qsvt.cast' op (result !qsvt.block<3x2, alpha = 1.0, anc = 0>): tensor<2x3> is not encoded by !qsvt.block<3x2, alpha = 1.0, anc = 0>

// -----
module @m {
  %w = qsvt.lcu {kind = "pauli", source = "W"} : !qsvt.block<4x2, alpha = 1.0, anc = 2>
  %p = qsvt.poly %w {domain = [-1.0, 1.0], epsilon = 1e-3, fn = "exp"} : !qsvt.block<4x2, alpha = 1.0, anc = 3>
  %q = qsvt.poly %w {domain = [0.5, 1.0], epsilon = 1e-3, fn = "inverse"} : !qsvt.block<2x4, alpha = 1.0, anc = 3>
}
// QSVT keeps the operand's shape, 1/x too (the lowering takes its adjoint).
// CHECK: error: 'qsvt.poly' op (result !qsvt.block<2x4, alpha = 1.0, anc = 3>): result shape should be 4x2, got 2x4

// -----
module @m {
  %w = qsvt.lcu {kind = "pauli", source = "W"} : !qsvt.block<4x4, alpha = 1.0, anc = 2>
  %p = qsvt.poly %w {domain = [-1.0, 2.0], epsilon = 1e-3, fn = "exp"} : !qsvt.block<4x4, alpha = 1.0, anc = 3>
}
// CHECK: error: 'qsvt.poly' op (result !qsvt.block<4x4, alpha = 1.0, anc = 3>): 'domain' must be increasing and inside [-1, 1]

// -----
module @m {
  %w = qsvt.lcu {kind = "magic", source = "W"} : !qsvt.block<4x4, alpha = 1.0, anc = 2>
}
// CHECK: error: 'qsvt.lcu' op (result !qsvt.block<4x4, alpha = 1.0, anc = 2>): encoding kind 'magic' is not one of: pauli, dense, amplitude, opaque, uniform, centering, columns, conv2d

// -----
module @m {
  %x = qsvt.prepare {source = "X"} : !qsvt.state<4, alpha = 1.0, anc = 0>
  %a = qsvt.amplify %x : !qsvt.state<4, alpha = 2.0, anc = 0>
}
// CHECK: error: 'qsvt.amplify' op (result !qsvt.state<4, alpha = 2.0, anc = 0>): amplification cannot increase alpha
