"""Entry point of the frozen build: one program under three names in one folder.

``DossierDesk`` (no console on Windows) is what the shortcuts and "Open with" start;
``dossier-desk`` is the same application with a console, for ``--version`` and
``--self-check`` in scripts; ``dossier-admin`` is the administration command line.
"""
import multiprocessing
import os
import sys


def main() -> int:
    """Dispatch on the executable's name; worker processes never get past freeze_support."""
    # First of all: a spawned render worker or file checker is this same executable, and
    # freeze_support runs its job and exits before anything else is imported.
    multiprocessing.freeze_support()
    name = os.path.splitext(os.path.basename(sys.executable))[0].lower()
    if name == "dossier-admin":
        from desktop.admin_cli import main as admin_main
        return admin_main()
    from desktop.app import main as app_main
    return app_main()


if __name__ == "__main__":
    sys.exit(main())
