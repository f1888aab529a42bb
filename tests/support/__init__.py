"""What the test folders share: projects in temporary folders, builds, photos, serving.

- ``project``: copy this project's site setup into a folder, write cases with front matter,
  write the URL ledger, edit front matter;
- ``build``: build a site with MkDocs' API or in a subprocess, run ``showcase`` as a process,
  read what a build wrote;
- ``images``: photos as phones make them (and the checks that nothing of that is published);
- ``serve``: a built site on loopback, Debian's Chromium (``scripts/chromium.py``).

Test folders import from here, never from each other's ``conftest``. ``scripts/`` is on the
import path through ``pythonpath`` in ``[tool.pytest.ini_options]``.
"""
