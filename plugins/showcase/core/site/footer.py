"""The footer a government or public-service site must show: organizer, contact, filings.

A site in mainland China shows its ICP filing number (ICP备案号) linking to the MIIT
filing system, and, once filed with the public security organs, its public-security
filing number (公网安备) linking to the national filing platform. Everything is empty
by default and nothing is shown when empty.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError
from ..han import HALF_WIDTH
from ..options import at_line, unknown_key, yaml_text

MIIT_URL = "https://beian.miit.gov.cn/"
POLICE_URL = "https://beian.mps.gov.cn/#/query/webSearch?code={code}"

# 粤ICP备12345678号, 京ICP备2021012345号-1 (the digits vary in length over the years).
# Digits are ASCII ones: \d took full-width ０５０１ (a maintainer's trial), which the MIIT writes never
_ICP = re.compile(r"^\S{1,4}ICP备[0-9]{6,12}号(-[0-9]{1,3})?$")
# 粤公网安备 44010402000123号: the 14 digits are the record code the link queries.
_POLICE = re.compile(r"^\S{1,4}公网安备\s*([0-9]{14})号$")
# A contact that names what it is (联系电话：…, 电子邮箱：…, as mkdocs.yml's example writes it).
_LABELLED = re.compile(r"^[\u4e00-\u9fff]{1,8}[：:]")


class FooterError(ConfigError):
    """A footer option is malformed; the message says which and how to write it."""


@dataclass(frozen=True)
class Footer:
    organizer: str = ""
    contact: str = ""
    icp: str = ""
    police: str = ""

    @property
    def empty(self) -> bool:
        return not any(getattr(self, key) for key in FOOTER_KEYS)

    @property
    def contact_labelled(self) -> bool:
        """Whether the contact begins with its own label: the footer then shows it without the
        site's (a county's trial showed “联系方式：联系电话：0575-…” on every page)."""
        return bool(_LABELLED.match(self.contact))

    @property
    def icp_url(self) -> str:
        return MIIT_URL if self.icp else ""

    @property
    def police_url(self) -> str:
        match = _POLICE.match(self.police)
        return POLICE_URL.format(code=match.group(1)) if match else ""

    def production_notice(self, site_url: str) -> str | None:
        """For a production build (``site_url`` set): what the footer still lacks, in one line.

        A site in mainland China must show its organizer and ICP filing number; a trial
        build without ``site_url`` is not told. A notice, not a warning: a strict build
        must not stop for it (the numbers may come only just before going live).
        """
        missing = [
            name for value, name in ((self.organizer, "主办单位（footer.organizer）"), (self.icp, "ICP备案号（footer.icp）")) if not value
        ]
        if not site_url or not missing:
            return None
        return (
            f"mkdocs.yml 设置了 site_url（正式发布），但页脚还没有填写{'和'.join(missing)}："
            "在中国大陆开办的网站须在页脚展示主办单位和 ICP备案号，请在 mkdocs.yml 的 footer 里填写。"
        )

    @classmethod
    def from_options(cls, options: dict[str, Any] | None, source: str = "mkdocs.yml", lines: Mapping[str, int] | None = None) -> Footer:
        """Read the ``footer`` options; a filing number written wrongly is an error, not a wrong
        link. ``lines``: each key's line in ``source`` (``mkdocs_yml.plugin_option_lines``), for
        the message to name it (a maintainer's trial was told only “mkdocs.yml：”)."""
        options = options or {}
        for key in options:
            if key not in FOOTER_KEYS:
                raise FooterError(unknown_key(at_line(source, str(key), lines), "footer 下", str(key), list(FOOTER_KEYS)))
        values: dict[str, str] = {}
        for key in FOOTER_KEYS:
            value = options.get(key)
            if isinstance(value, bool) or not isinstance(value, (str, int, float, type(None))):
                raise FooterError(f"{at_line(source, key, lines)}：footer 的 {key} 应是一段文字，现在是“{yaml_text(value)}”。不填就留空。")
            values[key] = " ".join(str(value or "").split())
        if values["icp"] and not _ICP.match(values["icp"]):
            raise FooterError(
                f"{at_line(source, 'icp', lines)}：footer 的 icp（ICP备案号）“{values['icp']}”格式不对{_why(values['icp'], 'ICP备')}。"
                "请照工信部备案系统里的写法填写，例如“粤ICP备12345678号-1”；还没有备案号就留空。"
            )
        if values["police"] and not _POLICE.match(values["police"]):
            raise FooterError(
                f"{at_line(source, 'police', lines)}：footer 的 police（公安备案号）“{values['police']}”格式不对{_why(values['police'], '公网安备')}。"
                "应形如“粤公网安备 44010402000123号”（14 位数字）；还没有备案号就留空。"
            )
        return cls(**values)


def _why(number: str, word: str) -> str:
    """What is wrong with a filing number, where it can be told (a maintainer's trial was
    told only 格式不对 of 浙ICP备05012345, icp for ICP, and a full-width －)."""
    wide = sorted({c for c in number if ord(c) in HALF_WIDTH})
    if wide:
        return f"：里面有全角字符（{''.join(wide)}），字母、数字和连字符“-”要用半角"
    if word == "ICP备" and "ICP" not in number and "icp" in number.lower():
        return "：ICP 三个字母要大写"
    if word not in number:
        return f"：少了“{word}”"
    if not re.search(r"[0-9]号", number):
        return "：数字后面少了“号”字"
    return ""


FOOTER_KEYS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Footer))  # mkdocs.yml's footer options
