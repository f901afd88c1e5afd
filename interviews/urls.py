from django.urls import path

from interviews import file_views, views
from interviews.observation import views as observation_views

urlpatterns = [
    path("interviews/", views.interview_list, name="interview_list"),
    path("interviews/plan/", views.interview_plan, name="interview_plan"),
    path("interviews/<uuid:interview_id>/", views.interview_detail, name="interview_detail"),
    path("interviews/<uuid:interview_id>/edit/", views.interview_edit, name="interview_edit"),
    path("interviews/<uuid:interview_id>/step/", views.interview_step, name="interview_step"),
    path("interviews/<uuid:interview_id>/delete/", views.interview_delete, name="interview_delete"),
    path("interviews/<uuid:interview_id>/consent/", views.consent_record, name="consent_record"),
    path(
        "interviews/<uuid:interview_id>/consent/confirm/",
        views.consent_confirm,
        name="consent_confirm",
    ),
    path(
        "interviews/<uuid:interview_id>/consent/<slug:item>/withdraw/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path(
        "interviews/<uuid:interview_id>/recording/",
        file_views.recording_upload,
        name="recording_upload",
    ),
    path(
        "interviews/recordings/<uuid:recording_id>/",
        file_views.recording_detail,
        name="recording_detail",
    ),
    path(
        "interviews/recordings/<uuid:recording_id>/audio/",
        file_views.recording_audio,
        name="recording_audio",
    ),
    path(
        "interviews/<uuid:interview_id>/transcript/",
        file_views.transcript_edit,
        name="transcript_edit",
    ),
    path(
        "interviews/<uuid:interview_id>/review/",
        file_views.transcript_review,
        name="transcript_review",
    ),
    path(
        "interviews/<uuid:interview_id>/review/delete-taken-out/",
        file_views.originals_delete,
        name="originals_delete",
    ),
    path(
        "observation-notes/", observation_views.observation_note_list, name="observation_note_list"
    ),
    path(
        "observation-notes/group-decision/",
        observation_views.observation_sharing,
        name="observation_sharing",
    ),
    path(
        "observation-notes/group-decision/change/",
        observation_views.observation_sharing_change,
        name="observation_sharing_change",
    ),
    path(
        "observation-notes/meetings/<uuid:meeting_id>/",
        observation_views.meeting_observation_notes,
        name="meeting_observation_notes",
    ),
    path(
        "observation-notes/meetings/<uuid:meeting_id>/write/",
        observation_views.observation_note_write,
        name="observation_note_write",
    ),
    path(
        "observation-notes/<uuid:note_id>/",
        observation_views.observation_note_detail,
        name="observation_note_detail",
    ),
    path(
        "observation-notes/<uuid:note_id>/edit/",
        observation_views.observation_note_edit,
        name="observation_note_edit",
    ),
    path(
        "observation-notes/<uuid:note_id>/delete/",
        observation_views.observation_note_delete,
        name="observation_note_delete",
    ),
]
