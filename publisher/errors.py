"""Errors a user sees as one clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

import click


class PublisherError(click.ClickException):
    """Base of every error the command line reports to the user."""

    exit_code = 2


class InputError(PublisherError):
    """A manuscript cannot be read: missing, empty, binary, unknown encoding."""


class FrontMatterError(PublisherError):
    """The YAML front matter of an edited Markdown file is malformed."""
