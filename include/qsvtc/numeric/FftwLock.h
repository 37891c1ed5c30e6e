//===- FftwLock.h - The one lock around FFTW's planner ---------*- C++ -*-===//
//
// FFTW's planner (plan creation and destruction) is not thread-safe;
// executing a plan is. Every FFTW plan qsvtc makes or destroys, in any
// component, takes this one process-wide lock (defined in DctFftw.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef QSVTC_NUMERIC_FFTWLOCK_H
#define QSVTC_NUMERIC_FFTWLOCK_H

#include <mutex>

namespace qsvtc::numeric {

std::mutex &fftwPlannerMutex();

} // namespace qsvtc::numeric

#endif // QSVTC_NUMERIC_FFTWLOCK_H
