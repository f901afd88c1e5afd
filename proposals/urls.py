from django.urls import path

from proposals import views

urlpatterns = [
    path("decide/", views.proposal_list, name="proposal_list"),
    path("decide/new/", views.proposal_new, name="proposal_new"),
    path("decide/<uuid:proposal_id>/", views.proposal_detail, name="proposal_detail"),
    path("decide/<uuid:proposal_id>/status/", views.proposal_status, name="proposal_status"),
    path("decide/<uuid:proposal_id>/comments/", views.comment_add, name="proposal_comment_add"),
    path(
        "decide/<uuid:proposal_id>/comments/<uuid:comment_id>/delete/",
        views.comment_delete,
        name="proposal_comment_delete",
    ),
    path("decide/<uuid:proposal_id>/outcome/", views.proposal_outcome, name="proposal_outcome"),
]
