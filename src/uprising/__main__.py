"""`python -m uprising` runs the command line."""

from uprising.cli.main import cli

cli()
