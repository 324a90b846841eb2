"""The main window: the analysis in the middle, the plan's editors docked around it, the menus.

Layout: the analysis pane (chart, summary, what-if) is the central widget; the plan settings
dock on the left, the key inventory and the prices share the bottom dock area as tabs. Docks
can be moved; their layout, the window geometry and the recent files are kept in QSettings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox, QScrollArea, QSplitter, QToolButton

from core import planfile
from core.plan import Plan
from desktop import deferred_settings
from desktop.app_identity import app_icon, apply_identity, settings
from desktop.autosave import Autosave, find_orphans
from desktop.before_paint import before_paint
from desktop.document import PlanDocument
from desktop.file_actions import FileActions, sample_path
from desktop.recent_files import RecentFiles
from desktop.views.about import about_text
from desktop.views.inventory_editor import InventoryEditor
from desktop.views.prices_panel import PricesPanel
from desktop.views.settings_panel import SettingsPanel

GEOMETRY, STATE, SPLITTERS = "window/geometry", "window/state", "window/splitters"
SPLITTER_SHAPE = "window/splitterShape"  # which splitters the saved states are for (see _splitter_shape)
STATE_VERSION = 1
DEFAULT_SIZE = (1440, 900)


def _analysis_pane(document):
    try:
        from desktop.views.analysis_pane import AnalysisPane
    except ImportError:  # before the analysis pane exists: the chart alone
        from desktop.chart import CostChart

        chart = CostChart()
        chart.set_comparison(document.comparison)
        document.comparisonChanged.connect(chart.set_comparison)
        return chart
    return AnalysisPane(document)


class MainWindow(QMainWindow):
    """One plan document in one window. `autosave_dir` is for tests; None means the user's data folder."""

    def __init__(self, plan: Plan | None = None, path: Path | None = None, autosave_dir: Path | None = None,
                 restore_layout: bool = True):
        super().__init__()
        apply_identity()
        self.setObjectName("MainWindow")
        before_paint(self)  # a change's layouts before its paint: one paint pass
        if plan is None:
            plan = planfile.load(sample_path())
        self.document = PlanDocument(plan, Path(path).resolve() if path else None, self)
        icon = app_icon()
        if icon is not None:
            self.setWindowIcon(icon)

        self.analysis = _analysis_pane(self.document)
        self.setCentralWidget(self.analysis)
        self.settings_panel = SettingsPanel(self.document)
        self.inventory = InventoryEditor(self.document)
        self.prices = PricesPanel(self.document)
        settings_scroll = QScrollArea()
        settings_scroll.setWidget(self.settings_panel)
        settings_scroll.setWidgetResizable(True)
        settings_scroll.setFrameShape(QScrollArea.NoFrame)  # scrolls rather than forcing the window taller
        self.settings_dock = self._dock("Plan", "planDock", settings_scroll, Qt.LeftDockWidgetArea)
        self.inventory_dock = self._dock("Key inventory", "inventoryDock", self.inventory, Qt.BottomDockWidgetArea)
        self.prices_dock = self._dock("Prices", "pricesDock", self.prices, Qt.BottomDockWidgetArea)
        self.setCorner(Qt.BottomLeftCorner, Qt.BottomDockWidgetArea)
        self.setCorner(Qt.BottomRightCorner, Qt.BottomDockWidgetArea)

        self.recent = RecentFiles(self)
        self.files = FileActions(self, self.recent)
        self.autosave = Autosave(self.document, autosave_dir, self)
        self.autosave.failed.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self._autosave_dir = autosave_dir
        self._build_actions()
        self._build_menus()
        self.setAcceptDrops(True)
        self.statusBar().showMessage("Ready", 3000)

        self.document.pathChanged.connect(lambda _p: self._update_title())
        self.document.planChanged.connect(lambda *_: self._update_title())
        self.document.modifiedChanged.connect(self.setWindowModified)
        self._update_title()
        from desktop.export_menu import install_export_actions
        from desktop.views.presentation import install_presentation

        install_export_actions(self, self.analysis)
        install_presentation(self)
        from desktop.import_actions import install_import_actions  # File > Import…, Reconcile (issue 10)

        install_import_actions(self)

        self.resize(*self._default_size())
        # Restored last: whatever the hooks above added (tool bars, docks) is restored too.
        self.layout_restored = restore_layout and self.restore_layout()
        if not self.layout_restored:
            self.reset_layout()

    # --- building ------------------------------------------------------------------------------
    def _default_size(self) -> tuple[int, int]:
        """1440x900, or a little less than the screen when it is smaller than that."""
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            return DEFAULT_SIZE
        room = screen.availableGeometry()
        return min(DEFAULT_SIZE[0], int(room.width() * 0.94)), min(DEFAULT_SIZE[1], int(room.height() * 0.92))

    def _dock(self, title: str, name: str, widget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable
                         | QDockWidget.DockWidgetClosable)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        f = self.files
        self.new_action = self._action("&New", f.new, QKeySequence.New, "Start a new plan")
        self.open_action = self._action("&Open…", f.open_dialog, QKeySequence.Open, "Open a plan file")
        self.save_action = self._action("&Save", f.save, QKeySequence.Save, "Save the plan")
        self.save_as_action = self._action("Save &As…", f.save_as, QKeySequence.SaveAs,
                                           "Save the plan in another file")
        self.close_action = self._action("&Close window", self.close, QKeySequence.Close)
        self.quit_action = self._action("&Quit", self.close, QKeySequence.Quit)
        self.quit_action.setMenuRole(QAction.QuitRole)
        stack = self.document.undo_stack
        self.undo_action = stack.createUndoAction(self, "Undo")
        self.undo_action.setShortcut(QKeySequence.Undo)
        self.redo_action = stack.createRedoAction(self, "Redo")
        self.redo_action.setShortcut(QKeySequence.Redo)
        self.about_action = self._action("&About KMS Cost Planner", self.show_about)
        self.about_action.setMenuRole(QAction.AboutRole)
        self.guide_action = self._action("&User guide", self.show_user_guide, QKeySequence.HelpContents,
                                         "Open the user guide (docs/user-guide.md)")

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.file_menu.addActions([self.new_action, self.open_action])
        self.recent_menu = self.file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.recent.changed.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.save_action, self.save_as_action])
        self.file_menu.addSeparator()
        self.file_end_separator = self.file_menu.addSeparator()
        self.file_menu.addActions([self.close_action, self.quit_action])

        self.edit_menu = bar.addMenu("&Edit")
        self.edit_menu.addActions([self.undo_action, self.redo_action])
        self.edit_menu.addSeparator()
        inv = self.inventory
        self.edit_menu.addActions([inv.add_action, inv.duplicate_action, inv.delete_action])
        self.edit_menu.addSeparator()
        # The inventory's clipboard actions: their shortcuts act in the inventory only (they are
        # WidgetWithChildrenShortcut), the menu makes them discoverable.
        self.edit_menu.addActions([inv.copy_action, inv.copy_headers_action, inv.paste_action, inv.clear_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.prices.revert_action)

        self.view_menu = bar.addMenu("&View")
        for dock in (self.settings_dock, self.inventory_dock, self.prices_dock):
            self.view_menu.addAction(dock.toggleViewAction())
        self.view_menu.addAction(self._action("Reset &layout", self.reset_layout))
        self.view_menu.addSeparator()

        self.help_menu = bar.addMenu("&Help")
        self.help_menu.addAction(self.guide_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)

        self.tool_bar = self.addToolBar("Main")
        self.tool_bar.setObjectName("mainToolBar")
        self.tool_bar.setMovable(False)
        self.tool_bar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.tool_bar.addActions([self.new_action, self.open_action, self.save_action])
        self.tool_bar.addSeparator()
        self._tool_bar_undo_redo()
        self.tool_bar.addSeparator()

    def _tool_bar_undo_redo(self) -> None:
        """Undo / Redo buttons with a fixed caption (the menu items carry the full "Undo <what>"),
        so the tool bar does not jump about as the text changes; the tooltip names the step.

        Buttons rather than actions: a tool bar lays itself out again, and the window with it (a
        1440x578 repaint), whenever one of its actions changes, and these change on every edit
        and undo (enabled, tooltip); a button's own changes repaint the button only."""
        stack = self.document.undo_stack
        buttons = []
        for caption, step, can, can_changed, text_changed in (
                ("Undo", stack.undo, stack.canUndo(), stack.canUndoChanged, stack.undoTextChanged),
                ("Redo", stack.redo, stack.canRedo(), stack.canRedoChanged, stack.redoTextChanged)):
            button = QToolButton(self.tool_bar)
            button.setText(caption)
            button.setToolTip(caption)
            button.setAccessibleName(caption)
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.NoFocus)
            button.setToolButtonStyle(self.tool_bar.toolButtonStyle())
            button.clicked.connect(step)
            button.setEnabled(can)
            can_changed.connect(button.setEnabled)
            text_changed.connect(lambda text, b=button, c=caption: b.setToolTip(f"{c} {text}" if text else c))
            self.tool_bar.addWidget(button)
            buttons.append(button)
        self.tool_bar_undo, self.tool_bar_redo = buttons

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        paths = self.recent.paths()
        for n, path in enumerate(paths, 1):
            action = menu.addAction(f"&{n} {path.name}" if n < 10 else path.name)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.files.open_path(p))
        if paths:
            menu.addSeparator()
        clear = menu.addAction("Clear list")
        clear.setEnabled(bool(paths))
        clear.triggered.connect(self.recent.clear)

    # --- title, about --------------------------------------------------------------------------
    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.files.display_name()}[*] — KMS Cost Planner")
        self.setWindowFilePath(str(self.document.path) if self.document.path else "")
        self.setWindowModified(self.document.modified)

    def show_about(self) -> None:
        QMessageBox.about(self, "About KMS Cost Planner", about_text())

    def show_user_guide(self) -> bool:
        from desktop.user_guide import open_user_guide

        return open_user_guide(self)

    # --- layout kept between sessions ----------------------------------------------------------
    def save_layout(self) -> None:
        store = settings()
        store.setValue(GEOMETRY, self.saveGeometry())
        store.setValue(STATE, self.saveState(STATE_VERSION))
        store.setValue(SPLITTERS, [s.saveState() for s in self.findChildren(QSplitter)])
        store.setValue(SPLITTER_SHAPE, self._splitter_shape())
        store.sync()

    def _splitter_shape(self) -> str:
        """The splitters' names and orientations: saved states are restored only onto the same
        splitters (a state also sets its splitter's orientation, so a layout from another version
        would turn a column sideways)."""
        return ";".join(f"{s.objectName()}:{int(s.orientation().value)}:{s.count()}"
                        for s in self.findChildren(QSplitter))

    def restore_layout(self) -> bool:
        """The geometry and dock layout of the last session; False if there is none."""
        store = settings()
        geometry, state = store.value(GEOMETRY), store.value(STATE)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitters = store.value(SPLITTERS)
        if isinstance(splitters, list) and store.value(SPLITTER_SHAPE) == self._splitter_shape():
            for splitter, saved in zip(self.findChildren(QSplitter), splitters):
                if isinstance(saved, QByteArray):
                    splitter.restoreState(saved)
            if hasattr(self.analysis, "fit_on_show"):
                self.analysis.fit_on_show = False  # the user's own split, as they left it
        return isinstance(state, QByteArray) and self.restoreState(state, STATE_VERSION)

    def reset_layout(self, compact: bool | None = None) -> None:
        """The default layout for the window's size: plan settings on the left beside the analysis,
        inventory and prices as tabs below; when small (compact), all three editors as tabs below."""
        if compact is None:
            compact = self.width() < 1200 or self.height() < 760
        self._compact = compact
        docks = (self.settings_dock, self.inventory_dock, self.prices_dock)
        for dock in docks:
            dock.setFloating(False)
            self.removeDockWidget(dock)
        if compact:
            for dock in docks:
                self.addDockWidget(Qt.BottomDockWidgetArea, dock)
            self.tabifyDockWidget(self.inventory_dock, self.settings_dock)
            self.tabifyDockWidget(self.inventory_dock, self.prices_dock)
        else:
            self.addDockWidget(Qt.LeftDockWidgetArea, self.settings_dock)
            self.addDockWidget(Qt.BottomDockWidgetArea, self.inventory_dock)
            self.addDockWidget(Qt.BottomDockWidgetArea, self.prices_dock)
            self.tabifyDockWidget(self.inventory_dock, self.prices_dock)
            self.resizeDocks([self.settings_dock], [max(340, min(400, self.width() * 27 // 100))], Qt.Horizontal)
        for dock in docks:
            dock.show()
        self.inventory_dock.raise_()
        # Room for the inventory's first rows; the chart above is what users look at, so it gets the rest.
        self.resizeDocks([self.inventory_dock], [max(160, int(self.height() * (0.26 if compact else 0.28)))],
                         Qt.Vertical)
        fit = getattr(self.analysis, "fit_summary_height", None)
        if fit is not None:
            fit()

    # --- crash recovery ------------------------------------------------------------------------
    def offer_recovery(self) -> bool:
        """Offer back what a crashed session autosaved (called once the window is shown)."""
        return self.files.offer_recovery(find_orphans(self._autosave_dir or self.autosave.directory))

    def offer_recovery_later(self) -> None:
        QTimer.singleShot(0, self.offer_recovery)

    # --- drag and drop -------------------------------------------------------------------------
    @staticmethod
    def _dropped_file(event) -> Path | None:
        mime = event.mimeData()
        if not mime.hasUrls():
            return None
        locals_ = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
        return locals_[0] if len(locals_) == 1 else None

    def dragEnterEvent(self, event) -> None:
        importer = getattr(self, "import_actions", None)
        if importer is not None and importer.wants_drop(event):  # responses, plans, folders: import them
            event.acceptProposedAction()
        elif self._dropped_file(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    dragMoveEvent = dragEnterEvent

    def dropEvent(self, event) -> None:
        importer = getattr(self, "import_actions", None)
        if importer is not None and importer.wants_drop(event):
            importer.drop(event)
            return
        path = self._dropped_file(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        # After the drop finishes: a dialog inside the drop handler would block the drag source.
        QTimer.singleShot(0, lambda: self.files.open_path(path))

    # --- closing -------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:
        if not self.files.maybe_discard("closing"):
            event.ignore()
            return
        self.save_layout()
        deferred_settings.flush()  # the recent files and last folder of a plan opened a moment ago
        self.export_actions.shutdown()  # cancel a workbook under way and join its thread
        self.autosave.close()
        event.accept()
