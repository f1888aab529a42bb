"""Which pictures a submission holds itself, for the files LibreOffice converts (.rtf, .odt,
.doc, .wps).

LibreOffice reads a picture an .rtf only names (``INCLUDEPICTURE "C:\\…\\身份证.pdf"``, a
relative path too) from the disk of the computer that runs the import, and embeds it in the
.docx it writes: a security review pulled a picture and the first page of a PDF from the
editor's own folders into a draft, to be published. Nothing in that .docx says where a
picture came from, so a picture is imported only when its bytes are in the file as sent:
hex or binary in an .rtf, a member of an .odt, a stream of an old Word file (an OLE
compound file). LibreOffice keeps PNG and JPEG pictures byte for byte when it converts.
"""

from __future__ import annotations

import binascii
import hashlib
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from ...office import no_file
from .safety import MAX_FILE_BYTES, OLE_MAGIC

Sent = Callable[[bytes], bool]


def sent_pictures(source: Path) -> Sent | None:
    """Whether a picture (its bytes) is in ``source`` itself; None for a .docx, read as it is."""
    data = source.read_bytes()
    if data.startswith(OLE_MAGIC):
        streams = _ole_streams(data)
        return lambda picture: any(picture in stream for stream in streams)
    if data.startswith(b"PK"):
        digests = _members(source)
        return lambda picture: hashlib.sha256(picture).digest() in digests
    if data.lstrip()[:5] == b"{\\rtf":
        hexed = re.sub(rb"\s+", b"", data).lower()
        return lambda picture: picture in data or binascii.hexlify(picture) in hexed
    return None


def word97_encrypted(source: Path) -> bool:
    """Whether an old Word file (.doc) is locked with a password: its WordDocument stream's
    FIB (wIdent 0xA5EC) has fEncrypted (0x0100) set. LibreOffice converts nothing then, and
    the import called it damaged (a helper's trial)."""
    data = source.read_bytes()
    if not data.startswith(OLE_MAGIC):
        return False
    return any(s[:2] == b"\xec\xa5" and len(s) > 12 and int.from_bytes(s[10:12], "little") & 0x0100 for s in _ole_streams(data))


def _members(source: Path) -> set[bytes]:
    """The SHA-256 of every member of a zip (an .odt) but its XML, each read up to the size of
    a file sent (the import has checked the archive's limits, ``to_docx``)."""
    digests = set()
    try:
        with zipfile.ZipFile(source) as archive:
            for info in archive.infolist():
                if not no_file(info) and info.file_size <= MAX_FILE_BYTES and not info.filename.endswith((".xml", ".rdf")):
                    with archive.open(info) as member:
                        digests.add(hashlib.sha256(member.read(MAX_FILE_BYTES + 1)).digest())
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        pass  # unreadable: no picture of it counts as sent
    return digests


def _ole_streams(data: bytes) -> list[bytes]:
    """The streams of an OLE compound file, reassembled from their sectors ([] when it is no
    such file). Every chain is followed at most once per sector, so a loop ends."""

    def u32(at: int) -> int:
        return int.from_bytes(data[at : at + 4], "little")

    shift, mini_shift = int.from_bytes(data[30:32], "little"), int.from_bytes(data[32:34], "little")
    if len(data) < 512 or shift not in (9, 12) or mini_shift != 6:
        return []
    size = 1 << shift
    sectors = (len(data) - size) // size

    def sector(number: int) -> bytes:
        return data[(number + 1) * size : (number + 2) * size]

    def chain(start: int, table: list[int], limit: int) -> list[int]:
        found, seen = [], set()
        while start < min(len(table), limit) and start not in seen:
            seen.add(start)
            found.append(start)
            start = table[start]
        return found

    fat_sectors = [u32(76 + 4 * i) for i in range(109)]
    difat, seen = u32(68), set()
    while difat < sectors and difat not in seen and len(fat_sectors) < sectors:
        seen.add(difat)
        block = sector(difat)
        fat_sectors += [int.from_bytes(block[i : i + 4], "little") for i in range(0, size - 4, 4)]
        difat = int.from_bytes(block[size - 4 :], "little")
    fat = [
        int.from_bytes(block[i : i + 4], "little")
        for number in fat_sectors[: u32(44)]
        if number < sectors
        for block in [sector(number)]
        for i in range(0, size, 4)
    ]

    def big(start: int, length: int) -> bytes:
        return b"".join(sector(n) for n in chain(start, fat, sectors))[:length]

    directory = big(u32(48), sectors * size)
    entries = [directory[i : i + 128] for i in range(0, len(directory) - 127, 128)]
    if not entries:
        return []
    mini_fat_bytes = big(u32(60), sectors * size)
    mini_fat = [int.from_bytes(mini_fat_bytes[i : i + 4], "little") for i in range(0, len(mini_fat_bytes) - 3, 4)]
    root = entries[0]
    mini_stream = big(int.from_bytes(root[116:120], "little"), int.from_bytes(root[120:124], "little"))
    cutoff, streams, budget = u32(56), [], 2 * len(data)  # entries may all claim one chain: read no more than that
    for entry in entries:
        if entry[66] != 2:  # a stream (not storage, root or unused)
            continue
        if budget <= 0:
            break
        start, length = int.from_bytes(entry[116:120], "little"), int.from_bytes(entry[120:124], "little")
        if length < cutoff:
            mini = chain(start, mini_fat, len(mini_stream) // 64)
            streams.append(b"".join(mini_stream[n * 64 : (n + 1) * 64] for n in mini)[:length])
        else:
            streams.append(big(start, length))
        budget -= len(streams[-1])
    return streams
