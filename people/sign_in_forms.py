"""allauth's own forms, in the workspace's words. A module of their own: allauth imports the
sign-up form (people.forms) while its forms module is still loading, so these, which subclass
forms defined further down that module, cannot live there."""

from __future__ import annotations

from typing import Any

from allauth.account.forms import AddEmailForm as AllauthAddEmailForm
from allauth.account.forms import LoginForm as AllauthLoginForm


class LoginForm(AllauthLoginForm):
    """allauth's sign-in form, with one way to a forgotten password (the page's link), not
    a second one in the password's hint."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = ""
        self.fields["login"].label = "Email address"


class NewEmailForm(AllauthAddEmailForm):
    """allauth's form for a new address, labelled as the page asks."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "New email address"
        self.fields["email"].widget.attrs.pop("placeholder", None)
