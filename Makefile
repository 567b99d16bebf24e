# ChannelBench. Two commands on a fresh machine: `make bench` (the main job) and `make test`.
SWIFT   ?= swift
RELEASE := .build/release
BIN     := $(RELEASE)/chanbench
SUITE   ?= default
# Extra `chanbench run` options for make bench / run-quick, e.g. BENCH_ARGS="--impl condvar,ring".
BENCH_ARGS ?=

.PHONY: deps build release test test-tsan test-charts faults bench run-quick memory plots report compare baseline aa sensitivity bench-instructions verify reference race dependent dependent-compare clean

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build

# Every figure comes from a release build. Cross-module optimization makes the flavors' generic
# bodies (module Channels) available to the engine (module BenchEngine), so the built-in channels
# run specialized for the benchmark message types (see Sources/Channels/Registry/BuiltInFlavor.swift). A
# command-line flag, not unsafeFlags in Package.swift, so packages depending on Channels are
# unaffected. Scripts that build a release binary use $(RELEASE_FLAGS) too.
RELEASE_FLAGS := -Xswiftc -cross-module-optimization
release: deps
	$(SWIFT) build -c release --product chanbench $(RELEASE_FLAGS)

# Two invocations: the channel semantics suites run in parallel (their blocking waits run on
# their own threads), the harness suites one at a time, because they block threads for whole
# benchmark runs (which would starve the 2-thread cooperative pool that async runs need on a
# 2-core machine) and read process-wide jemalloc statistics (which other tests would disturb).
# The runtime's continuation validator turns a double resume of an unchecked continuation (the
# bug a channel's waiter bookkeeping can have) into an immediate trap instead of undefined
# behaviour. Not under TSan: its global lock would add happens-before edges that hide races.
test: deps
	SWIFT_DEBUG_VALIDATE_UNCHECKED_CONTINUATIONS=1 $(SWIFT) test --disable-xctest --filter ChannelsTests
	SWIFT_DEBUG_VALIDATE_UNCHECKED_CONTINUATIONS=1 $(SWIFT) test --disable-xctest --filter ChannelBenchTests --no-parallel

# ThreadSanitizer in its own build folder so it never invalidates the normal build.
# CHANNELBENCH_TSAN=1 scales test message counts down; LD_PRELOAD keeps jemalloc's
# operator new out of TSan's allocator (see scripts/tsan.supp for both choices).
# Skipped under TSan, and only there: suites that give it nothing to watch. The statistics
# suites are single-threaded arithmetic; the mutant suite runs verify's checks, which the
# catalog, declared-semantics, PCT and select suites run here on every real channel, against
# deliberately broken channels (whether verify catches them is `make test`'s question).
TSAN_SKIP := VerifyMutantTests|CompareFamilyWiseTests|CompareMinimumDetectableTests|HistoryChangePointTests
test-tsan: deps
	CHANNELBENCH_TSAN=1 LD_PRELOAD=libstdc++.so.6 \
	  TSAN_OPTIONS="suppressions=$(CURDIR)/scripts/tsan.supp halt_on_error=1" \
	  $(SWIFT) test --disable-xctest --sanitize=thread --scratch-path .build-tsan --filter ChannelsTests
	CHANNELBENCH_TSAN=1 LD_PRELOAD=libstdc++.so.6 \
	  TSAN_OPTIONS="suppressions=$(CURDIR)/scripts/tsan.supp halt_on_error=1" \
	  $(SWIFT) test --disable-xctest --sanitize=thread --scratch-path .build-tsan --filter ChannelBenchTests --no-parallel \
	  --skip '$(TSAN_SKIP)'

# `chanbench run` exits 3 if any run failed its checks: make stops there, so no chart is
# drawn from unverified numbers (the CSV with every finished row is kept).
bench: release
	$(BIN) run --suite $(SUITE) $(BENCH_ARGS)
	$(BIN) memory --suite $(SUITE)
	$(MAKE) plots report

run-quick: release
	$(BIN) run --suite quick $(BENCH_ARGS)

memory: release
	$(BIN) memory --suite $(SUITE)

# `chanbench report`: the charts their data supports and report.md + report.html in plots/out.
plots: release
	$(BIN) report

report: plots

# The report built from synthetic fixtures, rendered in headless Chromium (installs it as root).
test-charts: release
	CHANBENCH=$(BIN) bash Tests/charts/check.sh

# The fault suite against the release binary: full disks, concurrent runs, signals, orphaned
# children, timeouts and nonsense input (scripts/fault-suite.sh; mounts a tmpfs as root).
faults: release
	bash scripts/fault-suite.sh

# Same-run A/B against a git ref: make compare BASE=main~1 [ROUNDS=8] [AB_SUITE=quick]
compare: release
	ROUNDS="$(ROUNDS)" AB_SUITE="$(AB_SUITE)" bash scripts/compare-ab.sh "$(BASE)"

baseline: release
	$(BIN) run --suite quick --output results/baseline.csv

# A/A experiment: one build against itself, AA_RUNS quick runs; how often compare cries wolf here.
aa: release
	AA_RUNS="$(AA_RUNS)" AA_THRESHOLD="$(AA_THRESHOLD)" bash scripts/aa-experiment.sh

# Same-run A B rounds of one build: the A/A false-alarm rate, and how many configurations an
# injected slowdown is flagged in: make sensitivity [ROUNDS=8] [SLOWDOWN=1.10] [SENS_SUITE=quick]
sensitivity: release
	ROUNDS="$(ROUNDS)" SLOWDOWN="$(SLOWDOWN)" SENS_SUITE="$(SENS_SUITE)" bash scripts/sensitivity.sh

# Instructions per message under callgrind (deterministic; compare --metric instructions_per_msg
# gates on it exactly): make bench-instructions [INSTR_IMPLS=ring] [INSTR_WORKLOADS=seq]
bench-instructions: release
	bash scripts/bench-instructions.sh

# verify's budget bounds its whole run; the release target's up-to-date check before it takes
# about 10 s on a busy 2-core machine, so 45 s keeps make verify within a minute.
verify: release
	$(BIN) verify --quick --budget 45

reference:
	$(MAKE) -C reference

# The issue-8 race: Swift flavors and the Go/Rust references interleaved per repetition and
# configuration in one CSV (results/race-<UTC>.csv), then the ratio table (docs/race.md quotes it).
# RACE_REPS=3 RACE_MESSAGES=1000000 RACE_SLOW_MESSAGES=... (rendezvous, ping-pong).
race: release
	$(MAKE) -C reference build
	bash scripts/race.sh
	$(BIN) report --bench results/race-latest.csv --out plots/out/race

# What a package depending on Channels gets from a plain `swift build -c release` (no CMO):
# builds Examples/DependentBench and fails if a gated configuration allocates in the steady
# state (docs/dependent-packages.md).
dependent: deps
	bash scripts/check-dependent.sh

# Before/after/CMO of the same, interleaved: make dependent-compare [BASE=d25b23c] [ROUNDS=3]
dependent-compare: deps
	ROUNDS="$(ROUNDS)" bash scripts/dependent-compare.sh $(BASE)

clean:
	rm -rf .build .build-tsan .build-base .build-dependent Examples/DependentBench/.build plots/out
