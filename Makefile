# The README's two commands: `make site` and `make test`.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The tests' and the benchmarks' tools too (playwright, mypy, pandoc…): an editor's `make site` needs none of them.
TEST_STAMP := $(VENV)/.installed-test

.PHONY: constraints site serve preview test test-fast bytecode check new lint fonts browser libreoffice pango nginx clean bench bench-search bench-preview bench-import bench-booklet bench-booklet-site form

# The releases the tests passed with (scripts/constraints.py says why it is in scripts/):
# pyproject.toml's ranges alone let a new release of a dependency into the next install.
CONSTRAINTS := scripts/constraints.txt

# pip and npm are given no index here: a mirror is set the way each reads it, in the
# environment or on make's command line (README, Two commands on a fresh machine), e.g.
#   make site PIP_INDEX_URL=https://mirrors.aliyun.com/pypi/simple/ npm_config_registry=https://registry.npmmirror.com/
$(STAMP): pyproject.toml $(CONSTRAINTS)
	# a venv made without pip (Debian's python3 before python3-venv was installed), or whose
	# Python is gone (an upgrade), is made again: a second make site stopped at "pip: No such
	# file" (a trial of the guide)
	$(BIN)/python -m pip --version >/dev/null 2>&1 || $(PYTHON) -m venv --clear $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c $(CONSTRAINTS) -e .
	touch $(STAMP)

$(TEST_STAMP): $(STAMP) pyproject.toml $(CONSTRAINTS)
	$(BIN)/pip install --quiet -c $(CONSTRAINTS) -e '.[test]'
	touch $(TEST_STAMP)

## Take the newest releases pyproject.toml allows and write them into scripts/constraints.txt;
## then run `make test` and commit the file. A release that fails a test: cap it in pyproject.toml
## (`pillow>=10,<14`) and run this again, or `git checkout scripts/constraints.txt && make test`.
constraints: $(TEST_STAMP)
	$(BIN)/pip install --quiet --upgrade --upgrade-strategy eager -e '.[test]'
	$(BIN)/python scripts/constraints.py --fit

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

## Code style and types (ruff, mypy over the package), and the GitHub workflows: against
## GitHub's workflow schema, and the Actions security audit (zizmor, offline: no finding of
## medium severity or above)
lint: $(TEST_STAMP)
	$(BIN)/ruff check plugins scripts tests
	$(BIN)/ruff format --check plugins scripts tests
	$(BIN)/mypy
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(BIN)/zizmor --offline --min-severity medium .github/workflows/

# A CJK font for the share images (without one the build warns, and --strict fails).
# Installed through apt-get when missing (as root, as on CI); on a Mac, `showcase doctor` says how.
fonts:
	@if [ "$$(uname -s)" = Linux ] && ! fc-list :lang=zh 2>/dev/null | grep -q . ; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q fontconfig fonts-noto-cjk ; \
	  else \
	    echo "没有中文字体（分享图要用）。请运行 sudo apt-get install fonts-noto-cjk 安装，再运行一次 make site。" >&2; \
	    echo "No Chinese font: run 'sudo apt-get install fonts-noto-cjk' (share images need one)" >&2; exit 1 ; \
	  fi ; \
	fi

# Debian's Chromium for the measuring scripts and its headless shell for the browser tests
# (scripts/chromium.py says why), and a CJK font for share images and screenshots.
# Installed through apt-get when missing (as root, as on CI).
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v chromium-headless-shell >/dev/null 2>&1 || ! fc-list :lang=zh | grep -q . ; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-headless-shell fonts-noto-cjk ; \
	  else \
	    echo "Chromium or a CJK font is missing: run 'sudo apt-get install chromium chromium-headless-shell fonts-noto-cjk'" >&2; exit 1 ; \
	  fi ; \
	fi

## The Word submission form for organizations (案例申报表.docx), from the site's taxonomy
form: $(STAMP)
	$(BIN)/showcase template


# Debian's nginx, for the test that serves a built site with scripts/deploy/nginx/.
# Installed through apt-get when missing (as root, as on CI). The tests start their own
# nginx on 127.0.0.1; they need no service (on a machine with systemd Debian starts one).
nginx:
	@if ! command -v nginx >/dev/null 2>&1 && ! test -x /usr/sbin/nginx ; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx ; \
	  else \
	    echo "nginx is missing: run 'sudo apt-get install nginx' (tests/deploy serves the site with it)" >&2; exit 1 ; \
	  fi ; \
	fi


# Pango, which WeasyPrint lays PDF booklets (案例汇编) out with. Installed when missing (as root, as on CI).
# HarfBuzz-Subset too, when installing anyway: without it WeasyPrint prints a deprecation
# warning with file names in every build's log, which reads like a crash (a note only, never
# a failure). Other systems: `showcase doctor` says how.
pango:
	@if [ "$$(uname -s)" = Linux ]; then \
	  if ! ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 ; then \
	    if [ "$$(id -u)" = 0 ]; then \
	      apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 ; \
	    else \
	      echo "Pango is missing (PDF booklets need it): run 'sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0'" >&2; exit 1 ; \
	    fi ; \
	  elif ! ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset ; then \
	    if [ "$$(id -u)" = 0 ]; then \
	      apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q libharfbuzz-subset0 || true ; \
	    else \
	      echo "Note: 'sudo apt-get install libharfbuzz-subset0' quiets WeasyPrint's HarfBuzz-Subset warning" >&2 ; \
	    fi ; \
	  fi ; \
	fi

