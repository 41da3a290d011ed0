# Two commands are all a new clone needs: `make run` and `make test`.
# Each installs what it needs (scripts/setup.sh is idempotent), builds, then does its job.
SHELL := /bin/bash
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
FUNCTION ?= GetBirthday
EVENT ?= testdata/events-get.json
# The Lambda architecture `make dist`, `make run` and `make deploy` build for: x86_64 or arm64
# (Graviton). The arm64 bootstraps are cross-built in their own folder (scripts/build-arm64.sh).
ARCH ?= x86_64
ARM64_BUILD_DIR ?= $(BUILD_DIR)/arm64
ifeq ($(filter $(ARCH),x86_64 arm64),)
$(error ARCH must be x86_64 or arm64, not '$(ARCH)')
endif
arm64 = $(filter arm64,$(ARCH))
FUZZ_SECONDS ?= 60
# The sanitizer builds: each its own folder, at -O1 as the sanitizers' authors advise.
SANITIZER_FLAGS = -G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O1 -DNDEBUG"

.PHONY: setup configure build test test-asan test-tsan fuzz fuzz-build bench load run invoke watch dist dist-x86_64 dist-arm64 dist-all setup-arm64 arm64-bootstraps deploy plan destroy smoke check-deployment clean

setup:
	@bash scripts/setup.sh $(if $(arm64),--arm64)

# `make test` proves both architectures, so it installs the arm64 cross build too.
setup-arm64:
	@bash scripts/setup.sh --arm64

arm64-bootstraps: setup-arm64
	@bash scripts/build-arm64.sh $(ARM64_BUILD_DIR) $(BUILD_TYPE)

configure: setup
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

test: setup-arm64 build fuzz-build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 600
	@cd build-fuzz && ctest --output-on-failure -j $(JOBS) -L fuzz

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer. Left out, as they cannot
# run on a sanitized build: the zip proofs that run a bootstrap from an empty root (no libasan
# there) or check it needs nothing but glibc (libasan is more), the reproducible build (it
# compares with a clean, unsanitized build) and the cold-start harness (the same empty root).
test-asan: setup
	@cmake -S . -B build-asan $(SANITIZER_FLAGS) -DSANITIZE=address,undefined >/dev/null
	@cmake --build build-asan -j $(JOBS)
	@cd build-asan && UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS) --timeout 600 \
	  -E '^(EmptyRootZip\.|dist_elf_dependencies$$|dist_reproducible$$|bench_cold_start_quick$$)'

# The local gateway (the project's threaded code: server, function pool, Runtime API server)
# under ThreadSanitizer, with the bootstraps it runs.
test-tsan: setup
	@cmake -S . -B build-tsan $(SANITIZER_FLAGS) -DSANITIZE=thread >/dev/null
	@cmake --build build-tsan -j $(JOBS) --target local_gateway_test local_end_to_end_test
	@build-tsan/transport/local/local_gateway_test && build-tsan/transport/local/local_end_to_end_test

# The libFuzzer targets (fuzz/), built with clang under ASan + UBSan; `make fuzz` runs each for
# FUZZ_SECONDS, `make test` for a few seconds each.
fuzz-build: setup
	@cmake -S . -B build-fuzz $(SANITIZER_FLAGS) -DCMAKE_CXX_COMPILER=clang++ \
	  -DSANITIZE=fuzzer-no-link,address,undefined >/dev/null
	@cmake --build build-fuzz -j $(JOBS) --target fuzz_targets

fuzz: fuzz-build
	@bash scripts/fuzz.sh build-fuzz $(FUZZ_SECONDS)

bench: build
	@bash scripts/bench.sh $(BUILD_DIR)

load:
	@bash scripts/load-check.sh

# The soak (bench/soak/): mixed PUT/GET at concurrency 16 through the local stack for SOAK_SECONDS
# (default 120), the local DynamoDB stopped and restarted once; one summary line. 15 s of it run
# in `make test` (ctest label soak).
SOAK_SECONDS ?= 120
.PHONY: soak
soak: build
	@$(BUILD_DIR)/bench/soak/soak --seconds $(SOAK_SECONDS)

run: build $(if $(arm64),arm64-bootstraps)
	@bash scripts/run-local.sh $(BUILD_DIR) $(if $(arm64),$(ARM64_BUILD_DIR))

invoke: build
	@bash scripts/invoke.sh $(BUILD_DIR) $(FUNCTION) $(EVENT)

watch: build
	@bash scripts/watch.sh $(BUILD_DIR)

# Zips: dist/*.zip for x86_64, dist/arm64/*.zip for arm64; `make dist-all` makes both.
dist: dist-$(ARCH)

dist-x86_64: build
	@bash scripts/package.sh $(BUILD_DIR) dist

dist-arm64: arm64-bootstraps
	@bash scripts/package.sh $(ARM64_BUILD_DIR) dist/arm64

dist-all: dist-x86_64 dist-arm64

deploy:
	@bash scripts/deploy.sh preflight deploy
	@$(MAKE) --no-print-directory dist
	@ARCH=$(ARCH) bash scripts/deploy.sh deploy

plan:
	@bash scripts/deploy.sh preflight plan
	@$(MAKE) --no-print-directory dist
	@ARCH=$(ARCH) bash scripts/deploy.sh plan

destroy:
	@bash scripts/deploy.sh destroy

smoke:
	@bash scripts/smoke.sh $(URL)

# `sam build` (template.yaml: Metadata BuildMethod makefile; samconfig.toml builds in the source
# tree) runs build-<LogicalId> with ARTIFACTS_DIR: the function's bootstrap, lib/ and certs/,
# staged by package.sh exactly as `make dist` zips them. For arm64:
# `ARCH=arm64 sam build --parameter-overrides Architecture=arm64`.
.PHONY: build-GetBirthday build-PutBirthday
build-GetBirthday: SAM_FUNCTION = get-birthday
build-PutBirthday: SAM_FUNCTION = put-birthday
sam_bootstrap_dir = $(if $(arm64),$(ARM64_BUILD_DIR),$(BUILD_DIR))
build-GetBirthday build-PutBirthday: $(if $(arm64),arm64-bootstraps,configure)
	@$(if $(arm64),:,cmake --build $(BUILD_DIR) -j $(JOBS) --target $(subst -,_,$(SAM_FUNCTION))_bootstrap)
	@bash scripts/package.sh --stage $(sam_bootstrap_dir) "$(ARTIFACTS_DIR)" \
	  $(SAM_FUNCTION)=$(sam_bootstrap_dir)/functions/$(SAM_FUNCTION)/bootstrap

# Follows both functions' logs and the API's access log of the deployment; SINCE=1h for more history.
.PHONY: logs
logs:
	@SINCE=$(or $(SINCE),10m) bash scripts/logs.sh

# The downtime check to run beside `make deploy`: DURATION (s), RATE (requests/s), MAX_P99_MS.
check-deployment: setup
	@bash scripts/check-deployment.sh $(if $(DURATION),--duration=$(DURATION)) $(if $(RATE),--rate=$(RATE)) \
	  $(if $(MAX_P99_MS),--max-p99-ms=$(MAX_P99_MS)) "$(or $(URL),http://127.0.0.1:3000)"

clean:
	rm -rf $(BUILD_DIR) dist
