"""``showcase doctor``: can this computer build the site (and run the tests)?

Each check says what it found and, when something is missing, how to fix it on this
kind of computer, in plain Chinese. A check is *required* when the site's build would
fail or lose something without it (``mkdocs build --strict``); Chromium is needed only
for the project's own tests. The checks ask the same code the build asks (the share
card's font search, Pagefind's executable), so doctor and build cannot disagree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .. import system
from ..diagnostics import describe_write_error
from ..errors import ShowcaseError
from ..media.pipeline import MediaOptions
from ..media.sharecard import find_fonts
from ..office import soffice
from ..options import Options
from ..outputs.booklet.pdf import PANGO_FIX, pango_problem

MIN_PYTHON = (3, 11)
CHROMIUM_PATHS = ("/usr/bin/chromium-headless-shell",)  # the tests' browser (scripts/chromium.py, HEADLESS_SHELL)


@dataclass(frozen=True)
class Finding:
    name: str  # what was checked, e.g. 中文字体（分享图用）
    ok: bool
    detail: str  # what was found, or what is missing
    fix: str = ""  # how to fix it, when not ok
    required: bool = True  # False: only a warning (exit 0)
    wrong: bool = False  # not ok because something is written wrong, not missing: said 有误, not 缺少


def check_python(version: tuple[int, ...] = tuple(sys.version_info[:3])) -> Finding:
    shown = ".".join(str(part) for part in version)
    if tuple(version[:2]) >= MIN_PYTHON:
        return Finding("Python", True, f"Python {shown}")
    fix = {
        "windows": "从 https://www.python.org/downloads/ 下载安装 Python 3.11 或更新的版本（安装时勾选“Add python.exe to PATH”），然后重新建立 .venv。",
        "mac": "用 Homebrew 安装：brew install python@3.12，然后重新建立 .venv。",
        "linux": "安装 Python 3.11 或更新的版本（Debian 12 / Ubuntu 24.04 自带），然后重新建立 .venv：rm -rf .venv && make .venv/.installed",
    }[system.kind()]
    return Finding("Python", False, f"Python {shown} 太旧了，需要 {MIN_PYTHON[0]}.{MIN_PYTHON[1]} 或更新的版本。", fix)


def _media(options: Options, base: Path) -> MediaOptions:
    """The build's image options; with a share_font that is no file (which the build refuses),
    the font as written, for ``check_font`` to say so with its fix."""
    try:
        return MediaOptions.from_options(options, base)
    except ShowcaseError:
        return MediaOptions(share_images=True, share_font=options.path("share_font", base))


def check_font(media: MediaOptions) -> Finding:
    name = "中文字体（分享图用）"
    if not media.share_images:
        return Finding(name, True, "网站没有开启分享图（share_images: false），不需要。")
    fonts, why = find_fonts(media.share_font)
    if fonts is not None:
        shown = fonts.regular.path.name + (f"、{fonts.bold.path.name}（粗体）" if fonts.bold != fonts.regular else "")
        return Finding(name, True, shown)
    fix = {
        "windows": "Windows 没有 fontconfig：在 mkdocs.yml 的 showcase 插件下写 share_font: C:/Windows/Fonts/msyh.ttc（微软雅黑）。",
        "mac": "在 mkdocs.yml 的 showcase 插件下写 share_font: /System/Library/Fonts/PingFang.ttc，或安装 fontconfig 和思源黑体：brew install fontconfig font-noto-sans-cjk-sc。",
        "linux": "安装中文字体：sudo apt-get install fonts-noto-cjk（或运行 make fonts）；也可以在 mkdocs.yml 的 showcase 插件下用 share_font 指定字体文件。",
    }[system.kind()]
    if media.share_font is not None:
        fix = "检查 mkdocs.yml 里 share_font 写的字体文件路径，它必须是含中文的字体（.ttf/.otf/.ttc）。"
        return Finding(name, False, why + "mkdocs build --strict 会因此失败。", fix)
    found = "fontconfig 没有找到含中文字形的字体" if shutil.which("fc-match") else "没有 fontconfig（fc-match），找不到中文字体"
    return Finding(name, False, f"{found}：不能生成分享图，mkdocs build --strict 会因此失败。", fix)


def check_pagefind(search: bool) -> Finding:
    name = "Pagefind（搜索索引程序）"
    if not search:
        return Finding(name, True, "网站没有开启搜索（search: false），不需要。")
    fix = "在项目的虚拟环境里安装：.venv/bin/pip install 'pagefind[extended]'（Windows：.venv\\Scripts\\pip install \"pagefind[extended]\"），或重新运行 pip install -e ."
    try:
        from pagefind.service import get_executable
    except ImportError:
        return Finding(name, False, "没有安装 Pagefind 的 Python 包。", fix)
    try:
        executable = get_executable()
    except OSError:
        executable = None
    if executable is None:
        return Finding(name, False, "找不到 Pagefind 程序（pagefind_extended）。", fix)
    try:
        done = subprocess.run([str(executable), "--version"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return Finding(name, False, f"Pagefind 程序 {executable} 无法运行（{exc}）。", fix)
    if done.returncode != 0:
        return Finding(name, False, f"Pagefind 程序 {executable} 无法运行（退出码 {done.returncode}）。", fix)
    return Finding(name, True, f"{done.stdout.strip() or executable}（{executable}）")


def check_pango(needed: bool) -> Finding:
    """The PDF booklets' layout library (WeasyPrint needs the system's Pango): required when
    the site's build makes booklets, a reminder otherwise, for ``showcase booklet -o x.pdf``
    (an editor's trial: 不需要 was said of a computer whose PDF booklet then failed)."""
    name = "Pango（排版 PDF 汇编用）"
    problem = pango_problem()
    if problem is None:
        return Finding(name, True, "可以排版 PDF 汇编")
    if not needed:
        return Finding(
            name,
            False,
            f"{problem}：网站没有专题（collections.yml）也没有开启 booklets，生成网站不需要它；用 showcase booklet 出 PDF 汇编时需要。",
            PANGO_FIX[system.kind()],
            required=False,
        )
    return Finding(name, False, f"{problem}：生成 PDF 汇编时构建会中止。", PANGO_FIX[system.kind()])


LIBREOFFICE_FIX = {
    "windows": "从 https://zh-cn.libreoffice.org/ 下载安装 LibreOffice（装在默认位置即可，不必加入 PATH）。",
    "mac": "从 https://zh-cn.libreoffice.org/ 下载安装，或 brew install --cask libreoffice。",
    "linux": "sudo apt-get install libreoffice-writer（或运行 make libreoffice）。",
}


def check_libreoffice(find: Callable[[], str | None] = soffice) -> Finding:
    """LibreOffice, which no build needs: a Word booklet's contents get their page numbers
    from its layout (estimated without it), and the import turns .doc, .wps and .odt into
    .docx with it (an editor's trial: the doctor did not say so)."""
    name = "LibreOffice（Word 汇编的目录页码、导入 .doc/.wps）"
    found = find()
    if found:
        return Finding(name, True, found, required=False)
    return Finding(
        name,
        False,
        "没有找到 LibreOffice：Word 汇编的目录页码只能估算，.doc、.wps 文件要先另存为 .docx 才能导入。生成网站不需要它。",
        LIBREOFFICE_FIX[system.kind()],
        required=False,
    )


def check_writable(folders: list[Path]) -> Finding:
    """Each cache folder can be made and written (the build keeps photos and bodies there)."""
    name = "缓存文件夹"
    for folder in folders:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle, probe = tempfile.mkstemp(prefix=".doctor-", dir=folder)
            os.close(handle)
            os.unlink(probe)
        except OSError as exc:
            reason = describe_write_error(exc)  # the system's words are English (Not a directory)
            return Finding(
                name,
                False,
                f"无法在 {folder} 里写文件（{reason}）。",
                "检查这个文件夹的写权限和磁盘空间；也可以在 mkdocs.yml 的 showcase 插件下用 image_cache、body_cache 和 qr_cache 换一个可写的位置。",
            )
    return Finding(name, True, "、".join(str(folder) for folder in folders) + " 可写")


def check_chromium(paths: tuple[str, ...] = CHROMIUM_PATHS, which: Callable[[str], str | None] = shutil.which) -> Finding:
    name = "Chromium（只有运行测试时需要）"
    found = next((p for p in paths if Path(p).exists()), None) or which("chromium-headless-shell")
    if found:
        return Finding(name, True, found, required=False)
    fix = {
        "windows": "测试只在 Linux 上运行（make test）。只生成和预览网站时不需要它。",
        "mac": "测试只在 Linux 上运行（make test）。只生成和预览网站时不需要它。",
        "linux": "运行 make browser，或 sudo apt-get install chromium-headless-shell。只生成和预览网站时不需要它。",
    }[system.kind()]
    return Finding(name, False, "没有找到 Chromium。", fix, required=False)


def cache_folders(options: Options, base: Path) -> list[Path]:
    """The folders the build writes outside site/: the photo cache, the booklets, the
    converted bodies and the QR codes' file."""
    folders = []
    for key, is_file in (
        ("image_cache", False),
        ("booklet_cache", False),
        ("body_cache", False),
        ("case_cache", False),
        ("qr_cache", True),
    ):
        folder = options.path(key, base)
        if folder is not None:
            folder = folder.parent if is_file else folder
            if folder not in folders:
                folders.append(folder)
    return folders


def check_site_files(options: Options, base: Path, site_url: str | None, config_file: Path | None = None) -> Finding:
    """mkdocs.yml's settings and the data files a build reads before its cases, as the build
    reads them: the doctor said 可以生成网站 (exit 0) of a site_url or a texts file the build
    stops at (a configuration audit), though it says whether the build can run; and of a
    taxonomy, a Word form's words or a review list the check and the build stop at (a
    theme's colour 红色, a review list that is no text file: helper custH's trial)."""
    from ..collection.settings import Settings  # the taxonomy, form and review words: only here
    from ..site.sitefiles import read_site_files, screen_site_words  # the texts, footer and related terms: only here

    name = "网站设置"
    if config_file is None:  # run outside the project: 可以生成网站 of a folder with no site (helper custH)
        return Finding(
            name,
            False,
            f"{base} 里没有 mkdocs.yml（网站的设置文件），这里生成不了网站",
            "请到网站项目的文件夹里（mkdocs.yml 和 cases 文件夹所在的那个）再运行 showcase doctor，"
            "或用 showcase -f 路径/mkdocs.yml doctor 指明设置文件。",
        )
    try:
        files = read_site_files(options, base, site_url, config_file=config_file)
        screen_site_words(options, base, Settings.from_options(options, base), files)
    except ShowcaseError as exc:
        return Finding(name, False, f"{exc}", "按上面的说明改正；改好后 showcase check 会先检查这些设置。", wrong=True)
    return Finding(name, True, "mkdocs.yml 的设置和它指定的文件都能读取")


def check_cases_folder(cases_dir: Path, written: bool) -> Finding:
    """The folder the site's pages come from (MkDocs' docs_dir; ``written``: mkdocs.yml names
    it, else MkDocs' default): a new clone whose cases/ was emptied has none (git keeps no
    empty folder), and the doctor said 可以生成网站 of a build that stopped at it in English
    (a deployer's trial)."""
    name = "案例文件夹"
    said = "mkdocs.yml 的 docs_dir" if written else f"mkdocs.yml 没有写 docs_dir，MkDocs 默认用 {cases_dir.name}"
    if cases_dir.is_dir():
        return Finding(name, True, f"{cases_dir}")
    fix = "在 mkdocs.yml 里写上 docs_dir: cases（案例所在的文件夹，本项目的写法）。" if not written else ""
    if cases_dir.exists():
        return Finding(
            name,
            False,
            f"{cases_dir} 不是文件夹（{said}）",
            fix or "请把 mkdocs.yml 的 docs_dir 改成案例所在的文件夹（本项目用 cases）。",
            wrong=True,
        )
    return Finding(
        name,
        False,
        f"找不到 {cases_dir}（{said}），生成网站会停在这里",
        fix or "新建这个文件夹（例如 mkdir cases），再放进案例：git 不保存空文件夹，删光案例后提交的项目里就没有它。",
    )


def check_ledger_file(options: Options, base: Path) -> Finding:
    """The published-URL ledger: a reminder, not required, when there is none yet (a new
    site's first builds): until it is written, a case deleted or renamed is not stopped (a
    deployer's trial: README's first step removes the sample's)."""
    name = "网址清单"
    ledger = options.path("ledger", base)
    if ledger is None:
        return Finding(
            name,
            False,
            "mkdocs.yml 的 ledger 设为空，不检查已发布的网址",
            "正式发布的网站请删掉 ledger 这一行（默认 urls.lock）；只用来试用或测试的网站，可以不管这条提醒。",
            required=False,
        )
    if ledger.is_file():
        return Finding(name, True, f"{ledger}")
    return Finding(
        name,
        False,
        f"还没有 {ledger.name}：已发布的网址还没有记录，删掉或改了编号的案例不会被拦下",
        "网站第一次发布后，运行 showcase urls --update 生成它并提交（用项目自带的 GitHub 发布流程时，它会自动写入并提交）。",
        required=False,
    )


EXAMPLE_REVIEW_WORDS = "review-words.example.txt"  # the packaged list of placeholders (data/)


def check_review_words(options: Options, base: Path) -> Finding:
    """The review list: a reminder when a site still names the packaged example, whose words
    are placeholders (示例违禁词), or none: a maintainer's trial set up a province's site
    and nothing said the cases were screened against no list of its own."""
    name = "审核词表"
    words = options.path("review_words", base)
    fix = (
        "把本单位的审核词表写成文本文件（一行一个词或短语，# 开头的行是注释），"
        "在 mkdocs.yml 的 showcase 插件下写 review_words: 词表文件名；只用来试用的网站，可以不管这条提醒。"
    )
    if words is None:
        return Finding(name, False, "mkdocs.yml 没有设审核词表（review_words），案例不按词表检查", fix, required=False)
    if words.name == EXAMPLE_REVIEW_WORDS:
        return Finding(name, False, f"网站用的是项目自带的示例词表 {EXAMPLE_REVIEW_WORDS}，里面只是占位的示例词", fix, required=False)
    return Finding(name, True, f"{words}")


def check_https(site_url: str) -> Finding:
    """An address of http:// is a reminder (a maintainer's trial: accepted without a word, and
    every QR code, feed and canonical link of the site then says http)."""
    return Finding(
        "网站地址",
        False,
        f"site_url 是 {site_url}（http://）：二维码、订阅源和每页的规范链接都会用 http，浏览器会提示“不安全”",
        "网站开通了 https 的，把 site_url 改成 https:// 开头；确实只有 http 的网站，可以不管这条提醒。",
        required=False,
    )


def settings_problem(message: str) -> Finding:
    """mkdocs.yml itself cannot be read as the site's settings (a plugin's options indented
    wrong, an option misspelt): said among the findings, as the data files' problems are."""
    return Finding("网站设置", False, message, "按上面的说明改正 mkdocs.yml；改好后再运行一次 showcase doctor。", wrong=True)


def diagnose(
    options: Options,
    base: Path,
    site_url: str | None = None,
    config_file: Path | None = None,
    cases_dir: tuple[Path, bool] | None = None,
    problem: str | None = None,
) -> list[Finding]:
    """Every check, in the order a new computer is usually set up, then the site's settings
    (``config_file``: mkdocs.yml, None when there is none) and its cases folder (``cases_dir``:
    MkDocs' docs_dir and whether mkdocs.yml writes it; None when only the build can tell:
    INHERIT, !ENV). ``problem``: why mkdocs.yml could not be read (the checks run on the
    defaults, and it is the settings' finding)."""
    collections = options.path("collections", base)
    findings = [
        check_python(),
        check_font(_media(options, base)),
        check_pagefind(options.search),
        check_pango(options.booklets or (collections is not None and collections.is_file())),
        check_writable(cache_folders(options, base)),
        check_libreoffice(),
        check_chromium(),
        settings_problem(problem) if problem else check_site_files(options, base, site_url, config_file),
    ]
    if config_file is not None:
        settings_ok = findings[-1].ok
        if cases_dir is not None:
            findings.append(check_cases_folder(*cases_dir))
        if settings_ok:
            findings.append(check_ledger_file(options, base))
            findings.append(check_review_words(options, base))
            if site_url and site_url.strip().lower().startswith("http://"):
                findings.append(check_https(site_url.strip()))
    return findings
