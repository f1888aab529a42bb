"""Booklets (案例汇编): a compilation of published cases as Word (.docx) or PDF, engine-free.

``select`` picks and orders the cases (a theme, a year, a collection, a list of ids);
``content`` turns each into what a page shows (processed photos from the image cache,
never originals; the permalink and its QR code); ``docx`` and ``pdf`` lay it out.
"""
