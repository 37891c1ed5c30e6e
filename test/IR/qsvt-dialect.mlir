// The qsvt dialect: every op parses, verifies, and prints back unchanged.
// RUN: qsvt-opt %s | FileCheck %s
// RUN: qsvt-opt %s -o %t.1.mlir
// RUN: qsvt-opt %t.1.mlir -o %t.2.mlir
// RUN: diff %t.1.mlir %t.2.mlir

module @qsvt_ops {
  %x = qsvt.prepare {norm = 1.0, source = "X"} : !qsvt.state<4, alpha = 1.0, anc = 0>
  %d = qsvt.diag_from_state %x : !qsvt.block<4x4, alpha = 1.0, anc = 2>
  %w = qsvt.lcu {kind = "pauli", source = "W"} : !qsvt.block<4x4, alpha = 1.5, anc = 2>
  %o = qsvt.lcu {kind = "opaque", source = "Big"} : !qsvt.block<4x4, alpha = 2.0, anc = 3>
  %u = qsvt.lcu {kind = "dense", source = "U"} : !qsvt.block<4x2, alpha = 1.0, anc = 1>
  %ones = qsvt.lcu {kind = "uniform", source = ""} : !qsvt.block<4x1, alpha = 2.0, anc = 0>
  %ctr = qsvt.lcu {kind = "centering", source = ""} : !qsvt.block<4x4, alpha = 1.0, anc = 1>
  %sel = qsvt.lcu {kind = "columns", offset = 2, source = ""} : !qsvt.block<4x2, alpha = 1.0, anc = 1>
  %k = qsvt.lcu {input_shape = [1, 2, 2], kind = "conv2d", padding = 1, source = "K", stride = 1} : !qsvt.block<4x4, alpha = 3.0, anc = 4>
  %m = qsvt.mul %d, %w : !qsvt.block<4x4, alpha = 1.5, anc = 4>
  %s = qsvt.add %w, %o, %d {coeffs = [0.5, -1.0, 2.0]} : !qsvt.block<4x4, alpha = 4.75, anc = 5>
  %t = qsvt.tensor %w, %o : !qsvt.block<16x16, alpha = 3.0, anc = 5>
  %h = qsvt.hadamard %w, %w : !qsvt.block<4x4, alpha = 2.25, anc = 6>
  %r = qsvt.real_part %m : !qsvt.block<4x4, alpha = 1.5, anc = 5>
  %p = qsvt.poly %r {domain = [-1.0, 1.0], epsilon = 1e-06, fn = "exp", param = 2.0} : !qsvt.block<4x4, alpha = 1.0, anc = 7>
  %e = qsvt.poly %w {domain = [-1.0, 1.0], elementwise = true, epsilon = 1e-06, fn = "gelu", param = 1.5} : !qsvt.block<4x4, alpha = 1.0, anc = 9>
  %i = qsvt.poly %u {domain = [0.1, 1.0], epsilon = 1e-06, factor = 0.5, fn = "inverse", param = 0.1} : !qsvt.block<4x2, alpha = 20.0, anc = 3>
  %c = qsvt.cast %i : tensor<4x2>
  %cb = qsvt.cast %c : !qsvt.block<4x2, alpha = 20.0, anc = 3>
  %j = qsvt.adjoint %u : !qsvt.block<2x4, alpha = 1.0, anc = 1>
  %f = qsvt.phases %r {convention = "wx-symmetric", domain = [-1.0, 1.0], epsilon = 1e-06, fn = "exp", parity = 0, phases = [0.7853981633974483, 0.1, 0.7853981633974483]} : !qsvt.block<4x4, alpha = 1.0, anc = 7>
  %a = qsvt.amplify %x {rounds = 3} : !qsvt.state<4, alpha = 0.5, anc = 0>
  qsvt.output %f {epsilon = 0.001, name = "Y"}
}
// CHECK-LABEL: module @qsvt_ops
// CHECK: %s = qsvt.add %w, %o, %d {coeffs = [0.5, -1.0, 2.0]} : !qsvt.block<4x4, alpha = 4.75, anc = 5>
// CHECK: %p = qsvt.poly %r {domain = [-1.0, 1.0], epsilon = 1e-06, fn = "exp", param = 2.0}
// CHECK: qsvt.output %f {epsilon = 0.001, name = "Y"}
