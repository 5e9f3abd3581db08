from django.urls import path

from facts import claim_views, event_views, views

urlpatterns = [
    path("worklist/", views.worklist, name="worklist"),
    path("worklist/<str:pk>/dismiss/", views.worklist_dismiss, name="worklist_dismiss"),
    path("articles/<str:slug>/figures/", claim_views.article_figures, name="article_figures"),
    path("articles/<str:slug>/figures/add/", claim_views.figure_add, name="figure_add"),
    path(
        "articles/<str:slug>/figures/<id:pk>/prefer/",
        claim_views.figure_prefer,
        name="figure_prefer",
    ),
    path(
        "articles/<str:slug>/figures/<id:pk>/withdraw/",
        claim_views.figure_withdraw,
        name="figure_withdraw",
    ),
    path("map/", event_views.world_map, name="world_map"),
    path("map/world.svg", event_views.world_outline, name="world_outline"),
    path("api/events.csv", event_views.events_csv, name="events_csv"),
    path("api/events.geojson", event_views.events_geojson, name="events_geojson"),
]
