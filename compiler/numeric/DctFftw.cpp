//===- DctFftw.cpp - Double DCT-I through FFTW ----------------------------===//
//
// The double fast path of Chebyshev interpolation: FFTW's REDFT00. FFTW's
// planner is neither cheap (it builds trigonometric tables) nor thread-safe,
// while executing a finished plan on new arrays is both cheap and
// thread-safe. So plans are made once per length with FFTW_ESTIMATE (which
// never touches the arrays and takes no measurable time to decide), kept in
// a small cache under a mutex, and executed outside the lock on a private
// fftw_malloc buffer (same alignment as the planning buffer, as
// fftw_execute_r2r requires). FFTW's default REDFT00 algorithm pads to a
// real DFT of size 2n, which is accurate; FFTW abandoned the cheaper
// FFTPACK-style variant because it loses digits at large n.
//
//===----------------------------------------------------------------------===//
#include "Dct.h"
#include "qsvtc/numeric/FftwLock.h"

#include <fftw3.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <stdexcept>

namespace qsvtc::numeric {

std::mutex &fftwPlannerMutex() {
  static std::mutex mu;
  return mu;
}

} // namespace qsvtc::numeric

namespace qsvtc::numeric::detail {

namespace {

class Dct1Plan {
public:
  explicit Dct1Plan(std::size_t size) {
    double *buf = fftw_alloc_real(size);
    if (!buf)
      throw std::bad_alloc();
    plan = fftw_plan_r2r_1d(static_cast<int>(size), buf, buf, FFTW_REDFT00, FFTW_ESTIMATE);
    fftw_free(buf);
    if (!plan)
      throw std::runtime_error("FFTW could not plan a DCT-I");
  }
  ~Dct1Plan() {
    std::lock_guard<std::mutex> lock(fftwPlannerMutex());
    fftw_destroy_plan(plan);
  }
  Dct1Plan(const Dct1Plan &) = delete;
  Dct1Plan &operator=(const Dct1Plan &) = delete;

  void execute(double *inPlace) const { fftw_execute_r2r(plan, inPlace, inPlace); }

private:
  fftw_plan plan;
};

std::shared_ptr<const Dct1Plan> planFor(std::size_t size) {
  // One length per degree in use: a compile or a batch of small solves
  // meets hundreds (planning took 12% of a degree-<=100 solve when only 32
  // were kept). Past 1024 plans or 2^24 points in all (FFTW's tables for
  // them, ~256 MB), drop them all. Plans still in use elsewhere stay alive
  // through their shared_ptr; the dropped ones are destroyed after the
  // lock is released, since their destructor takes the lock.
  constexpr std::size_t kMaxPlans = 1024, kMaxPoints = std::size_t(1) << 24;
  static std::size_t points = 0;
  // Construct the mutex before the cache so that it outlives the cache's
  // destruction at exit (which takes the lock in ~Dct1Plan).
  std::mutex &mu = fftwPlannerMutex();
  static std::map<std::size_t, std::shared_ptr<const Dct1Plan>> cache;
  std::map<std::size_t, std::shared_ptr<const Dct1Plan>> dropped;
  std::shared_ptr<const Dct1Plan> plan;
  {
    std::lock_guard<std::mutex> lock(mu);
    auto it = cache.find(size);
    if (it != cache.end())
      return it->second;
    if (cache.size() >= kMaxPlans || points + size > kMaxPoints) {
      dropped.swap(cache);
      points = 0;
    }
    plan = std::make_shared<const Dct1Plan>(size);
    cache.emplace(size, plan);
    points += size;
  }
  return plan;
}

} // namespace

std::vector<double> dct1(const std::vector<double> &x) {
  if (x.size() < 2)
    throw std::invalid_argument("dct1: need at least 2 values");
  std::shared_ptr<const Dct1Plan> plan = planFor(x.size());
  std::unique_ptr<double, void (*)(void *)> buf(fftw_alloc_real(x.size()), fftw_free);
  if (!buf)
    throw std::bad_alloc();
  std::copy(x.begin(), x.end(), buf.get());
  plan->execute(buf.get());
  return std::vector<double>(buf.get(), buf.get() + x.size());
}

} // namespace qsvtc::numeric::detail
