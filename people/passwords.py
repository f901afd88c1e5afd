"""Django's password rules, each said in a few plain words under every new password (Django's
own are four sentences of what a password "can't be"). The checks and their error messages are
Django's, unchanged."""

from __future__ import annotations

from django.contrib.auth import password_validation


class LongEnough(password_validation.MinimumLengthValidator):
    def get_help_text(self) -> str:
        return f"At least {self.min_length} characters."


class NotOnlyNumbers(password_validation.NumericPasswordValidator):
    def get_help_text(self) -> str:
        return "Not only numbers."


class NotCommon(password_validation.CommonPasswordValidator):
    def get_help_text(self) -> str:
        return "Not a password many people use."


class NotLikeYou(password_validation.UserAttributeSimilarityValidator):
    # Django looks at a username and first and last names, which accounts here do not have:
    # the name she shows is what someone who knows her would try.
    def __init__(
        self,
        user_attributes: tuple[str, ...] = ("display_name", "email"),
        max_similarity: float = 0.7,
    ) -> None:
        super().__init__(user_attributes=user_attributes, max_similarity=max_similarity)

    def get_help_text(self) -> str:
        return "Not like your name or email address."
