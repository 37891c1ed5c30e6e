// Qubitization: U = H·SELECT·H is a Hermitian block encoding of
// A = (X_q0 + Z_q1)/2; the walk W = (2|0><0| - I)_anc · U has
// <0|W^d|0> = T_d(A). For d = 2: T_2(A) = 2A^2 - I = X_q0 Z_q1.
OPENQASM 3.0;
include "stdgates.inc";
gate lcu a, q0, q1 {
  h a;
  ctrl @ x a, q0;
  negctrl @ z a, q1;
  h a;
}
qubit[2] q;
qubit anc;
for uint k in [1:2] {
  lcu anc, q[0], q[1];
  z anc;
}
