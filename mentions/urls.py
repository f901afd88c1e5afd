from django.urls import path

from mentions import views

urlpatterns = [
    path("mentions/", views.mentions_mine, name="mentions_mine"),
    path("mentions/waiting/", views.mentions_waiting, name="mentions_waiting"),
    path("mentions/<uuid:mention_id>/", views.mention_detail, name="mention_detail"),
]
