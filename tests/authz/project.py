from tests.authz.specs import FacilitatorsOnly, ListPage, Public
from tests.factories_items import NoteFactory


def make_note(owner, secret):
    return NoteFactory(owner=owner, title=secret)


CLASSIFIED = {
    # "My recent notes" and "Shared with me" both show note titles.
    "dashboard": ListPage(make=make_note, own=True, shared=True),
    "healthz": Public(),
    "manage": FacilitatorsOnly(),
    # Exit this page: works signed out too (tests/safety).
    "quick_exit": Public(),
    "privacy": Public(),
}
