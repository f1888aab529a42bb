"""Word files and LibreOffice.

- ``chinese_text``: the language every Word file we write declares (the Word form and the
  booklet); ``own_properties``: the program named in its properties.
- LibreOffice, headless, for the two places that need a word processor's own reading or
  layout: old .doc/.wps submissions converted to .docx (``editors/intake``) and a booklet
  laid out to find its contents' page numbers (``outputs/booklet/layout.py``).
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import shutil
import signal
import socket
import struct
import subprocess
import time
import zipfile
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from . import system

if TYPE_CHECKING:
    from docx.document import Document

# The most members a zip from outside (a .docx, an inbox's archive) may have before it is
# opened: a .docx has 15–60 parts, an inbox of 50 submissions a few hundred files. The
# import refuses more (editors/intake/safety.py); the check reads no more (case/loosefiles.py).
MAX_ZIP_MEMBERS = 5000
# A member's entry in a zip's directory: 46 bytes, its name (at most a few hundred bytes in
# any real archive) and extra fields. 5,000 entries of 560 bytes: 2.7 MB. zipfile reads every
# entry the directory's size holds, whatever count the end record claims.
MAX_DIRECTORY_BYTES = MAX_ZIP_MEMBERS * 560


def no_file(info: zipfile.ZipInfo) -> bool:
    """Whether a zip member is a folder or has no name (nothing to read or unpack). Not
    ``ZipInfo.is_dir()``: it reads the name's last character, and a damaged or hand-made
    zip's may be empty (IndexError, a traceback in the check and the import)."""
    return not info.filename or info.filename.endswith("/")


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its maker wrote it: UTF-8 flag, else UTF-8 anyway, else GBK."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def zip_end_record(source: Path | IO[bytes]) -> tuple[int, int] | None:
    """(members, directory bytes) as the zip's end of central directory record gives them,
    the zip64 record's where there is one (as ``zipfile`` reads them); None when there is
    no record to read (``zipfile`` then says the file is broken). ``source``: a file, or
    the bytes of one (a .docx inside a zip)."""
    with source.open("rb") if isinstance(source, Path) else contextlib.nullcontext(source) as handle:
        size = handle.seek(0, os.SEEK_END)
        handle.seek(max(0, size - (22 + 0xFFFF)))  # the record, and a comment of at most 64 KB
        tail = handle.read()
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or len(tail) - at < 22:
            return None
        count, directory = struct.unpack_from("<HI", tail, at + 10)
        if at >= 20 and tail[at - 20 : at - 16] == b"PK\x06\x07":  # zip64: its own record
            (record,) = struct.unpack_from("<Q", tail, at - 20 + 8)
            if record > size - 56:  # past the file's end (a hostile locator): zipfile says it is broken
                return int(count), int(directory)
            handle.seek(record)
            zip64 = handle.read(56)
            if len(zip64) == 56 and zip64[:4] == b"PK\x06\x06":
                count64, directory64 = struct.unpack_from("<QQ", zip64, 32)
                return max(int(count), int(count64)), max(int(directory), int(directory64))
    return int(count), int(directory)


def too_many_members(source: Path | IO[bytes]) -> bool:
    """Whether the zip's end record claims more members, or a larger directory, than
    ``MAX_ZIP_MEMBERS`` allow: such a zip is not opened (``zipfile`` would list them all)."""
    claimed = zip_end_record(source)
    return claimed is not None and (claimed[0] > MAX_ZIP_MEMBERS or claimed[1] > MAX_DIRECTORY_BYTES)


