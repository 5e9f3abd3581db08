"""gunicorn's settings for Annals (`gunicorn -c config/gunicorn.conf.py`), from the environment:

- GUNICORN_BIND: the address to listen on (default 127.0.0.1:8000; a reverse proxy in front).
- WEB_CONCURRENCY: worker processes (default two per CPU this process may use, plus one).
- GUNICORN_TIMEOUT: seconds a request may take before its worker is restarted (default 30).
"""

import os

wsgi_app = "config.wsgi:application"
bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * len(os.sched_getaffinity(0)) + 1))
# Sync workers: each request holds one process, so a slow request cannot starve others of
# the database connection the worker keeps (CONN_MAX_AGE).
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = timeout
keepalive = 5
# Restart workers now and then, so a slow leak never grows without bound.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
