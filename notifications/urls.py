from django.urls import path

from notifications import views

urlpatterns = [
    path("notifications/", views.notification_list, name="notification_list"),
    path("notifications/<int:pk>/", views.notification_open, name="notification_open"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("notifications/email/", views.email_setting, name="notification_email_setting"),
    path("articles/<str:slug>/watch/", views.article_watch, name="article_watch"),
]
