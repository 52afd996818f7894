# The two commands of the README: `make start` runs the product, `make test` the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help

.PHONY: help requirements test-requirements start stop test test-dates test-cluster install build engine lint clean

help:
	@echo "make start   build what is missing, start engine + deployment + workers + API (Ctrl-C stops all)"
	@echo "make stop    stop what a backgrounded 'make start' left running"
	@echo "make test    run the whole test suite (starts the engine itself, or reuses a running one)"
	@echo "             ENGINE=camunda7 make start|test: on Camunda 7.24 CE instead of Operaton"
	@echo "make test-dates  the date-dependent tests again with the clock at 2027-12-20 (TEST_NOW): a year without"
	@echo "             the official holiday schedule and a turn of the year, whatever today is"
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

test: test-requirements install engine
	npm run --silent typecheck
	npm run --silent lint:bpmn
	npm test

# The date-dependent tests (rules, handlers, the rule API, the main flows on the real engine) once
# more as if today were TEST_NOW (default 2027-12-20): a year without the official holiday schedule
# and the turn of a year are covered on every run, whatever the day.
test-dates: test-requirements install engine
	npm run --silent test:dates

# Two Operaton nodes on one PostgreSQL database; 50 applications; one node SIGKILLed part-way.
test-cluster: test-requirements install engine
	scripts/test-cluster.sh

clean:
	rm -rf dist coverage .run
