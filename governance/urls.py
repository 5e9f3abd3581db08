from django.urls import path

from governance import views

urlpatterns = [
    path("log/", views.log, name="log"),
]
