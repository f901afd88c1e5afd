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
