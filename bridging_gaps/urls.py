from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import TemplateView

from bridging_gaps import views

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
    path("accounts/", include("allauth.urls")),
    path("", include("people.urls")),
    path("", include("consent.urls")),
    path("", include("reflections.urls")),
    path("", include("meetings.urls")),
    path("", include("interviews.urls")),
    path("", include("research.urls")),
    path("", include("mentions.urls")),
    path("", include("safety.urls")),
    path("", include("datarights.urls")),
    path("admin/", admin.site.urls),
]
