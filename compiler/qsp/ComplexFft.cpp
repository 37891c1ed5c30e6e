//===- ComplexFft.cpp - Cached complex FFTW plans -------------------------===//
#include "ComplexFft.h"

#include "qsvtc/numeric/FftwLock.h"
#include "qsvtc/numeric/Parallel.h"

#include <fftw3.h>

#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <stdexcept>
#include <utility>

namespace qsvtc::qsp::detail {

namespace {

struct Plan {
  fftw_plan plan = nullptr;
  Plan(std::size_t n, int sign) {
    fftw_complex *buf = fftw_alloc_complex(n);
    if (!buf)
      throw std::bad_alloc();
    plan = fftw_plan_dft_1d(static_cast<int>(n), buf, buf, sign, FFTW_ESTIMATE | FFTW_UNALIGNED);
    fftw_free(buf);
    if (!plan)
      throw std::runtime_error("FFTW could not plan a complex DFT");
  }
  ~Plan() { fftw_destroy_plan(plan); }
  Plan(const Plan &) = delete;
  Plan &operator=(const Plan &) = delete;
};

// Plans live until exit; callers use few lengths (powers of two and
// 5-smooth ones).
const Plan &planFor(std::size_t n, int sign) {
  std::lock_guard<std::mutex> lock(numeric::fftwPlannerMutex());
  static std::map<std::pair<std::size_t, int>, std::unique_ptr<Plan>> cache;
  auto &slot = cache[{n, sign}];
  if (!slot)
    slot = std::make_unique<Plan>(n, sign);
  return *slot;
}

void execute(std::vector<Cd> &x, int sign) {
  if (x.empty())
    throw std::invalid_argument("fft: empty input");
  auto *data = reinterpret_cast<fftw_complex *>(x.data());
  fftw_execute_dft(planFor(x.size(), sign).plan, data, data);
}

} // namespace

void fftForward(std::vector<Cd> &x) { execute(x, FFTW_FORWARD); }
void fftInverse(std::vector<Cd> &x) { execute(x, FFTW_BACKWARD); }

std::size_t powerOfTwoAtLeast(std::size_t n) {
  std::size_t p = 1;
  while (p < n)
    p <<= 1;
  return p;
}

void forEachInParallel(std::size_t count, std::size_t work,
                       const std::function<void(std::size_t)> &fn) {
  const unsigned workers = work >= (std::size_t(1) << 15) ? numeric::workerCount(count, 1) : 1;
  numeric::parallelChunks(count, workers, [&](std::size_t begin, std::size_t end, unsigned) {
    for (std::size_t i = begin; i < end; ++i)
      fn(i);
  });
}

} // namespace qsvtc::qsp::detail
