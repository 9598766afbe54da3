"""jixiao's terminal front end. Importing this package must not import textual (see cli.py)."""
