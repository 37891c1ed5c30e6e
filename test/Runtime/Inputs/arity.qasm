OPENQASM 3.0;
include "stdgates.inc";
qubit[2] q;
ccx q[0], q[1];
