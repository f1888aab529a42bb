# The README's two commands: `make site` and `make test`.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve preview test check new lint fonts browser libreoffice pango clean bench bench-search bench-preview bench-booklet

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## Build the sample site into site/
site: $(STAMP) fonts pango
	$(BIN)/mkdocs build --strict --site-dir site

## Live preview for editors (drafts and cases in review shown with a banner). Every save
## rebuilds the whole site (minutes with thousands of cases); for one case use the fast path:
##   make preview CASE=cases/广东省/gz-yuexiu-2023-001   (its page and theme page, seconds per save)
serve: $(STAMP)
	$(BIN)/mkdocs serve

## One case's page and its theme page, as the site shows them, rebuilt after each save
preview: $(STAMP)
	@test -n "$(CASE)" || { echo "用法：make preview CASE=cases/<省>/<案例文件夹>" >&2; exit 2; }
	$(BIN)/showcase preview "$(CASE)"

## Check the cases as the pull-request gate does
check: $(STAMP)
	$(BIN)/showcase check

## Start a new case from the template (asks for title, organization, themes, region)
new: $(STAMP)
	$(BIN)/showcase new

lint: $(STAMP)
	$(BIN)/ruff check plugins scripts tests
	$(BIN)/ruff format --check plugins scripts tests

# A CJK font for the share images (without one the build warns, and --strict fails).
# Installed through apt-get when missing (as root, as on CI).
fonts:
	@if ! fc-list :lang=zh 2>/dev/null | grep -q . ; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q fontconfig fonts-noto-cjk ; \
	  else \
	    echo "No Chinese font: run 'sudo apt-get install fonts-noto-cjk' (share images need one)" >&2; exit 1 ; \
	  fi ; \
	fi

# Debian's Chromium for the browser tests, and a CJK font for share images and
# screenshots. Installed through apt-get when missing (as root, as on CI).
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list :lang=zh | grep -q . ; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-cjk ; \
	  else \
	    echo "Chromium or a CJK font is missing: run 'sudo apt-get install chromium fonts-noto-cjk'" >&2; exit 1 ; \
	  fi ; \
	fi

# Pango, which WeasyPrint lays PDF booklets (案例汇编) out with. Installed when missing (as root, as on CI).
pango:
	@if ! ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 ; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q libpango-1.0-0 libpangoft2-1.0-0 ; \
	  else \
	    echo "Pango is missing (PDF booklets need it): run 'sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0'" >&2; exit 1 ; \
	  fi ; \
	fi

# LibreOffice (headless) and pdftoppm: the booklet tests open our Word files in a real
# word processor and look at the pages. Installed when missing (as root, as on CI).
libreoffice:
	@if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1 ; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q libreoffice-writer-nogui poppler-utils ; \
	  else \
	    echo "LibreOffice or pdftoppm is missing: run 'sudo apt-get install libreoffice-writer-nogui poppler-utils'" >&2; exit 1 ; \
	  fi ; \
	fi

## Run every test (sets up the venv, Chromium and fonts, and axe-core from npm first)
test: $(STAMP) browser pango libreoffice lint
	npm ci --prefix tests --no-audit --no-fund
	$(BIN)/python -m pytest -q

## Scale: full build against the floor at 1,000 and 10,000 cases (README, Performance)
bench: $(STAMP)
	$(BIN)/python scripts/bench.py

## The editor's loop at 10,000 cases: save to visible in showcase preview
bench-preview: $(STAMP) browser
	$(BIN)/python scripts/bench_preview.py

## Search at 1,000 and 10,000 generated cases: indexing time, bytes of a first query
bench-search: $(STAMP) browser
	$(BIN)/python scripts/bench_search.py

## 案例汇编 of 100 generated cases: WeasyPrint and Chromium, time and pages (README, Compilations)
bench-booklet: $(STAMP) browser pango
	$(BIN)/python scripts/bench_booklet.py

clean:
	rm -rf site .cache
