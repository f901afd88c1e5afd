"""Note text is Markdown from people we do not vet: nothing in it may run, load or track."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reflections.markdown import ALLOWED_TAGS, excerpt, plain_text, render_markdown

SAFE_SCHEMES = ("http://", "https://", "mailto:")


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))


def tags_of(html: str):
    collector = Collector()
    collector.feed(html)
    collector.close()
    return collector.tags


def assert_harmless(html: str) -> None:
    """No executable tag or attribute, no script URL, nothing loaded from anywhere."""
    lowered = html.lower()
    for dangerous in ("<script", "<img", "<iframe", "<svg", "<style", "<object", "<embed"):
        assert dangerous not in lowered, html
    for tag, attrs in tags_of(html):
        assert tag in ALLOWED_TAGS, html
        for name, value in attrs:
            assert not name.startswith("on"), html
            assert name in {"href", "rel", "start"}, html
            if name == "href":
                # The parser has already decoded entities: what a browser would follow.
                target = "".join(ch for ch in (value or "") if ch > " ").lower()
                assert target.startswith(SAFE_SCHEMES), html


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">click</a>',
        "[click](javascript:alert(1))",
        "[click](JAVASCRIPT:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click](vbscript:msgbox)",
        "![tracking pixel](https://tracker.example/pixel.gif)",
        '<p onclick="alert(1)">hi</p>',
        "<svg onload=alert(1)>",
        "<iframe src=https://evil.example></iframe>",
        '<div style="position:fixed">cover</div>',
        "<https://example.org/ok>",
    ],
)
def test_known_attacks_are_rendered_harmless(text):
    assert_harmless(render_markdown(text))


def test_script_tags_are_shown_as_text_not_run():
    html = render_markdown("<script>alert(1)</script>")
    assert "&lt;script&gt;" in html


def test_images_are_never_loaded_even_from_this_site():
    for text in ("![me](https://elsewhere.example/me.jpg)", "![me](/static/img/favicon.svg)"):
        assert "<img" not in render_markdown(text)


def test_web_and_mail_links_work_and_give_nothing_away():
    html = render_markdown("[the leaflet](https://example.org/leaflet) or <mailto:a@example.org>")
    assert '<a href="https://example.org/leaflet" rel="noopener noreferrer nofollow">' in html
    assert 'href="mailto:a@example.org"' in html


def test_links_into_this_site_lose_their_target():
    # A note must not be able to dress up a link to "delete" or "share" as part of its text.
    html = render_markdown("[press here](/notes/new/)")
    assert "href" not in html
    assert "press here" in html


def test_the_small_subset_renders_what_people_type_on_a_phone():
    html = render_markdown("I felt *heard* and **safe**.\nNew line\n\n- one\n- two\n\n> a quote")
    assert "<em>heard</em>" in html
    assert "<strong>safe</strong>" in html
    assert "<br>" in html
    assert "<li>one</li>" in html
    assert "<blockquote>" in html


def test_a_hash_or_indent_does_not_turn_into_a_heading_or_code():
    html = render_markdown("# not a heading\n\n    four spaces in")
    assert "<h1>" not in html
    assert "<pre>" not in html


def test_plain_text_and_excerpt_drop_markup_and_keep_words():
    assert plain_text("**Bold** <b>x</b> & more") == "Bold <b>x</b> & more"
    assert excerpt("Being *heard*", "", "We talked") == "Being heard · We talked"
    long = "word " * 100
    short = excerpt(long, length=50)
    assert short.endswith("…")
    assert len(short) <= 51


# Pieces attackers use, mixed with random text, so hypothesis explores their combinations.
FRAGMENTS = [
    "<script>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=",
    "javascript:",
    "JaVaScRiPt:",
    "java\tscript:",
    "&#106;avascript:",
    "&#x6A;",
    "data:text/html,",
    "vbscript:",
    "![a](",
    "[a](",
    "](",
    ")",
    "<",
    ">",
    '"',
    "'",
    "`",
    "onerror=",
    ' onclick="',
    "<svg/onload=alert(1)>",
    "<iframe src=",
    "<style>",
    "<!--",
    "-->",
    "<https://",
    "<mailto:",
    "http://evil.example/x.png",
    "*",
    "_",
    "> ",
    "- ",
    "1. ",
    "\n",
    "\n\n",
    "    ",
    "&lt;",
    "&amp;",
    "\x00",
    "\u202e",
]
markdown_ish = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=40
).map("".join)


@settings(max_examples=400, deadline=None)
@given(markdown_ish)
def test_no_input_renders_an_executable_tag_or_attribute(text):
    assert_harmless(render_markdown(text))
