OPENQASM 3.0;
qubit q;
ctrl @ @ x q;
gate 2bad a { h a; }
