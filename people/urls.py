from django.urls import path

from people import contact_views, views

urlpatterns = [
    path("invite/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("people/", views.people_list, name="people_list"),
    path("people/roles/", views.role_changes, name="role_changes"),
    path("notices/", views.notices, name="notices"),
    path("people/manage/", views.people_manage_list, name="people_manage_list"),
    path("people/manage/<uuid:person_id>/", views.person_manage, name="person_manage"),
    path("people/invitations/", views.invitations, name="invitations"),
    path(
        "people/invitations/<uuid:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("account/settings/", views.preferences, name="preferences"),
    path("account/contact-details/", contact_views.contact_details, name="contact_details"),
    path(
        "account/contact-details/<uuid:detail_id>/remove/",
        contact_views.contact_detail_delete,
        name="contact_detail_delete",
    ),
]
