"""WSGI entry point. Production settings unless DJANGO_SETTINGS_MODULE says otherwise, so a
forgotten variable fails closed; a server refuses to start when a system check fails."""

import os

from django.core.wsgi import get_wsgi_application

from config.checks import refuse_to_serve_if_misconfigured

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")

application = get_wsgi_application()

refuse_to_serve_if_misconfigured()
