OPENQASM 3.0;
include "stdgates.inc";
qubit[4] q;
bit[4] c;
for int i in [0:3] {
  h q[i];
}
for uint i in [0:2:3] { cx q[i], q[i + 1]; }
for int j in {0, 2, 3} x q[j];
int n = 0;
while (n < 3) { n += 1; }
c = measure q;
if (c[0] == 1) { reset q[0]; } else { x q[0]; }
