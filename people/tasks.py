from __future__ import annotations

from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse

from people.models import Invitation


@task
def send_invitation_email(invitation_id: str, base_url: str) -> None:
    invitation = Invitation.objects.filter(id=invitation_id).first()
    if invitation is None or not invitation.is_usable:
        return
    link = base_url.rstrip("/") + reverse("accept_invitation", args=[invitation.token])
    context = {"link": link, "invitation": invitation}
    send_mail(
        subject="Your workspace: you are invited",
        message=render_to_string("people/email/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )


@task
def send_notice_email(person_id: str, subject: str) -> None:
    """A neutral email: the notice itself is only inside the workspace."""
    from django.conf import settings

    from people.models import User

    person = User.objects.filter(pk=person_id, is_active=True).first()
    if person is None:
        return
    link = settings.SITE_URL.rstrip("/") + reverse("notices")
    send_mail(
        subject=subject,
        message=render_to_string("people/email/notice.txt", {"link": link}),
        from_email=None,
        recipient_list=[person.email],
    )
