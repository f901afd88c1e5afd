from django.urls import path

from datarights import views

urlpatterns = [
    path("account/your-data/", views.data_download, name="data_download"),
    path(
        "account/your-data/<uuid:download_id>/",
        views.data_download_file,
        name="data_download_file",
    ),
    path("account/leave/", views.leave_group, name="leave_group"),
    path("account/delete/", views.account_delete, name="account_delete"),
    path("people/manage/leaving/", views.departures, name="departures"),
]
