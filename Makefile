# Two commands are all a new clone needs: `make run` and `make test`.
# Each installs what it needs (scripts/setup.sh is idempotent), builds, then does its job.
SHELL := /bin/bash
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
FUNCTION ?= GetBirthday
EVENT ?= testdata/events-get.json

.PHONY: setup configure build test bench load run invoke watch dist deploy plan destroy smoke check-deployment clean

setup:
	@bash scripts/setup.sh

configure: setup
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 600

bench: build
	@bash scripts/bench.sh $(BUILD_DIR)

load:
	@bash scripts/load-check.sh

run: build
	@bash scripts/run-local.sh $(BUILD_DIR)

invoke: build
	@bash scripts/invoke.sh $(BUILD_DIR) $(FUNCTION) $(EVENT)

watch: build
	@bash scripts/watch.sh $(BUILD_DIR)

dist: build
	@bash scripts/package.sh $(BUILD_DIR) dist

deploy:
	@bash scripts/deploy.sh preflight deploy
	@$(MAKE) --no-print-directory dist
	@bash scripts/deploy.sh deploy

plan:
	@bash scripts/deploy.sh preflight plan
	@$(MAKE) --no-print-directory dist
	@bash scripts/deploy.sh plan

destroy:
	@bash scripts/deploy.sh destroy

smoke:
	@bash scripts/smoke.sh $(URL)

# `sam build` (template.yaml: Metadata BuildMethod makefile; samconfig.toml builds in the source
# tree) runs build-<LogicalId> with ARTIFACTS_DIR: the function's bootstrap, lib/ and certs/,
# staged by package.sh exactly as `make dist` zips them.
.PHONY: build-GetBirthday build-PutBirthday
build-GetBirthday: SAM_FUNCTION = get-birthday
build-PutBirthday: SAM_FUNCTION = put-birthday
build-GetBirthday build-PutBirthday: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target $(subst -,_,$(SAM_FUNCTION))_bootstrap
	@bash scripts/package.sh --stage $(BUILD_DIR) "$(ARTIFACTS_DIR)" \
	  $(SAM_FUNCTION)=$(BUILD_DIR)/functions/$(SAM_FUNCTION)/bootstrap

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
