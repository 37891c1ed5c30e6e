# Two-command entry points (README): `make demo` and `make check`.
# Both install the Debian packages the build needs first (idempotent).
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps configure build demo check check-asan bench fuzz-specs clean

all: build

deps:
	@bash scripts/install-deps.sh

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

configure: $(BUILD)/CMakeCache.txt

build: deps configure
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	@bash scripts/demo.sh $(BUILD)

check: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Same tests under AddressSanitizer + UndefinedBehaviorSanitizer, in their
# own build tree (benchmarks are skipped there: they measure the fast build).
# -O2 keeps assertions (no NDEBUG) and every sanitizer check, and runs the
# Eigen and multiprecision suites faster than -O1 (whose whole run took more
# than 2.5 h on 2 cores).
# ASan's fast unwinder stays on (full unwinding made every malloc 12x slower);
# test/lsan.supp says why its one suppression loses nothing of ours.
check-asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DQSVTC_SANITIZE=ON \
	      -DCMAKE_CXX_FLAGS_DEBUG="-O2 -g" -DQSVTC_BUILD_BENCH=OFF -DQSVTC_BUILD_PYTHON=OFF \
	      $(CMAKE_FLAGS)
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && LSAN_OPTIONS=suppressions=$(CURDIR)/test/lsan.supp \
	  ctest --output-on-failure -j $(JOBS)

# Random specs against the independent forward pass (test/differential/):
# make fuzz-specs SEED=1 N=10000 [JOBS=2] [COMPOSITIONAL=0]. Failures print shrunk
# reproducers; circuits past the simulator are verified compositionally
# unless COMPOSITIONAL=0 (then they count as too big).
SEED ?= 1
N ?= 1000
COMPOSITIONAL ?= 1
fuzz-specs: build
	/usr/bin/python3 -B test/differential/diffspecs.py --bin $(BUILD)/bin \
	  --seed $(SEED) --count $(N) --jobs $(JOBS) $(if $(filter 1,$(COMPOSITIONAL)),--compositional)

bench: build
	@bash bench/run-approx-bench.sh $(BUILD)
	@echo
	@echo "== Whole pipeline (qsvtc on the examples) =="
	@bash bench/run-pipeline-bench.sh $(BUILD)
	@echo
	@echo "== Compositional verification of whole-matrix circuits =="
	@bash bench/run-verify-bench.sh $(BUILD)
	@echo
	@echo "== qsvtc.poly_to_angles from Python at degree 10^4, beside qsp-phases =="
	@PYTHONPATH=$(BUILD)/python /usr/bin/python3 bench/python_phases.py $(BUILD)/bin
	@echo
	@echo "== GQSP angles by degree (target: 10^5 < 1 s, 10^6 < 15 s) =="
	@$(BUILD)/bin/gqsp-table --max-degree 1000000
	@echo
	@echo "== Phase solves at degree <= 100 in one process (target: < 1 ms) =="
	@$(BUILD)/bin/qsp-small 1000 100

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
