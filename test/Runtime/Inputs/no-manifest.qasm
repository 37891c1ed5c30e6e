OPENQASM 3.0;
qubit q;
U(0.1, 0.2, 0.3) q;
