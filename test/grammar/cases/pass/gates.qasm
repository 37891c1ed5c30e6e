OPENQASM 3.0;
include "stdgates.inc";
// gate definitions with and without parameters, gphase inside and outside
gate my_rot(theta, phi) a, b {
  rz(theta) a;
  ry(-phi / 2) b;
  cx a, b;
  gphase(-theta / 2);
}
gate bare a { h a; gphase(3.1415926535897931); }
gate empty q {}
qubit[2] q;
my_rot(0.25, pi) q[0], q[1];
inv @ my_rot(1e-5, -2.0) q[1], q[0];
ctrl @ bare q[0], q[1];
gphase(pi / 4);
ctrl @ gphase(0.5) q[0];
