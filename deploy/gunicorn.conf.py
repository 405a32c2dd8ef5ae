"""gunicorn settings for production and the bench (`gunicorn -c deploy/gunicorn.conf.py config.wsgi`).

Threaded workers keep HTTP connections alive (nginx's upstream keepalive, the bench's wrk);
sync workers close the connection after every response. One worker per core: the page
cache makes most requests short, and each worker keeps its own front of recent pages.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
keepalive = 30
timeout = 30
graceful_timeout = 10
# Bounded requests and headers: slow or huge requests are dropped, not queued forever.
limit_request_line = 8190
limit_request_fields = 50
accesslog = None
errorlog = "-"
loglevel = "warning"
