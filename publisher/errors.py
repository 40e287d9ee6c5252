"""Errors a user sees as one clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

import re

import click

# C0 and C1 controls but tab and newline: a file name holding ESC [ … would drive the
# terminal it is printed on (clear it, retitle it, hide what follows).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Text safe to print on a terminal: control characters shown as escapes (``\\x1b``)."""
    return _CONTROL.sub(lambda m: ascii(m.group())[1:-1], text)


class PublisherError(click.ClickException):
    """Base of every error the command line reports to the user."""

    exit_code = 2

    def format_message(self) -> str:
        return printable(super().format_message())


class InputError(PublisherError):
    """A manuscript cannot be read: missing, empty, binary, unknown encoding."""


class FrontMatterError(PublisherError):
    """The YAML front matter of an edited Markdown file is malformed."""
