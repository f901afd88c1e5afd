from django.urls import path

from safety import views

urlpatterns = [
    path("exit/", views.quick_exit, name="quick_exit"),
    path("safety/", views.safety, name="safety"),
    path("welcome/", views.welcome, name="welcome"),
    path("drafts/keep/", views.keep_draft, name="keep_draft"),
    path("drafts/forget/", views.draft_forget, name="draft_forget"),
    path("session/keep-alive/", views.keep_alive, name="keep_alive"),
]
