// QSP with all phases zero: <0|W(x)^3|0> = T_3(x); at x = 0.5 that is -1.
// W(x) = exp(i arccos(x) X) = rx(-2 arccos(x)).
OPENQASM 3.0;
include "stdgates.inc";
const float x = 0.5;
qubit signal;
for uint k in [1:3] {
  rx(-2 * arccos(x)) signal;
}
