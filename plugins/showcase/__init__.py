"""The practice-case showcase: cases of community social organizations in
New-Era Civilization Practice, checked and published as a static site.

``showcase.core`` knows nothing of MkDocs; ``showcase.plugin`` adapts it to MkDocs.
"""

__version__ = "0.1.0"
