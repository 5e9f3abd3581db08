from django.urls import path

from facts import views

urlpatterns = [
    path("worklist/", views.worklist, name="worklist"),
    path("worklist/<str:pk>/dismiss/", views.worklist_dismiss, name="worklist_dismiss"),
]
