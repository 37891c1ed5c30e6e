OPENQASM 3.0;
include "stdgates.inc";
gate leaf a0, a1 {
  ry(0.3) a0;
  cx a0, a1;
  ry(0.7) a1;
}
gate pair a0, a1, a2 {
  leaf a0, a1;
  leaf a0, a2;
}
qubit q;
qubit[2] anc;
pair q, anc[0], anc[1];
