"""Account URLs under /accounts/: Django's sign-in views, sign-up, then user pages."""

from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views
from accounts.forms import ThrottledPasswordResetForm

urlpatterns = [
    # Fixed paths come before `<username>/`, which would otherwise swallow them.
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", views.SignOutView.as_view(), name="logout"),
    path("password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password_reset/",
        auth_views.PasswordResetView.as_view(
            form_class=ThrottledPasswordResetForm,
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("signup/", views.signup, name="signup"),
    path("confirm/", views.email_confirm_resend, name="email_confirm_resend"),
    path("confirm/<str:token>/", views.email_confirm, name="email_confirm"),
    path("<str:username>/", views.user_profile, name="user_profile"),
    path("<str:username>/role/", views.role_change, name="role_change"),
    path("<str:username>/block/", views.block_change, name="block_change"),
    path("<str:username>/delete/", views.account_delete, name="account_delete"),
    path("<str:username>/tokens/", views.token_create, name="token_create"),
    path("<str:username>/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
]
