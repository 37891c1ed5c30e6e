// canonicalize folds scales and double transposes and drops what it folded.
// RUN: qsvt-opt %s --canonicalize | FileCheck %s

module @canon {
  %x = qt.input {init = "symbolic", name = "x", norm = 1.0} : tensor<2x3>
  %a = qt.scale %x {factor = 2.0} : tensor<2x3>
  %b = qt.scale %a {factor = 0.25} : tensor<2x3>
  %c = qt.scale %x {factor = 1.0} : tensor<2x3>
  %t = qt.transpose %c : tensor<3x2>
  %tt = qt.transpose %t : tensor<2x3>
  %s = qt.add %b, %tt : tensor<2x3>
  qt.output %s {epsilon = 0.01}
}
// CHECK-LABEL: module @canon
// CHECK-NEXT:   %x = qt.input
// CHECK-NEXT:   %b = qt.scale %x {factor = 0.5} : tensor<2x3>
// CHECK-NEXT:   %s = qt.add %b, %x : tensor<2x3>
// CHECK-NEXT:   qt.output %s {epsilon = 0.01}
// CHECK-NEXT: {{^}}}
