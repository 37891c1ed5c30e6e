module @m {
  %H = qt.weight {init = "symbolic", name = "H", norm = 2.0} : tensor<4x4>
  %i = qt.matfn %H {fn = "inverse"} : tensor<4x4>
  qt.output %i {epsilon = 0.01}
}
