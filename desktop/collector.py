"""Cyclic garbage collection at safe moments only.

Python's collector may run at any allocation; when it frees a widget held only by a
reference cycle in the middle of that widget's own event (a paint event, say), Qt reads
freed memory. The application therefore collects from a timer on the event loop, between
events, never inside one.
"""
from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class IdleCollector(QObject):
    """Disables automatic collection and runs the collector from the event loop."""

    def __init__(self, interval_ms: int = 1000, parent: QObject | None = None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect)
        self._thresholds = gc.get_threshold()

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()

    def collect(self) -> None:
        # Young generations often; a full collection only when generation 2 has grown.
        counts = gc.get_count()
        if counts[0] > self._thresholds[0]:
            gc.collect(0)
        if counts[1] > self._thresholds[1]:
            gc.collect(1)
        if counts[2] > self._thresholds[2]:
            gc.collect(2)
