"""A build of the site, engine-free: what it makes of the cases (the plugin's ``on_pre_build``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..collection.curated import CuratedCollection
from ..collection.loading import Collection
from ..media.pipeline import SiteMedia
from ..outputs.booklet.site import BookletFile
from .index import SiteIndex
from .plan import PageSpec, SitePlan
from .qr import QrCodes


@dataclass
class Site:
    """The cases of this build and what is made of them (``on_pre_build``)."""

    collection: Collection
    index: SiteIndex
    plan: SitePlan
    media: SiteMedia
    specs: dict[str, PageSpec] = field(default_factory=dict)  # src_uri -> the page's spec
    curated: list[CuratedCollection] = field(default_factory=list)  # collections.yml, resolved against the cases
    booklets: dict[str, list[BookletFile]] = field(default_factory=dict)  # page URL -> its 下载汇编 files
    qr_codes: QrCodes = field(default_factory=lambda: QrCodes(None))  # the case pages' (made before the pages)
