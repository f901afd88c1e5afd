from django.apps import AppConfig

from consent.kinds import Kind


class MentionsConfig(AppConfig):
    name = "mentions"
    verbose_name = "Passages that name people"

    def ready(self) -> None:
        from django.db.models import Q

        from consent.registry import ItemKind, register
        from consent.services import item_deleted
        from mentions import sources
        from mentions.models import Mention

        def title(mention: Mention, viewer: object) -> str:
            source = sources.get(mention.source_kind)
            return f"A passage in {source.label if source else 'something'} that names you"

        # A passage of someone else's words that names her: hers to decide about, never
        # shared on its own, never exported as such (research uses the text it is part of).
        register(
            ItemKind(
                key=Kind.MENTION,
                model=Mention,
                label="passage that names you",
                url_name="mention_detail",
                title=title,
                audiences=(),
                allow_anonymous=False,
                allow_research_use=False,
                also_visible_to=lambda user: Q(writer=user),
                in_shared_with_me=False,
                # Kept, her name replaced by her pseudonym (mentions_erase).
                erase_with_account=False,
            )
        )
        item_deleted.connect(_forget_deleted_source, dispatch_uid="mentions.forget_deleted")


def _forget_deleted_source(
    sender: object, *, item_kind: str, item_id: object, **kwargs: object
) -> None:
    """Deleted words name nobody any more (her history keeps that they did)."""
    from mentions.services import mentions_forget_source

    mentions_forget_source(source_kind=item_kind, source_id=item_id)
