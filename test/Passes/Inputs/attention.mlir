module @attention {
  %Q = qt.input {init = "symbolic", name = "Q", norm = 1.0} : tensor<8x4>
  %K = qt.input {init = "symbolic", name = "K", norm = 1.0} : tensor<8x4>
  %V = qt.input {init = "symbolic", name = "V", norm = 1.0} : tensor<8x4>
  %A = qt.attention %Q, %K, %V {heads = 2} : tensor<8x4>
  qt.output %A {epsilon = 0.01}
}
