from tests.authz.specs import ListPage, OwnerOnly, SignedIn
from tests.factories_items import NoteFactory


def make_note(owner, secret):
    return NoteFactory(owner=owner, title=secret, body=secret)


CLASSIFIED = {
    "shared_with_me": ListPage(make=make_note, own=False, shared=True),
    "seen": SignedIn(),
    "consent_history": SignedIn(),
    "share": OwnerOnly(make=make_note, args=lambda item: ["note", item.pk]),
    "stop_sharing": OwnerOnly(make=make_note, args=lambda item: ["note", item.pk], method="post"),
}