def chinese_text(document: Document) -> None:
    """Declare a python-docx ``document``'s text Simplified Chinese (``w:lang w:eastAsia="zh-CN"``
    in its defaults).

    python-docx's template declares English only. Word and LibreOffice then take the
    characters both scripts share — the quotation marks “” ‘’, the dash — for Latin and
    draw them with the Latin font, at half width beside the Chinese text, and apply no
    Chinese line-breaking rules.
    """
    from docx.oxml.ns import qn

    parent = document.styles.element
    for name in ("w:docDefaults", "w:rPrDefault", "w:rPr"):  # each its parent's first child
        child = parent.find(qn(name))
        if child is None:
            child = parent.makeelement(qn(name), {})
            parent.insert(0, child)
        parent = child
    rpr = parent
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")
    # The template's theme fonts are Japanese for East Asian text (themeFontLang ja-JP: ＭＳ 明朝,
    # ＭＳ ゴシック); Chinese picks the theme's Hans fonts (宋体) for any text set in a theme font.
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")


def plain_headings(document: Document, names: tuple[str, ...] = ("Title", "Heading 1", "Heading 2", "Heading 3")) -> None:
    """The title and headings of a python-docx ``document`` black, the title without its rule:
    the template's are blue, and its Title has a blue line under it, out of place on a
    government booklet or form and unlike the PDF booklet (a department's trial)."""
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    for name in names:
        style = document.styles[name]
        style.font.color.rgb = RGBColor(0, 0, 0)
        ppr = style.element.pPr
        for border in ppr.findall(qn("w:pBdr")) if ppr is not None else ():
            ppr.remove(border)


# The template's extended properties said "Microsoft Macintosh Word", one page and no words
# (an editor's trial read them in the file's properties): the program's own, and nothing else.
APP_PROPERTIES = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>showcase</Application></Properties>"
)


def own_properties(document: Document) -> None:
    """A python-docx ``document``'s docProps/app.xml: this program's name, not the template's Word;
    and no docProps/thumbnail.jpeg, the template's blank page, which file managers and WPS's
    file list showed as the file's picture (a department's trial: the booklet looked empty)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT  # docx is loaded only by what writes Word files

    package = document.part.package
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = APP_PROPERTIES  # a plain Part: python-docx models no extended properties
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # a part no relationship reaches is not written
            package.rels.pop(rel_id)


# Where LibreOffice's installers put it when its folder is not on PATH (Windows' installer
# never adds it; the Mac's app bundle is not on PATH either).
INSTALLED = {
    "windows": (
        r"C:\Program Files\LibreOffice\program\soffice.exe",
        r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    ),
    "mac": ("/Applications/LibreOffice.app/Contents/MacOS/soffice",),
    "linux": (),
}


def soffice() -> str | None:
    """LibreOffice's command, or None when it is not installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    return found or next((path for path in INSTALLED[system.kind()] if os.path.isfile(path)), None)


