// Prepares (cos 0.5 |0> + e^{0.6i} sin 0.5 |1>) up to a global phase on d,
// and leaves the ancilla in |0> after an uncomputed excursion.
OPENQASM 3.0;
include "stdgates.inc";
qubit anc;
qubit d;
ry(1.0) d;
rz(0.6) d;
h anc;
cz anc, d;
cz anc, d;
h anc;
