"""Who may use the pages about passages that name someone: the person named (her list, each
passage and her answer); facilitators see only which are waiting. A passage never reaches
anyone else through these pages."""

from meetings.minutes import services as minutes_services
from tests.authz.specs import FacilitatorsOnly, ListPage, OwnerOnly
from tests.factories_meetings import FacilitatorFactory, MeetingFactory


def make_mention(owner, secret):
    """Minutes by a facilitator outside the cast, naming the owner in a sentence holding the
    secret: the owner's mention."""
    minutes = minutes_services.minutes_write(
        meeting=MeetingFactory(),
        body=f"{owner.display_name} told us about {secret}.",
        audience="only_me",
        by=FacilitatorFactory(),
    )
    from mentions.models import Mention

    return Mention.objects.get(source_id=minutes.pk, owner=owner)


CLASSIFIED = {
    "mentions_mine": ListPage(make=make_mention, own=True, shared=False, states=("private",)),
    "mention_detail": OwnerOnly(make=make_mention),
    "mentions_waiting": FacilitatorsOnly(),
}
