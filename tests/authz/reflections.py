from tests.authz.specs import FacilitatorsOnly, ItemPage, ListPage, OwnerOnly, SignedIn
from tests.factories_items import NoteFactory
from tests.factories_reflections import PromptFactory, write_note


def make_note(owner, secret):
    return NoteFactory(owner=owner, title=secret, body=secret)


def make_written_note(owner, secret):
    """Saved through the app, so it has a version."""
    return write_note(owner, title=secret, body=secret)


def make_warned_note(owner, secret):
    return write_note(owner, title=secret, body=secret, content_warnings=["violence"])


CLASSIFIED = {
    "my_notes": ListPage(make=make_note, own=True, shared=False),
    "notes_shared": ListPage(make=make_note, own=False, shared=True),
    # Without words to look for, search lists every note the person may see.
    "note_search": ListPage(make=make_note, own=True, shared=True),
    "note_create": SignedIn(),
    "note_prompts": SignedIn(),
    "note_detail": ItemPage(make=make_note),
    # The text behind a content warning, on its own page.
    "note_read": ItemPage(make=make_warned_note),
    "note_edit": OwnerOnly(make=make_note),
    "note_autosave": OwnerOnly(make=make_note, method="post"),
    "note_draft_discard": OwnerOnly(make=make_note, method="post"),
    "note_delete": OwnerOnly(make=make_note),
    "note_versions": OwnerOnly(make=make_written_note),
    "note_version": OwnerOnly(
        make=make_written_note, args=lambda note: [note.pk, note.versions.get().pk]
    ),
    "prompts_manage": FacilitatorsOnly(),
    "prompt_edit": FacilitatorsOnly(args=lambda cast: [PromptFactory().pk]),
}
