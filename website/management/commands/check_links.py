"""`python manage.py check_links`: the former name of `check_content`, kept as an alias."""

from .check_content import Command as CheckContent


class Command(CheckContent):
    help = "An alias of check_content. " + CheckContent.help
