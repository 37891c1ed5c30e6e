// LCU block encoding of (X_q0 + Z_q1) / 2 with one ancilla:
// PREPARE = h, SELECT = ctrl @ x (ancilla |1>) and negctrl @ z (ancilla |0>).
OPENQASM 3.0;
include "stdgates.inc";
qubit[2] q;
qubit anc;
h anc;
ctrl @ x anc, q[0];
negctrl @ z anc, q[1];
h anc;
