OPENQASM 3.0;
include "stdgates.inc";
qubit q;
for uint i in [1:10000] {
  for uint j in [1:10000] {
    x q;
  }
}
