# The two commands of the README: `make demo` and `make check` (each installs, builds in Release, runs).
BUILD ?= build
JOBS ?= $(shell nproc)

.PHONY: deps build demo check bench clean

deps:
	@scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@scripts/demo $(BUILD)/apps/vitrum out

# Passive OpenMP waits: tests that use two threads share the cores with the other tests ctest runs beside them,
# and spinning threads then wait for a descheduled partner (a 2-thread MD run: 81 s spinning, 3.9 s passive, with
# one core busy). OpenBLAS (CHOLMOD's BLAS) keeps to one thread for the same reason.
check: build
	@cd $(BUILD) && OMP_WAIT_POLICY=PASSIVE OPENBLAS_NUM_THREADS=1 ctest --output-on-failure -j $(JOBS) --timeout 900

# The issue-19 targets side by side with LAMMPS (bench/targets rewrites the README table), then the continuum and
# process models' timings. The detailed scripts (bench/md_vs_lammps, bench/swap, bench/aqs, bench/epm, bench/hessian)
# run on their own.
bench: deps
	@scripts/install-deps --bench
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DVITRUM_BENCH=ON >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)
	@bench/targets --vitrum $(BUILD)/apps/vitrum
	@bench/stz/run $(BUILD)/apps/vitrum
	@bench/lpbf/run $(BUILD)/apps/vitrum

clean:
	rm -rf $(BUILD) out
