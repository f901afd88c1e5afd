from django.urls import path

from reflections import views

urlpatterns = [
    path("notes/", views.my_notes, name="my_notes"),
    path("notes/new/", views.note_create, name="note_create"),
    path("notes/<uuid:note_id>/", views.note_detail, name="note_detail"),
    path("notes/<uuid:note_id>/edit/", views.note_edit, name="note_edit"),
]
