"""File > Export actions (Excel, chart PNG/SVG, clipboard, PDF handout). Placeholder until filled."""


def install_export_actions(window) -> None:
    """Add the export actions to window.file_menu (and toolbars); `window.document` is the PlanDocument."""
