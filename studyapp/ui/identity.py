"""The application's names, version and icon, which settings and the desktop rely on.

Kept apart from the About dialog so that start-up sets them without loading the dialog's widgets.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QIcon

from studyapp import __version__, desktop, paths

APPLICATION_NAME = "studyapp"  # also the X11 window class: the .desktop's StartupWMClass
DISPLAY_NAME = "StudyApp"


def app_icon() -> QIcon:
    """The bundled icon in every rendered size, so that Qt never has to scale a big one down."""
    icon = QIcon()
    folder = paths.bundled_assets() / "icons"
    for size in desktop.ICON_SIZES:
        file = folder / desktop.icon_png_name(size)
        if file.is_file():
            icon.addFile(str(file), QSize(size, size))
    return icon


def configure_application(app: QGuiApplication) -> None:
    """Give the app its names, version and icon. Call before the first window is created.

    Qt reads the application name once, when it makes the first window, for the X11 window
    class; the desktop file name is the Wayland app id. Both must match studyapp.desktop for the
    desktop to group the windows under the menu entry. QSettings uses the organisation and
    application names for its file.
    """
    app.setApplicationName(APPLICATION_NAME)
    app.setOrganizationName(APPLICATION_NAME)
    app.setApplicationVersion(__version__)
    QGuiApplication.setApplicationDisplayName(DISPLAY_NAME)
    QGuiApplication.setDesktopFileName(desktop.DESKTOP_FILE.removesuffix(".desktop"))
    QGuiApplication.setWindowIcon(app_icon())
