"""One root for every error the showcase reports as a message, never as a traceback.

Diagnostics about cases are values (``core/diagnostics.py``), collected and printed
once. These exceptions are for what stops a command or a build before or outside the
cases: a broken option or data file (``ConfigError``), a missing tool, a git failure.
Their message is plain Chinese and names the file or option; ``exit_code`` is what a
``showcase`` subcommand exits with when one reaches it (``cli.main``).
"""

from __future__ import annotations

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2  # a showcase command's exit codes (cli.py, commands/)


class ShowcaseError(Exception):
    """Something the user can fix stopped the work; the message says what and how.

    ``command``: the subcommand the message is said in the name of (``showcase new: …``),
    when it is one of that command's own refusals; else ``cli.main`` says ``showcase: …``.
    """

    exit_code = EXIT_ERRORS
    command = ""

    def __init__(self, *args: object, command: str = "") -> None:
        super().__init__(*args)
        if command:
            self.command = command


class UsageError(ShowcaseError):
    """The command line asks for what cannot be done as written (a base ref that is not
    there, an output file of the wrong kind, a port in use). Like argparse's own, it exits 2."""

    exit_code = EXIT_USAGE


class ConfigError(ShowcaseError, ValueError):
    """An option in mkdocs.yml or a data file it names (taxonomy, texts, review words,
    footer, ledger) cannot be used. Like a usage error, it exits 2."""

    exit_code = EXIT_USAGE
