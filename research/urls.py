from django.urls import path

from research import views as project_views
from research.analysis import views as analysis_views
from research.exports import views as export_views
from research.names import views

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
    # Research projects: researchers only; a project's pages for its researchers.
    path("research/", project_views.research_home, name="research_home"),
    path("research/projects/new/", project_views.project_create, name="project_create"),
    path(
        "research/projects/<uuid:project_id>/", project_views.project_detail, name="project_detail"
    ),
    path(
        "research/projects/<uuid:project_id>/settings/",
        project_views.project_settings,
        name="project_settings",
    ),
    path("research/projects/<uuid:project_id>/codebook/", project_views.codebook, name="codebook"),
    path(
        "research/projects/<uuid:project_id>/codebook/<uuid:theme_id>/",
        project_views.theme_edit,
        name="theme_edit",
    ),
    path(
        "research/projects/<uuid:project_id>/codebook/<uuid:theme_id>/remove/",
        project_views.theme_remove,
        name="theme_remove",
    ),
    path(
        "research/projects/<uuid:project_id>/items/<uuid:item_id>/",
        analysis_views.item_code,
        name="item_code",
    ),
    path(
        "research/projects/<uuid:project_id>/passages/<uuid:passage_id>/remove/",
        analysis_views.passage_remove,
        name="passage_remove",
    ),
    path("research/projects/<uuid:project_id>/matrix/", analysis_views.matrix, name="matrix"),
    path(
        "research/projects/<uuid:project_id>/matrix/<str:case>/<uuid:theme_id>/",
        analysis_views.matrix_cell,
        name="matrix_cell",
    ),
    path(
        "research/projects/<uuid:project_id>/matrix.<str:file_format>",
        analysis_views.matrix_download,
        name="matrix_download",
    ),
    # Exports: for the researcher who made each one.
    path(
        "research/projects/<uuid:project_id>/exports/new/",
        export_views.export_new,
        name="export_new",
    ),
    path("research/exports/<uuid:export_id>/", export_views.export_detail, name="export_detail"),
    path(
        "research/exports/<uuid:export_id>/preview/",
        export_views.export_preview,
        name="export_preview",
    ),
    path(
        "research/exports/<uuid:export_id>/redact/",
        export_views.export_redact,
        name="export_redact",
    ),
    path("research/exports/<uuid:export_id>/make/", export_views.export_start, name="export_start"),
    path(
        "research/exports/<uuid:export_id>/discard/",
        export_views.export_discard,
        name="export_discard",
    ),
    path(
        "research/exports/<uuid:export_id>/progress.json",
        export_views.export_progress,
        name="export_progress",
    ),
    path(
        "research/exports/<uuid:export_id>/again/",
        export_views.export_remake,
        name="export_remake",
    ),
    path(
        "research/exports/<uuid:export_id>/download/",
        export_views.export_download,
        name="export_download",
    ),
]
