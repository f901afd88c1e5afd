from django.urls import path

from meetings import facilitator_views, views
from meetings.minutes import views as minutes_views

urlpatterns = [
    # Everyone in the group.
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/<uuid:meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<uuid:meeting_id>/answer/", views.meeting_rsvp, name="meeting_rsvp"),
    path(
        "meetings/<uuid:meeting_id>/agenda/suggest/",
        views.agenda_propose,
        name="agenda_propose",
    ),
    path(
        "meetings/<uuid:meeting_id>/observation/",
        views.observation_answer,
        name="observation_answer",
    ),
    path("meetings/<uuid:meeting_id>/calendar.ics", views.meeting_ics, name="meeting_ics"),
    path("meetings/agreement/", views.group_agreement, name="group_agreement"),
    path("meetings/mine/", views.my_meetings, name="my_meetings"),
    path("meetings/settings/", views.meeting_settings, name="meeting_settings"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("you-said-we-did/", minutes_views.you_said_we_did, name="you_said_we_did"),
    # Facilitators.
    path("meetings/series/", facilitator_views.series_list, name="series_list"),
    path("meetings/series/new/", facilitator_views.series_create, name="series_create"),
    path(
        "meetings/series/<uuid:series_id>/plan-ahead/",
        facilitator_views.series_plan_ahead,
        name="series_plan_ahead",
    ),
    path("meetings/new/", facilitator_views.meeting_add, name="meeting_add"),
    path(
        "meetings/<uuid:meeting_id>/change/",
        facilitator_views.meeting_change,
        name="meeting_change",
    ),
    path(
        "meetings/<uuid:meeting_id>/cancel/",
        facilitator_views.meeting_cancel,
        name="meeting_cancel",
    ),
    path(
        "meetings/<uuid:meeting_id>/restore/",
        facilitator_views.meeting_restore,
        name="meeting_restore",
    ),
    path(
        "meetings/<uuid:meeting_id>/answers/",
        facilitator_views.meeting_answers,
        name="meeting_answers",
    ),
    path(
        "meetings/<uuid:meeting_id>/attendance/",
        facilitator_views.meeting_attendance,
        name="meeting_attendance",
    ),
    path(
        "meetings/<uuid:meeting_id>/payments/",
        facilitator_views.meeting_payments,
        name="meeting_payments",
    ),
    path("meetings/payments/export/", facilitator_views.payments_export, name="payments_export"),
    path(
        "meetings/<uuid:meeting_id>/agenda/",
        facilitator_views.agenda_manage,
        name="agenda_manage",
    ),
    path(
        "meetings/<uuid:meeting_id>/observer/",
        facilitator_views.observer_set,
        name="observer_set",
    ),
    path(
        "meetings/agreement/change/",
        facilitator_views.agreement_change,
        name="agreement_change",
    ),
    path(
        "meetings/<uuid:meeting_id>/minutes/new/",
        minutes_views.minutes_create,
        name="minutes_create",
    ),
    # Minutes: read through the consent policy; changed by their writer.
    path("minutes/<uuid:minutes_id>/", minutes_views.minutes_detail, name="minutes_detail"),
    path("minutes/<uuid:minutes_id>/change/", minutes_views.minutes_change, name="minutes_change"),
    path(
        "minutes/<uuid:minutes_id>/decisions/add/",
        minutes_views.decision_add,
        name="decision_add",
    ),
    path("minutes/<uuid:minutes_id>/actions/add/", minutes_views.action_add, name="action_add"),
    path("decisions/<uuid:decision_id>/", minutes_views.decision_update, name="decision_update"),
    path("actions/<uuid:action_id>/", minutes_views.action_update, name="action_update"),
]
