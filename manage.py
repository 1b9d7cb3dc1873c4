#!/usr/bin/env python
"""Django's command-line utility for the jixiao web application."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    from django.core.management import execute_from_command_line

    from jixiao.web import prepare_data_dir

    prepare_data_dir()

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
