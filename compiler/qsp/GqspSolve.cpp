//===- GqspSolve.cpp - GQSP: completion, angles, certificate --------------===//
#include "qsvtc/qsp/Gqsp.h"

namespace qsvtc::qsp {

GqspResult solveGqsp(const std::vector<GqspComplex> &p, const GqspOptions &options) {
  GqspResult r;
  r.complement = gqspComplement(p, options, &r);
  if (options.progress)
    options.progress("angles: degree " + std::to_string(p.size() - 1));
  r.phases = gqspAngles(p, r.complement);
  if (options.certify) {
    if (options.progress)
      options.progress("certificate: multiplying the layers back in long double");
    r.certificate = certifyGqsp(r.phases, p, r.complement);
    r.certified = true;
  }
  return r;
}

} // namespace qsvtc::qsp
