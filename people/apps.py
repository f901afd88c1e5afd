from django.apps import AppConfig

from consent.kinds import Kind


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "People and roles"

    def ready(self) -> None:
        from consent.models import Audience
        from consent.registry import ItemKind, register
        from people.models import ContactDetail

        register(
            ItemKind(
                key=Kind.CONTACT,
                model=ContactDetail,
                label="contact detail",
                url_name="contact_details",
                title=lambda item, viewer: item.get_kind_display(),
                audiences=(
                    Audience.GROUP,
                    Audience.MEMBERS,
                    Audience.GPS,
                    Audience.RESEARCHERS,
                    Audience.SUPPORT_WORKERS,
                    Audience.FACILITATORS,
                ),
                # A phone number shown "without your name" would make no sense.
                allow_anonymous=False,
                allow_research_use=False,
                in_shared_with_me=False,
            )
        )
