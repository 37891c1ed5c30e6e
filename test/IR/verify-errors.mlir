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

// -----
// Phase lists match the polynomial they implement (resources count them).
module @m {
  %w = qsvt.lcu {kind = "pauli", source = "W"} : !qsvt.block<4x4, alpha = 1.0, anc = 2>
  %f = qsvt.phases %w {convention = "wx-symmetric", domain = [-1.0, 1.0], epsilon = 1e-06, fn = "exp", parity = 0, coef = [0.5, 0.0, 0.25], phases = [0.1, 0.2]} : !qsvt.block<4x4, alpha = 1.0, anc = 3>
}
// CHECK: error: 'qsvt.phases' op (result !qsvt.block<4x4, alpha = 1.0, anc = 3>): 'phases' has 2 phases, but the even part of 'coef' has degree 2 and needs 3

// -----
module @m {
  %w = qsvt.lcu {kind = "pauli", source = "W"} : !qsvt.block<4x4, alpha = 1.0, anc = 2>
  %f = qsvt.phases %w {convention = "wx-symmetric", domain = [-1.0, 1.0], epsilon = 1e-06, fn = "exp", parity = 0, degree = 2, phases = [0.1, 0.2, 0.3, 0.2, 0.1]} : !qsvt.block<4x4, alpha = 1.0, anc = 3>
}
// CHECK: error: 'qsvt.phases' op (result !qsvt.block<4x4, alpha = 1.0, anc = 3>): 'phases' has 5 phases, more than degree + 1 = 3

// -----
module @m {
  %w = qsvt.lcu {kind = "pauli", source = "W"} : !qsvt.block<4x4, alpha = 1.0, anc = 2>
  %f = qsvt.phases %w {convention = "wx-symmetric", domain = [-1.0, 1.0], epsilon = 1e-06, fn = "exp", phases = [0.1, 0.2, 0.1]} : !qsvt.block<4x4, alpha = 1.0, anc = 3>
}
// CHECK: error: 'qsvt.phases' op (result !qsvt.block<4x4, alpha = 1.0, anc = 3>): a polynomial without 'parity' needs 'phases_odd' (its odd part's phases)

// -----
module @m {
  %w = qsvt.lcu {kind = "pauli", source = "W"} : !qsvt.block<4x4, alpha = 1.0, anc = 2>
  %f = qsvt.phases %w {convention = "wx-symmetric", domain = [-1.0, 1.0], epsilon = 1e-06, fn = "sign", parity = 1, phases = [0.1, 0.2, 0.1]} : !qsvt.block<4x4, alpha = 1.0, anc = 3>
}
// CHECK: error: 'qsvt.phases' op (result !qsvt.block<4x4, alpha = 1.0, anc = 3>): 'phases' has 3 phases: a sequence of degree 2, not of parity 1

// -----
// No NaN or infinity anywhere: not in attributes, lists or alphas.
module @m {
  %w = qsvt.lcu {kind = "pauli", source = "W"} : !qsvt.block<4x4, alpha = 1.0, anc = 2>
  %p = qsvt.poly %w {domain = [-1.0, 1.0], epsilon = 1e-06, fn = "exp", max_error = nan} : !qsvt.block<4x4, alpha = 1.0, anc = 3>
}
// CHECK: error: 'qsvt.poly' op (result !qsvt.block<4x4, alpha = 1.0, anc = 3>): attribute 'max_error' holds a non-finite number

// -----
module @m {
  %w = qsvt.lcu {kind = "pauli", source = "W"} : !qsvt.block<4x4, alpha = 1.0, anc = 2>
  %p = qsvt.poly %w {domain = [-1.0, 1.0], epsilon = 1e-06, fn = "exp", coef = [0.5, inf]} : !qsvt.block<4x4, alpha = 1.0, anc = 3>
}
// CHECK: error: 'qsvt.poly' op (result !qsvt.block<4x4, alpha = 1.0, anc = 3>): attribute 'coef' holds a non-finite number

// -----
module @m {
  %w = qsvt.lcu {kind = "pauli", source = "W"} : !qsvt.block<4x4, alpha = nan, anc = 2>
}
// CHECK: error: 'qsvt.lcu' op (result !qsvt.block<4x4, alpha = nan, anc = 2>): the result's alpha must be positive and finite

// -----
// Inline data fits under its alpha.
module @m {
  %u = qsvt.lcu {kind = "dense", source = "U", init = "inline", values = [3.0, 0.0, 0.0, 4.0]} : !qsvt.block<2x2, alpha = 1.0, anc = 1>
}
// CHECK: error: 'qsvt.lcu' op (result !qsvt.block<2x2, alpha = 1.0, anc = 1>): alpha 1 is below 5, the Frobenius norm of its values (the dense oracle's normalisation)

// -----
module @m {
  %u = qsvt.lcu {kind = "pauli", source = "U", init = "inline", values = [3.0, 0.0, 0.0, 4.0]} : !qsvt.block<2x2, alpha = 3.5, anc = 1>
}
// CHECK: error: 'qsvt.lcu' op (result !qsvt.block<2x2, alpha = 3.5, anc = 1>): alpha 3.5 is below 4, a lower bound of ||A||_2 for its values

// -----
// A fitted polynomial's type follows from its fit: QSVT of one parity has
// alpha = factor / scale and two more ancillas than its operand.
module @m {
  %w = qsvt.lcu {kind = "pauli", source = "W"} : !qsvt.block<4x4, alpha = 1.0, anc = 2>
  %p = qsvt.poly %w {coef = [0.0, 0.9], degree = 1, domain = [-1.0, 1.0], epsilon = 1e-06, factor = 1.0, fn = "sign", max_error = 0.0, parity = 1, scale = 0.5} : !qsvt.block<4x4, alpha = 1.0, anc = 4>
}
// CHECK: error: 'qsvt.poly' op (result !qsvt.block<4x4, alpha = 1.0, anc = 4>): result type should be !qsvt.block<4x4, alpha = 2.0, anc = 4>

// -----
// Element-wise: alpha = factor / scale (|m_0| sqrt(R C) + sum |m_j|); for
// p = 0.5 T_0 + 0.25 T_2 = 0.25 + 0.5 x^2 on a 2x2 block that is 0.5 + 0.5,
// and d a + (d - 1) n + ceil(log2(d + 1)) = 2 + 1 + 2 ancillas.
module @m {
  %w = qsvt.lcu {kind = "pauli", source = "W"} : !qsvt.block<2x2, alpha = 1.0, anc = 1>
  %p = qsvt.poly %w {coef = [0.5, 0.0, 0.25], degree = 2, domain = [-1.0, 1.0], elementwise = true, epsilon = 1e-06, factor = 1.0, fn = "gelu", max_error = 0.0, parity = 0, scale = 1.0} : !qsvt.block<2x2, alpha = 1.5, anc = 5>
}
// CHECK: error: 'qsvt.poly' op (result !qsvt.block<2x2, alpha = 1.5, anc = 5>): result type should be !qsvt.block<2x2, alpha = 1.0, anc = 5>
