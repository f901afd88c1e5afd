"""Note text: a small Markdown subset, rendered to HTML, then sanitised.

Two layers, so that a mistake in one is caught by the other:

1. markdown-it-py with raw HTML off: anything that looks like a tag is shown as
   text. Headings, images, indented code and reference definitions are off too
   (a "#" or four spaces typed on a phone should not change how a note looks;
   images are never shown, see below).
2. nh3 (the Rust `ammonia` sanitiser) on an allow-list: only the tags the subset
   produces, only `href` on links, and only http, https and mailto links.

Images are not allowed at all: there is no upload, and an image from another
site tells that site who is reading the note, and when.
"""

from __future__ import annotations

import html
import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset(
    {"p", "br", "em", "strong", "s", "code", "pre", "blockquote", "ul", "ol", "li", "hr", "a"}
)
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
_ABSOLUTE_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)

_markdown = (
    MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False})
    .enable("strikethrough")
    .disable(["heading", "lheading", "image", "code", "reference", "html_block", "html_inline"])
)


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    # Only absolute web and mail links: a relative link could point at a page
    # of this site and make an action look like part of the note.
    if tag == "a" and attribute == "href" and not _ABSOLUTE_LINK.match(value):
        return None
    if tag == "ol" and attribute == "start" and not value.isdigit():
        return None
    return value


def render_markdown(text: str) -> SafeString:
    """The note's text as safe HTML."""
    rendered = _markdown.render(text or "")
    cleaned = nh3.clean(
        rendered,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        attribute_filter=_keep_attribute,
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 on the allow-list above


def plain_text(text: str) -> str:
    """The words of a note without any markup, on one line."""
    rendered = _markdown.render(text or "")
    words = html.unescape(nh3.clean(rendered, tags=set()))
    return " ".join(words.split())


def excerpt(*texts: str, length: int = 200) -> str:
    """The start of a note's words, for lists: its parts joined with a dot."""
    words = " · ".join(filter(None, (plain_text(text) for text in texts)))
    if len(words) <= length:
        return words
    return words[:length].rsplit(" ", 1)[0] + "…"
