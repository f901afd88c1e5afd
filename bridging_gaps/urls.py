from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import TemplateView

from bridging_gaps import views
from safety import views as safety_views

# The admin signs in through allauth, so staff cannot skip two-step sign-in.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "Workspace administration"
admin.site.site_title = "Workspace administration"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("manage/", views.manage, name="manage"),
    path(
        "who-can-see-what/",
        login_not_required(TemplateView.as_view(template_name="privacy.html")),
        name="privacy",
    ),
    # Where you are signed in: the workspace's own page, at the address allauth's
    # usersessions uses (its own template needs a library this site does not load).
    path("accounts/sessions/", safety_views.sessions, name="sessions"),
    # Asking again takes her password only (settings: ACCOUNT_REAUTHENTICATION_METHODS): the
    # library's other ways of asking answer as pages that do not exist, not with its 403.
    *(
        path(f"accounts/{route}", views.not_offered)
        for route in ("reauthenticate/code/", "reauthenticate/code/confirm/", "2fa/reauthenticate/")
    ),
    path("accounts/", include("allauth.urls")),
    path("", include("people.urls")),
    path("", include("consent.urls")),
    path("", include("reflections.urls")),
    path("", include("meetings.urls")),
    path("", include("interviews.urls")),
    path("", include("research.urls")),
    path("", include("proposals.urls")),
    path("", include("payments.urls")),
    path("", include("mentions.urls")),
    path("", include("safety.urls")),
    path("", include("datarights.urls")),
    path("admin/", admin.site.urls),
]

# Django's own 400, 403, 404 and CSRF pages use the templates of those names; the 500 page
# is rendered without the request (bridging_gaps.views.server_error).
handler500 = "bridging_gaps.views.server_error"
