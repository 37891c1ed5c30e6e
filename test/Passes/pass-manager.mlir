// Pipelines run in the order given; --print-after-all / --print-after and
// --time-passes report on stderr; unknown passes are an error.
// RUN: qsvt-opt %s --canonicalize --dce --print-after-all -o %t.mlir 2>&1 | FileCheck %s --check-prefix=ALL
// ALL: // -----// IR Dump After canonicalize //----- //
// ALL: %dead = qt.matmul
// ALL: // -----// IR Dump After dce //----- //
// ALL-NOT: %dead
// ALL: qt.output

// RUN: qsvt-opt %s --pass-pipeline=canonicalize,dce --print-after=dce 2>&1 -o %t.mlir | FileCheck %s --check-prefix=AFTER
// AFTER-NOT: After canonicalize
// AFTER: // -----// IR Dump After dce //----- //

// RUN: qsvt-opt %s --dce --canonicalize --time-passes -o %t.mlir 2>&1 | FileCheck %s --check-prefix=TIME
// TIME: Pass execution timing report
// TIME: Total Execution Time: {{[0-9.]+}} seconds
// TIME: ----Wall Time----  ----Name----
// TIME-NEXT: {{[0-9.]+}} ({{ *[0-9.]+}}%)  dce
// TIME-NEXT: {{[0-9.]+}} ({{ *[0-9.]+}}%)  canonicalize
// TIME-NEXT: {{[0-9.]+}} ({{ *[0-9.]+}}%)  (verifier)
// TIME-NEXT: {{[0-9.]+}} (100.0%)  Total

// RUN: not qsvt-opt %s --pass-pipeline=canonicalize,frobnicate 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: qsvt-opt: error: unknown pass 'frobnicate' (passes: canonicalize, dce, lower-linear,
// RUN: not qsvt-opt %s --pass-pipeline=canonicalize,,dce 2>&1 | FileCheck %s --check-prefix=EMPTY
// EMPTY: qsvt-opt: error: empty pass name in pipeline 'canonicalize,,dce'

module @pm {
  %x = qt.input {init = "symbolic", name = "x", norm = 1.0} : tensor<2x2>
  %s = qt.scale %x {factor = 1.0} : tensor<2x2>
  %dead = qt.matmul %s, %s : tensor<2x2>
  qt.output %s {epsilon = 0.01}
}
