from django.urls import path

from research import views

urlpatterns = [
    path("research/sensitive-terms/", views.sensitive_terms, name="sensitive_terms"),
    path(
        "research/sensitive-terms/<uuid:term_id>/",
        views.sensitive_term_edit,
        name="sensitive_term_edit",
    ),
    path(
        "research/sensitive-terms/<uuid:term_id>/remove/",
        views.sensitive_term_remove,
        name="sensitive_term_remove",
    ),
    path("account/other-names/", views.other_names, name="other_names"),
]
