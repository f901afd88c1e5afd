from django.urls import path

from consent import views

urlpatterns = [
    path("sharing/shared-with-me/", views.shared_with_me, name="shared_with_me"),
    path("sharing/seen/", views.seen, name="seen"),
    path("sharing/history/", views.history, name="consent_history"),
    path("sharing/<str:kind_key>/<uuid:item_id>/", views.share, name="share"),
    path("sharing/<str:kind_key>/<uuid:item_id>/stop/", views.stop_sharing, name="stop_sharing"),
]
