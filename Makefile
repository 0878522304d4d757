# Every target does its own set-up, so a fresh Debian machine needs only `make demo` or `make test`.
VENV := .venv
PY := $(VENV)/bin/python
# libtesseract-dev and the compiler: tesserocr is built against the system's tesseract (not its wheel's,
# a newer tesseract that reads some pages otherwise than the one the reader was measured on).
APT_PACKAGES := tesseract-ocr tesseract-ocr-pol tesseract-ocr-eng libtesseract-dev libleptonica-dev pkg-config g++ \
	python3-dev python3-venv fonts-dejavu fonts-liberation fonts-freefont-ttf
STAMP := $(VENV)/.installed

.PHONY: setup system demo test bench bench-workers regress samples clean

setup: system $(STAMP)

# System packages, installed only when one is missing (needs root, as on the project's machines).
system:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q --no-binary tesserocr -e '.[api,dev]'
	touch $(STAMP)

demo: setup
	$(VENV)/bin/odzysk demo samples/letters

test: setup
	$(PY) -m pytest -q

regress: setup
	$(VENV)/bin/odzysk regress samples/letters; a=$$?; $(VENV)/bin/odzysk regress samples/independent-letters; exit $$((a || $$?))

bench: setup
	$(VENV)/bin/odzysk bench --stages samples/letters

bench-workers: setup
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} $(VENV)/bin/odzysk bench-workers samples/letters

# Regenerate the committed sample set (deterministic).
samples: setup
	rm -rf samples/letters && $(PY) -m samples.generator --out samples/letters --seed 1 --count 32
	# The floors in samples/independent-letters/thresholds.json stay.
	rm -f samples/independent-letters/[0-9]* samples/independent-letters/truth.jsonl
	$(PY) -m samples.independent --out samples/independent-letters --seed 5 --count 30

clean:
	rm -rf $(VENV) .pytest_cache
