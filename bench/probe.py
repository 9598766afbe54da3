"""Run in a fresh process: start an app headless, stop at its first frame, report peak memory.

python -m bench.probe bare | python -m bench.probe jixiao PATH
The first frame of jixiao is the first paint once a form is on screen.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any


def main() -> None:
    if sys.argv[1] == "bare":
        from bench.bare_app import BareApp

        app: Any = BareApp()

        def ready() -> bool:
            return True
    else:
        from tui.app import JixiaoApp

        app = JixiaoApp(Path(sys.argv[2]))

        def ready() -> bool:
            screens = [s for s in app.screen_stack if hasattr(s, "figures")]
            return bool(screens) and screens[0].figures is not None

    display = app._display

    def first_frame(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        if renderable is not None and ready():
            app.exit()

    app._display = first_frame
    app.run(headless=True, size=(120, 40))
    print(peak_kib())


def peak_kib() -> int:
    """Peak resident memory of this process image. (ru_maxrss would include the parent's: Linux keeps
    it across fork and exec, so a child of a big benchmark process would report the parent's peak.)"""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    main()
