OPENQASM 3.0;
gate g a {
  h a;
  x a;
qubit q;
g q;