# LibreOffice's settings for reading a file someone sent: a linked picture is not fetched
# (it asked the sender's server for it twice while converting an old .doc — the editor's
# address, the moment the file was opened, and a GET into the editor's own network; a
# security review), since every web and FTP address goes to a proxy that is not there
# (port 9, "discard") and links from documents outside trusted places are blocked; no
# macro runs.
LOCKED_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetProxyType" oor:op="fuse"><value>1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPProxyName" oor:op="fuse"><value>127.0.0.1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPProxyPort" oor:op="fuse"><value>9</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPSProxyName" oor:op="fuse"><value>127.0.0.1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPSProxyPort" oor:op="fuse"><value>9</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetFTPProxyName" oor:op="fuse"><value>127.0.0.1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetFTPProxyPort" oor:op="fuse"><value>9</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetNoProxy" oor:op="fuse"><value></value></prop></item>
</oor:items>
"""


def convert(office: str, source: Path, to: str, *, timeout: float, infilter: str | None = None) -> Path | None:
    """``source`` converted to format ``to`` (``docx``, ``pdf``) beside it; None if LibreOffice
    wrote nothing (a broken file, a crash, the time limit). It runs with its own profile in
    the source's folder, so that another LibreOffice running on the machine does not matter,
    set up to fetch nothing from the network (``LOCKED_PROFILE``)."""
    # Absolute paths: LibreOffice reads TMPDIR as it is, and with a relative one (``showcase
    # import --into 草稿箱``) it failed to store any file with a picture (a helper's trial).
    source = source.absolute()
    outdir = source.parent
    settings = outdir / "profile" / "user" / "registrymodifications.xcu"
    if not settings.exists():  # LibreOffice keeps these when it makes the rest of the profile
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(LOCKED_PROFILE, encoding="utf-8")
    command = [office, f"-env:UserInstallation={(outdir / 'profile').resolve().as_uri()}", "--headless", "--norestore"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", to, "--outdir", str(outdir), str(source)]
    # Its temporary files in the caller's folder too, which goes with it: stopped, LibreOffice
    # left its lu….tmp folder in the system's (an editor's trial at 10,000 cases).
    scratch = outdir / "tmp"
    scratch.mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(scratch), "TMP": str(scratch), "TEMP": str(scratch)}
    pipes = _office_pipes()
    with contextlib.suppress(OSError):
        # its own process group: soffice starts soffice.bin, which outlived a killed soffice
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, start_new_session=True, env=env
        )
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _stop(process, pipes)
            return None  # whatever it left half-written is not a result
        except BaseException:
            # Ctrl+C (or another signal) reaches us, not LibreOffice in its own session: it went
            # on writing into its profile while the caller's temporary folder was being removed,
            # and the folder stayed (an editor's trial)
            _stop(process, pipes)
            raise
    result = outdir / f"{source.stem}.{to}"
    return result if result.is_file() else None


# Where LibreOffice puts the socket by which a second start finds the first (its sal library
# names these two folders, whatever TMPDIR says), and the socket's name for this user.
PIPE_FOLDERS = (Path("/tmp"), Path("/var/tmp"))


def _office_pipes() -> set[Path]:
    """LibreOffice's sockets of this user now (none on Windows, where they are named pipes)."""
    if not hasattr(os, "getuid"):
        return set()
    found: set[Path] = set()
    for folder in PIPE_FOLDERS:
        with contextlib.suppress(OSError):
            found |= set(folder.glob(f"OSL_PIPE_{os.getuid()}_SingleOfficeIPC_*"))
    return found


def _stop(process: subprocess.Popen[bytes], pipes: set[Path]) -> None:
    """End LibreOffice and the processes it started, wait until they are gone, and remove the
    socket it made and could not remove itself (one a stopped run left in /tmp: the same
    trial): a new one that no process answers on (``pipes``: those there before it started)."""
    with contextlib.suppress(OSError):
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:  # Windows: no process groups here
            process.kill()
    process.wait()
    if hasattr(os, "killpg"):  # soffice.bin, which holds the socket, may outlive soffice by a moment
        for _ in range(100):
            try:
                os.killpg(process.pid, 0)
            except OSError:  # no process of the group is left
                break
            time.sleep(0.05)
    for pipe in _office_pipes() - pipes:
        with contextlib.suppress(OSError), socket.socket(socket.AF_UNIX) as probe:
            try:
                probe.connect(str(pipe))
            except ConnectionRefusedError:  # nobody listens: the stopped LibreOffice's
                pipe.unlink()


def parse_xml(data: bytes) -> Any:
    """A part of an office file (a .docx's, an .odt's) parsed by lxml (in C): entities neither
    resolved nor loaded, no network, no huge trees. Every part the import reads itself goes
    through here (and ``reader.check_docx`` has refused any DTD first)."""
    from lxml import etree

    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False))


def document_parts(archive: zipfile.ZipFile, *kinds: str) -> list[tuple[str, str]]:
    """The parts of a .docx's zip ``archive`` that word/document.xml relates to as one of
    ``kinds`` (the end of a relationship's type: "/image", "/header"), in the order written:
    (relationship id, the part's name in the zip). Not a linked one outside the file, nor a
    target the zip does not hold."""
    names = set(archive.namelist())
    if "word/_rels/document.xml.rels" not in names:
        return []
    found = []
    for rel in parse_xml(archive.read("word/_rels/document.xml.rels")):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not rel.get("Type", "").endswith(kinds) or not target:
            continue
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("word", target))
        if part in names:
            found.append((rel.get("Id", ""), part))
    return found
