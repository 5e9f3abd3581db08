from django.urls import path

from facts import event_views, views

urlpatterns = [
    path("worklist/", views.worklist, name="worklist"),
    path("worklist/<str:pk>/dismiss/", views.worklist_dismiss, name="worklist_dismiss"),
    path("map/", event_views.world_map, name="world_map"),
    path("map/world.svg", event_views.world_outline, name="world_outline"),
    path("api/events.csv", event_views.events_csv, name="events_csv"),
    path("api/events.geojson", event_views.events_geojson, name="events_geojson"),
]
