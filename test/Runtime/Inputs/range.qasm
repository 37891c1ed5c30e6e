OPENQASM 3.0;
include "stdgates.inc";
qubit[2] q;
for uint i in [0:2] {
  h q[i];
}
