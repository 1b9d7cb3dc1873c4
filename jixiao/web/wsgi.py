"""WSGI entry point: ``gunicorn jixiao.web.wsgi`` or any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

from jixiao.web import prepare_data_dir

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
prepare_data_dir()
application = get_wsgi_application()
