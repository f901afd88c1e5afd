"""The floor: the least a Django view on the same PostgreSQL can cost. One file, one view that
runs ``SELECT 1`` through the same connection pool settings as the workspace; served by gunicorn
beside the workspace so each page's speed reads as a share of it."""

from __future__ import annotations

import os

import dj_database_url
import django
from django.conf import settings

_database = dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=0)
_database.setdefault("OPTIONS", {})["pool"] = {"min_size": 1, "max_size": 10, "timeout": 1}
settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    SECRET_KEY="the-floor-keeps-no-secret",  # noqa: S106 - signs nothing
    DATABASES={"default": _database},
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)
django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402 - after configure
from django.db import connection  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402


def floor(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok\n", content_type="text/plain")


urlpatterns = [path("", floor)]
application = get_wsgi_application()
