// Symbolic 4x4 scores with alpha 4: lower-softmax takes the diagonal path.
module @softmax_wide {
  %Q = qt.input {init = "symbolic", name = "Q", norm = 4.0} : tensor<4x4>
  %S = qt.softmax %Q {axis = 1} : tensor<4x4>
  qt.output %S {epsilon = 0.01}
}
