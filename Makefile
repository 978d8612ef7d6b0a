# CommandCenter — the two commands a new machine needs are `make run` and `make test`.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
PORT ?= 8000
DATA_DIR ?= ./data
CMAKE_FLAGS ?= -DCC_WERROR=ON

.PHONY: all deps configure build run test test-unit test-api bench format format-check clean

all: build

deps:
	scripts/install-deps

configure: deps
	cmake -S . -B $(BUILD_DIR) -G Ninja $(CMAKE_FLAGS)

build: configure
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

bench: build
	bench/run.sh

format:
	find src tests/unit -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

format-check:
	find src tests/unit -name '*.cpp' -o -name '*.hpp' | xargs clang-format --dry-run --Werror

clean:
	rm -rf $(BUILD_DIR) build-asan
