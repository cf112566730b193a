# dateline — two commands on a fresh clone:
#   make demo   create .venv, install pinned dependencies, ingest the bundled samples, print a summary
#   make test   install the test dependencies and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
DEMO_DB ?= demo.db

.PHONY: demo test install install-test bench eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.lock
	$(BIN)/pip install --quiet -r requirements-test.lock
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

demo: $(VENV)/.installed
	$(BIN)/dateline ingest samples --db $(DEMO_DB) --no-progress; test $$? -le 1
	@echo
	$(BIN)/dateline articles --db $(DEMO_DB)
	@echo
	$(BIN)/dateline entities --db $(DEMO_DB) --limit 15
	@echo
	$(BIN)/dateline quotes --db $(DEMO_DB) --limit 8
	@echo
	$(BIN)/dateline places --db $(DEMO_DB) --limit 12
	@echo
	$(BIN)/dateline events --db $(DEMO_DB) --limit 10
	@echo
	$(BIN)/dateline search "floods" --db $(DEMO_DB)

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

bench: $(VENV)/.installed
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/stages.py --limit 500
	$(BIN)/python bench/workers.py --limit 400

eval: $(VENV)/.installed-test
	$(BIN)/dateline eval extraction ../shared/eval/extraction/scrapinghub
	$(BIN)/dateline eval extraction ../shared/eval/extraction/trafilatura-en.jsonl
	$(BIN)/dateline eval quotes ../shared/eval/quotes/polnear-dev.jsonl
	$(BIN)/dateline eval time ../shared/eval/time/tbaq.jsonl
	$(BIN)/dateline eval geo ../shared/eval/geo/lgl.jsonl
	$(BIN)/dateline eval geo ../shared/eval/geo/tr-news.jsonl
	$(BIN)/dateline eval quantities
	$(BIN)/dateline eval quantities tests/gold/quantities-heldout.jsonl
	$(BIN)/dateline eval events ../shared/eval/events/gva-dev.jsonl
	$(BIN)/dateline eval event-types ../shared/eval/events/case2021-types-dev.jsonl

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache .hypothesis

readme-example: $(VENV)/.installed
	$(BIN)/python scripts/readme_example.py
