"""Importing an inbox of Word submissions: how long ``showcase import`` takes.

Makes an inbox of N forms (``showcase template`` filled in by python-docx, two phone
photos pasted in the text, one more sent beside the file, each in its own folder), then
imports it into a scratch cases folder once, in this process, and prints the wall time
and the time per submission. The issue's target: 50 submissions under 10 s.

    .venv/bin/python scripts/bench_import.py            # 50 submissions
    .venv/bin/python scripts/bench_import.py --count 10
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from docx import Document
from docx.shared import Cm
from PIL import Image
from showcase.core.collection.settings import Settings
from showcase.core.editors.intake.importer import Importer
from showcase.core.outputs.form import write_form

CITIES = [("湖南", "长沙市", "岳麓区"), ("广东", "广州市", "越秀区"), ("浙江", "杭州市", "西湖区"), ("四川", "成都市", "武侯区")]
THEMES = ["便民服务", "社区治理", "精神文化", "新风正气", "凝心铸魂", "服务阵地"]


def photo(path: Path, seed: int, size=(1600, 1200)) -> Path:
    random.seed(seed)
    base = Image.new("RGB", size, (random.randrange(256), random.randrange(256), random.randrange(256)))
    Image.blend(base, Image.effect_noise(size, 30).convert("RGB"), 0.15).save(path, "JPEG", quality=85)
    return path


def make_inbox(inbox: Path, count: int) -> None:
    form = write_form(inbox.parent / "form.docx", Settings().taxonomy)
    shots = [photo(inbox.parent / f"shot{n}.jpg", n) for n in range(3)]
    for number in range(count):
        province, city, county = CITIES[number % len(CITIES)]
        typed = {
            "案例名称": f"第{number + 1}个社区助老服务案例",
            "案例摘要": "某某社区志愿服务队组织志愿者为空巢老人送餐上门、结对陪伴，两年服务上千人次，居民满意。",
            "实践主题": THEMES[number % 6],
            "组织名称": f"{city}{county}某某社区志愿服务队{number + 1}",
            "组织类别": "公益慈善类",
            "省份": province,
            "城市": city,
            "区县": county,
            "开展时间": f"2024年{number % 12 + 1}月{number % 28 + 1}日",
            "志愿者人数": f"{20 + number}人",
            "联系人": "张三",
            "联系电话": "13800000000",
        }
        document = Document(str(form))
        for row in document.tables[0].rows:
            label = row.cells[0].paragraphs[0].text
            if label in typed:
                row.cells[1].paragraphs[0].text = typed[label]
        body = document.add_paragraph("社区有空巢老人三百多户，吃饭难是大家最操心的事。" * 10)
        for index in range(2):
            body = body.insert_paragraph_before()
            body.add_run().add_picture(str(shots[index]), width=Cm(12))
            body.insert_paragraph_before(f"照片说明 {index + 1}")
        folder = inbox / f"{number + 1:03d}"
        folder.mkdir(parents=True)
        document.save(str(folder / "申报表.docx"))
        (folder / "活动现场.jpg").write_bytes(shots[2].read_bytes())


def _cpu() -> float:
    """User and system CPU seconds of this process and its finished workers."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        inbox = Path(tmp) / "inbox"
        inbox.mkdir()
        started = time.perf_counter()
        make_inbox(inbox, args.count)
        print(f"inbox of {args.count} submissions made in {time.perf_counter() - started:.1f} s")
        cases = Path(tmp) / "cases"
        cpu_before = _cpu()
        started = time.perf_counter()
        outcomes, _notes = Importer(cases, Settings()).run([inbox])
        took = time.perf_counter() - started
        cpu = _cpu() - cpu_before
        imported = sum(1 for o in outcomes if o.ok)
        errors = sum(1 for o in outcomes for d in o.diagnostics if d.is_error)
        photos = sum(len(o.photos) for o in outcomes)
        print(f"imported {imported}/{len(outcomes)} submissions, {photos} photos, {errors} check errors")
        print(f"import: {took:.2f} s wall, {took / max(len(outcomes), 1) * 1000:.0f} ms per submission (target: 50 under 10 s)")
        print(
            f"CPU: {cpu:.2f} s (this process and its workers), {cpu / max(len(outcomes), 1) * 1000:.0f} ms per submission; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}"
        )
        return 0 if imported == args.count == len(outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
