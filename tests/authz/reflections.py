from tests.authz.specs import ItemPage, ListPage, OwnerOnly, SignedIn
from tests.factories_items import NoteFactory


def make_note(owner, secret):
    return NoteFactory(owner=owner, title=secret, body=secret)


CLASSIFIED = {
    "my_notes": ListPage(make=make_note, own=True, shared=False),
    "note_create": SignedIn(),
    "note_detail": ItemPage(make=make_note),
    "note_edit": OwnerOnly(make=make_note),
}
