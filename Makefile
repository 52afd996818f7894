# The two commands of the README: `make start` runs the product, `make test` the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help

.PHONY: help requirements test-requirements start stop test test-dates test-cluster install build engine lint clean

help:
	@echo "make start   build what is missing, start engine + deployment + workers + API (Ctrl-C stops all)"
	@echo "make stop    stop what a backgrounded 'make start' left running"
	@echo "make test    run the whole test suite (starts the engine itself, or reuses a running one), then on"
	@echo "             Operaton the date-dependent tests again with the clock at 2027-12-20 (about 4 minutes)"
	@echo "             ENGINE=camunda7 make start|test: on Camunda 7.24 CE instead of Operaton (without the dates run)"
	@echo "make test-dates  only the date-dependent tests with the clock at 2027-12-20 (TEST_NOW): a year without"
	@echo "             the official holiday schedule and a turn of the year, whatever today is; on any ENGINE"
	@echo "make test-cluster  two engine nodes on PostgreSQL, 50 applications, one node killed part-way"

# Java, Maven, Node.js, Chromium and the CJK fonts; installed with apt as root, else the command to run.
requirements:
	scripts/check-requirements.sh

# The same, and what the tests need besides (pdftotext).
test-requirements:
	scripts/check-requirements.sh --test

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

install: node_modules/.package-lock.json

build: install
	npm run --silent build

engine:
	engine/bin/build.sh

start: requirements build engine
	scripts/start.sh

stop:
	scripts/stop.sh

# The main suite, then (on Operaton, the default engine) the date-dependent tests once more with
# the clock at 2027-12-20. That run takes about 4 minutes, so on Camunda 7 it is left to
# `make test-dates`: CI runs `make test` on both engines and needs it once.
test: test-requirements install engine
	npm run --silent typecheck
	npm run --silent lint:bpmn
	npm test
	@if [ "$${ENGINE:-operaton}" = operaton ]; then npm run --silent test:dates; \
	else echo "make test: the date-dependent tests with the clock at 2027-12-20 run on Operaton; make test-dates runs them on $$ENGINE"; fi

# The date-dependent tests alone (rules, handlers, the rule and office APIs, the flows on the real
# engine) as if today were TEST_NOW (default 2027-12-20): a year without the official holiday
# schedule and the turn of a year are covered on every run, whatever the day. `make test` ends with it.
test-dates: test-requirements install engine
	npm run --silent test:dates

# Two Operaton nodes on one PostgreSQL database; 50 applications; one node SIGKILLed part-way.
test-cluster: test-requirements install engine
	scripts/test-cluster.sh

clean:
	rm -rf dist coverage .run
