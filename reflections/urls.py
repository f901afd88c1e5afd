from django.urls import path

from reflections import list_views, prompt_views, views, write_views

urlpatterns = [
    path("notes/", list_views.my_notes, name="my_notes"),
    path("notes/shared/", list_views.notes_shared, name="notes_shared"),
    path("notes/search/", list_views.note_search, name="note_search"),
    path("notes/new/", write_views.note_create, name="note_create"),
    path("notes/new/questions/", write_views.note_prompts, name="note_prompts"),
    path("notes/questions/", prompt_views.prompts_manage, name="prompts_manage"),
    path("notes/questions/<uuid:prompt_id>/", prompt_views.prompt_edit, name="prompt_edit"),
    path("notes/<uuid:note_id>/", views.note_detail, name="note_detail"),
    path("notes/<uuid:note_id>/read/", views.note_read, name="note_read"),
    path("notes/<uuid:note_id>/edit/", write_views.note_edit, name="note_edit"),
    path("notes/<uuid:note_id>/autosave/", write_views.note_autosave, name="note_autosave"),
    path(
        "notes/<uuid:note_id>/draft/discard/",
        write_views.note_draft_discard,
        name="note_draft_discard",
    ),
    path("notes/<uuid:note_id>/delete/", write_views.note_delete, name="note_delete"),
    path("notes/<uuid:note_id>/versions/", views.note_versions, name="note_versions"),
    path(
        "notes/<uuid:note_id>/versions/<uuid:version_id>/",
        views.note_version,
        name="note_version",
    ),
]
