"""CPU seconds of reading and checking every case on one core (load_cases): without the case cache, with an empty one, warm.

Usage: .venv/bin/python scripts/bench_case_cache.py SITE_DIR  (a folder with mkdocs.yml and its cases; its case cache is emptied first)
"""

import argparse
import dataclasses
import os
import shutil
import sys
import time

from showcase.commands import load_settings
from showcase.core.collection import loading as L

os.chdir(sys.argv[1])
settings, cfg = load_settings(argparse.Namespace(config_file="mkdocs.yml"))
paths, stray = L.discover(cfg.cases_dir)
off = dataclasses.replace(settings, case_cache=None)
L.load_cases(paths[:50], off, 1)  # lazy imports


def run(label, s):
    t, w = time.process_time(), time.perf_counter()
    cases = L.load_cases(paths, s, 1)
    t, w = time.process_time() - t, time.perf_counter() - w
    t2 = time.process_time()
    L.finish_collection(cfg.cases_dir, cases, stray, s)
    t2 = time.process_time() - t2
    print(
        f"{len(paths)} cases {label:5s}: load_cases {t:.3f} s CPU ({t / len(paths) * 1e3:.2f} ms/case), wall {w:.2f} s; cross-case rules {t2:.3f} s CPU"
    )
    return cases


shutil.rmtree(settings.case_cache, ignore_errors=True)
a = run("off", off)
b = run("cold", settings)
c = run("warm", settings)
d = run("warm", settings)
assert a == b == c == d, "differ"
print("same cases and diagnostics: off == cold == warm")
