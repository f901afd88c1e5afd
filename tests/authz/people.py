from tests.authz.specs import FacilitatorsOnly, GroupOnly, ListPage, OwnerOnly, Public, SignedIn
from tests.factories import InvitationFactory
from tests.factories_items import ContactDetailFactory


def make_contact(owner, secret):
    return ContactDetailFactory(owner=owner, value=secret)


CLASSIFIED = {
    "accept_invitation": Public(),
    # The directory shows everyone's name and roles; contact details only as shared.
    "people_list": ListPage(
        make=make_contact,
        own=True,
        shared=True,
        group_only=True,
        names_shown=True,
        # Contact details are shared by name only, and never for research.
        states=("private", "shared_with_gps_named", "withdrawn"),
    ),
    # Who holds which role, and every change to it: the whole group sees it.
    "role_changes": GroupOnly(),
    # What the workspace told me: only my own notices (tests/integrity/test_roles.py).
    "notices": SignedIn(),
    "people_manage_list": FacilitatorsOnly(),
    "person_manage": FacilitatorsOnly(args=lambda cast: [cast.owner.pk]),
    "invitations": FacilitatorsOnly(),
    "invitation_revoke": FacilitatorsOnly(
        args=lambda cast: [InvitationFactory().pk], method="post"
    ),
    "preferences": SignedIn(),
    "contact_details": ListPage(
        make=make_contact,
        own=True,
        shared=False,
        states=("private", "shared_with_gps_named", "withdrawn"),
    ),
    "contact_detail_delete": OwnerOnly(make=make_contact, method="post"),
}
