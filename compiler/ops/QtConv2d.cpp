//===- QtConv2d.cpp - qt.conv2d: a 2-D convolution ------------------------===//
#include "Common.h"

#include "qsvtc/ops/QtOps.h"

namespace qsvtc::ops::qt {

int64_t convStride(const ir::Operation &conv) {
  return conv.hasAttr("stride") ? conv.getAttr("stride").getInt() : 1;
}

int64_t convPadding(const ir::Operation &conv) {
  return conv.hasAttr("padding") ? conv.getAttr("padding").getInt() : 0;
}

ir::OpDefinition Conv2d::definition() const {
  return {name,
          "2-D convolution",
          2,
          2,
          true,
          {{"stride", AttrKind::Int, false}, {"padding", AttrKind::Int, false}},
          [](const ir::Operation &op) -> std::optional<ir::Type> {
            const ir::Type &x = tensorOperand(op, 0), &w = tensorOperand(op, 1);
            if (x.rank() != 3 || w.rank() != 4)
              fail("conv2d needs an input [C, H, W] and a kernel [Cout, C, KH, KW], got " +
                   x.str() + " and " + w.str());
            if (x.shape[0] != w.shape[1])
              fail("input channels " + std::to_string(x.shape[0]) + " differ from the kernel's " +
                   std::to_string(w.shape[1]));
            int64_t stride = convStride(op);
            int64_t padding = convPadding(op);
            if (stride < 1 || padding < 0)
              fail("stride must be >= 1 and padding >= 0");
            int64_t h = (x.shape[1] + 2 * padding - w.shape[2]) / stride + 1;
            int64_t wd = (x.shape[2] + 2 * padding - w.shape[3]) / stride + 1;
            if (h < 1 || wd < 1 || x.shape[1] + 2 * padding < w.shape[2] ||
                x.shape[2] + 2 * padding < w.shape[3])
              fail("the kernel is larger than the padded input");
            return ir::Type::tensor({w.shape[0], h, wd});
          }};
}

/// (Unreached today: its rank-3 and rank-4 operands are refused first.)
Eigen::MatrixXd Conv2d::reference(const ir::Operation &op, const OperandValue &) const {
  notInReference(op, "'" + op.getName() + "'");
}

} // namespace qsvtc::ops::qt
