module @m {
  %H = qt.weight {init = "symbolic", name = "H", norm = 2.0} : tensor<4x4>
  %i = qt.elementwise %H {fn = "inverse"} : tensor<4x4>
  qt.output %i {epsilon = 0.01}
}
