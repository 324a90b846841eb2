"""Exporters of the desktop side (chart image, PDF handout): functions of a comparison and a path.

They never open dialogs (STYLE.md #6); the GUI's dialogs live in desktop/export_menu.py and the
headless command in desktop/export_cli.py, both calling these same functions.
"""
