# CommandCenter — the two commands a new machine needs are `make run` and `make test`.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
PORT ?= 8000
DATA_DIR ?= ./data
CMAKE_FLAGS ?= -DCC_WERROR=ON
# ccache keys on paths relative to the checkout, so a fresh clone (CI) reuses what an earlier one compiled.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: all deps configure web build run test test-unit test-api test-web test-e2e fuzz bench bench-jobs format format-check clean

all: build

deps:
	scripts/install-deps

configure: deps
	cmake -S . -B $(BUILD_DIR) -G Ninja $(CMAKE_FLAGS)

# The web UI: rebuilt (type check + Vite) only when one of its sources changed; CMake copies web/dist beside
# the binary.
WEB_SOURCES := $(shell find web/src web/public -type f 2>/dev/null) web/index.html web/vite.config.ts \
	web/tsconfig.json web/package.json web/package-lock.json

web: deps web/dist/index.html

web/dist/index.html: $(WEB_SOURCES) | deps
	cd web && npm run --silent build

build: configure web
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(BUILD_DIR)/commandcenter serve --port $(PORT) --data-dir $(DATA_DIR) --log-format text

test: build
	scripts/run-tests

test-unit: build
	$(BUILD_DIR)/unit_tests

# API tests on SQLite only, against the normal build (quick local loop).
test-api: build
	cd tests && CC_BINARY=../$(BUILD_DIR)/commandcenter node --test --test-concurrency=$(JOBS) api/

# Vitest unit tests of the UI (no server needed).
test-web: deps
	cd web && npx vitest run

# Playwright end-to-end tests: Debian's Chromium against the real binary serving the built UI.
test-e2e: build
	cd tests/e2e && CC_BINARY=../../$(BUILD_DIR)/commandcenter npx playwright test

# libFuzzer targets (clang, ASan + UBSan) for every parser of untrusted input; FUZZ_SECONDS per target.
fuzz: deps
	scripts/run-fuzz

# HTTP throughput (wrk) on SQLite and PostgreSQL, then the queue and WebSocket benchmark.
bench: build
	bench/run.sh
	bench/run-jobs.sh

bench-jobs: build
	bench/run-jobs.sh

format:
	find src tests/unit tests/fuzz bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

format-check:
	find src tests/unit tests/fuzz bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format --dry-run --Werror

clean:
	rm -rf $(BUILD_DIR) build-asan web/dist
