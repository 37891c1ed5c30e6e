OPENQASM 3.0;
include "stdgates.inc";
gate a x0 {
  b x0;
}
gate b x0 {
  a x0;
}
qubit q;
a q;