# LibreOffice (headless) and pdftoppm: the import tests fill the Word form as an office
# suite would (and `showcase import` converts .doc files with it); the booklet tests open
# our Word files in a real word processor and look at the pages. Installed when missing (as root, as on CI).
libreoffice:
	@if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1 ; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q libreoffice-writer-nogui poppler-utils ; \
	  else \
	    echo "LibreOffice or pdftoppm is missing: run 'sudo apt-get install libreoffice-writer-nogui poppler-utils'" >&2; exit 1 ; \
	  fi ; \
	fi


## Run every test on every core (pytest-xdist; a test file's tests stay in one worker, so its
## fixtures are made once; so do a folder's whose conftest builds a site its files share:
## tests/support/schedule.py), two workers more than there are cores: a worker often waits
## for Chromium, LibreOffice or a build it started, and a third of the CPU stood idle with
## three workers on two cores (measured on 2 cores: 534 s with 2 workers, 491 s with 3,
## 475 s with 4; on 2026-12-01, 642 s with 3 and 596 s with 4, then 501 s with 4 and 522 s
## with 5). A worker that dies (a test hung past pytest-timeout's limit) is not replaced: a
## new one would run the same file and hang again. The others go on, and the run fails
## naming that test.
## (Sets up the venv, Chromium, LibreOffice, Pango, nginx and fonts, and axe-core from npm first)
## The tests' temporary folders (pytest's and every program's, TMPDIR) are in memory where
## /dev/shm is a tmpfs with 4 GB free (a run writes about 0.9 GB), not written to disk and
## read back: three files that build sites and booklets (tests/images/test_cache_prune.py,
## scale/test_case_cache.py, compile/test_collections.py, one process) took 89.5 and 97.2 s
## on disk, 82.5 and 87.3 s in memory, run by turns (2026-12-04). Whole runs differ by more
## than that (3,490 tests: 501-527 s on disk, 484-588 s in memory). Elsewhere (a
## container's 64 MB /dev/shm, a Mac) they stay in the system's temporary folder. The folder
## is removed when the run ends: passed, failed, or stopped (Ctrl-C, kill, a closed
## terminal: sh runs no EXIT trap when a signal ends it, and left the folder in memory); after
## a stop, once more 3 s later (a LibreOffice the stop caught wrote its profile there after
## the folder had been removed).
## `make test TEST_MEMORY=` keeps them on disk, where pytest leaves the last three runs'.
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) + 2 )))
TEST_MEMORY ?= /dev/shm
PYTEST_ALL = $(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadscope --max-worker-restart 0
test: $(TEST_STAMP) bytecode browser libreoffice pango nginx lint
	npm ci --prefix tests --no-audit --no-fund
	@memory=$$( [ -n "$(TEST_MEMORY)" ] && df -Pk "$(TEST_MEMORY)" 2>/dev/null | awk 'NR == 2 && $$4 > 4000000 { print "$(TEST_MEMORY)" }'); \
	folder=$$( [ -n "$$memory" ] && mktemp -d "$$memory/showcase-test-XXXXXX" 2>/dev/null ); \
	if [ -n "$$folder" ]; then \
	  trap 'rm -rf "$$folder" 2>/dev/null; [ -z "$$stopped" ] || { sleep 3; rm -rf "$$folder"; }' EXIT; \
	  trap 'stopped=1; exit 130' INT; trap 'stopped=1; exit 143' TERM; trap 'stopped=1; exit 129' HUP; \
	  export TMPDIR="$$folder"; base="--basetemp=$$folder/pytest"; \
	fi; \
	echo "$(PYTEST_ALL) $$base"; \
	$(PYTEST_ALL) $$base

# Our package, tests and scripts compiled once before a run. Where PYTHONDONTWRITEBYTECODE
# is set (it is on this machine, where CI runs), Python writes no compiled file, so every
# process a run starts (each `mkdocs build`, each `showcase` command a test runs) compiled our
# ~130 modules from source again: 0.3 s of CPU each. Python only reads these files, and
# ignores one whose source has changed since.
#
# pytest rewrites the asserts of every test module it imports, and keeps the result beside
# it only where Python may write compiled files: each of the run's workers rewrote the 135
# test modules again, 7 of the 9.0-9.5 s its collection takes. It reads the result where
# it finds one, so one collection with writing allowed does it for the run's workers. (Its
# output is not shown and its failure does not stop make: a test module that cannot be
# imported is reported by the run itself, naming it.)
bytecode: $(TEST_STAMP)
	$(BIN)/python -m compileall -q plugins tests scripts
	-PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest --collect-only -q -p no:cacheprovider > /dev/null 2>&1

## While working: the engine-free tests only (tests/core, tests/editors; no MkDocs build, no
## browser), under a minute. `make test` still runs everything.
test-fast: $(TEST_STAMP) bytecode fonts
	$(BIN)/python -m pytest -q -m "not site" -n auto

## Scale: full build against the floor at 1,000 and 10,000 cases (README, Scale)
bench: $(TEST_STAMP)
	$(BIN)/python scripts/bench.py

## The editor's loop at 10,000 cases: save to visible in showcase preview
bench-preview: $(TEST_STAMP) browser
	$(BIN)/python scripts/bench_preview.py

## Search at 1,000 and 10,000 generated cases: indexing time, bytes of a first query
bench-search: $(TEST_STAMP) browser
	$(BIN)/python scripts/bench_search.py

## Importing Word submissions: 50 forms with photos into a scratch cases folder
bench-import: $(TEST_STAMP)
	$(BIN)/python scripts/bench_import.py

## 案例汇编 of 100 generated cases: WeasyPrint and Chromium, time and pages (README, Compilations)
bench-booklet: $(TEST_STAMP) browser pango
	$(BIN)/python scripts/bench_booklet.py

bench-booklet-site: $(TEST_STAMP) pango
	$(BIN)/python scripts/bench_booklet.py --site 1000

clean:
	rm -rf site .cache
